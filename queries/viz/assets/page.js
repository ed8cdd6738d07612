/* kg viz page: draws the graph, the route panel, details, filters; every text goes in through textContent. */
(function () {
  "use strict";
  var timing = {start: performance.now()};
  var payload = JSON.parse(document.getElementById("kg-data").textContent);
  timing.parsed = performance.now();
  var view = payload.view, routes = payload.routes || [], mode = view.mode;
  var dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
  var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var motion = still ? false : {duration: 300, easingFunction: "easeInOutQuad"};
  var container = document.getElementById("mynetwork");
  var detail = document.getElementById("kg-detail");
  var api = {ready: false, view: view, routes: routes, dark: dark, still: still, timing: timing};
  window.kgViz = api;

  // ---- the data: every record, who is linked to whom, what is drawn -------------------------------
  var all = {}, edgeOf = {}, adj = {}, styles = payload.styles, everyNode = [];
  function take(nodeList, edgeList) {  // register records; the file leaves out what the style table says
    nodeList.forEach(function (n) {
      if (n.color) { n.shape = n.shape || styles.nodes[n.type][1]; }  // a node with its own colours has no group
      else { n.group = n.type; }  // shape and colour from the type's group (vis would mix the two on hover)
      n.tip.id = n.id;
      n.tip.aliases = n.aliases;
      all[n.id] = n;
      adj[n.id] = [];
      everyNode.push(n);
    });
    edgeList.forEach(function (e) {
      var st = styles.edges[e.rel];
      if (!e.color) { e.color = {color: st[0], highlight: st[0], hover: st[0]}; }  // opacity: the global one
      if (e.dashes === undefined) { e.dashes = st[1]; }
      e.tip.name = all[e.from].tip.name + " \u2192 " + all[e.to].tip.name;
      e.tip.id = e.rel;
      e.tip.aliases = [];
      edgeOf[e.id] = e;
      adj[e.from].push(e.id);
      adj[e.to].push(e.id);
    });
  }
  take(payload.nodes, payload.edges);
  // a big overview carries everything but its roles in a second block, read on the first click or search
  // (the block comes after this script in the file, so the roles are drawn while the browser still reads it)
  var moreTaken = !view.more;
  function ensureAll() {
    var block = document.getElementById("kg-more");
    if (moreTaken || !block || document.readyState === "loading") { return false; }
    moreTaken = true;
    var more = JSON.parse(block.textContent);
    take(more.nodes, more.edges);
    index = null;
    return true;
  }
  api.ensureAll = ensureAll;
  var top = {};
  (view.top || []).forEach(function (id) { top[id] = true; });
  var typeOn = {}, relOn = {}, revealed = {}, routeOff = {}, minSupport = 1;
  var hideIsolated = mode === "overview";
  api.typeOn = typeOn;
  api.revealed = revealed;
  Object.keys(styles.nodes).forEach(function (type) {
    typeOn[type] = mode === "neighbourhood" || type === "Role";
  });
  var inPlay = {};
  function record(n) {  // the vis record: top roles of the overview get their label drawn by the page
    return top[n.id] ? Object.assign({}, n, {label: undefined}) : n;
  }
  var start = payload.nodes.filter(function (n) { return mode !== "overview" || n.type === "Role"; });
  start.forEach(function (n) { inPlay[n.id] = true; });
  var startEdges = payload.edges.filter(function (e) { return inPlay[e.from] && inPlay[e.to]; });
  var selected = {node: null, edge: null};
  api.selected = selected;
  var options = payload.options;
  options.groups = {};
  Object.keys(styles.nodes).forEach(function (type) {
    var c = styles.nodes[type][0];
    options.groups[type] = {shape: styles.nodes[type][1], color: {background: c, border: c,
      highlight: {background: c, border: "#111111"}, hover: {background: c, border: "#111111"}}};
  });
  options.nodes.font.color = dark ? "#e6e8eb" : "#1f2328";
  options.nodes.font.strokeColor = dark ? "#1b1d21" : "#ffffff";
  var shownNode = {}, shownEdge = {};
  var first = visibility(start.map(function (n) { return n.id; }), startEdges.map(function (e) { return e.id; }));
  var nodes = new vis.DataSet(start.map(function (n) {
    shownNode[n.id] = first.nodes[n.id];
    return Object.assign({}, record(n), {hidden: !first.nodes[n.id]});
  }));
  var edges = new vis.DataSet(startEdges.map(function (e) {
    shownEdge[e.id] = first.edges[e.id];
    return Object.assign({}, e, {hidden: !first.edges[e.id]});
  }));
  api.nodes = nodes;
  api.edges = edges;
  api.all = all;
  timing.datasets = performance.now();
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  api.network = network;
  timing.network = performance.now();
  container.querySelectorAll("[tabindex]").forEach(function (e) { e.tabIndex = -1; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function button(cls, text, onClick) {
    var b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function tip(t) {
    var box = el("div", "kg-tip");
    box.appendChild(el("div", "kg-tip-name", t.name));
    box.appendChild(el("div", "kg-tip-kind", t.kind + " \u00b7 " + t.id));
    if (t.aliases.length) { box.appendChild(el("div", "kg-tip-aliases", "Also called: " + t.aliases.join(", "))); }
    t.facts.forEach(function (f) { box.appendChild(el("div", "kg-tip-fact", f)); });
    if (t.quotes.length) {
      var list = el("ul", "kg-tip-quotes");
      t.quotes.forEach(function (q) {
        var item = el("li");
        item.appendChild(el("q", null, q[1]));
        item.appendChild(el("span", "kg-tip-doc", " \u2014 " + q[0]));
        list.appendChild(item);
      });
      box.appendChild(list);
    } else {
      box.appendChild(el("div", "kg-tip-fact", "No quotes stored."));
    }
    if (t.more) { box.appendChild(el("div", "kg-tip-more", "+" + t.more + " more quote(s)")); }
    return box;
  }
  api.tip = function (id) { var n = all[id]; return n ? tip(n.tip) : null; };

  // tooltips are built on first hover (DOM elements, never HTML strings)
  network.on("hoverNode", function (p) {
    var n = nodes.get(p.node);
    if (n && !n.title) { nodes.update({id: n.id, title: tip(n.tip)}); }
  });
  network.on("hoverEdge", function (p) {
    var e = edges.get(p.edge);
    if (e && !e.title) { edges.update({id: e.id, title: tip(e.tip)}); }
  });

  // ---- what is shown: types, relationships, support, isolated nodes, routes --------------------------
  function routeHidden(id) {
    if (!routes.length) { return false; }
    var on = false, any = false;
    routes.forEach(function (r) {
      r.roles.forEach(function (x) { if (x.id === id) { any = true; if (!routeOff[r.index]) { on = true; } } });
    });
    return any && !on;
  }
  function visibility(nodeIds, edgeIds) {  // which of these nodes and edges the filters let through
    var nodeOk = {}, degree = {}, edgeOk = {}, out = {};
    nodeIds.forEach(function (id) {
      nodeOk[id] = Boolean(typeOn[all[id].type] || revealed[id]) && !routeHidden(id);
      degree[id] = 0;
    });
    edgeIds.forEach(function (id) {
      var e = edgeOf[id];
      var ok = Boolean(nodeOk[e.from] && nodeOk[e.to] && relOn[e.rel] !== false && (e.support || 1) >= minSupport &&
                       !(e.route && routeOff[e.routeIndex]));
      if (ok) { degree[e.from] += 1; degree[e.to] += 1; }
      edgeOk[id] = ok;
    });
    nodeIds.forEach(function (id) {
      out[id] = nodeOk[id] && Boolean(!hideIsolated || degree[id] > 0 || id === selected.node);
    });
    return {nodes: out, edges: edgeOk};
  }
  function applyFilters() {
    var now = visibility(nodes.getIds(), edges.getIds()), edgeUpdates = [], nodeUpdates = [];
    Object.keys(now.edges).forEach(function (id) {
      if (shownEdge[id] !== now.edges[id]) { shownEdge[id] = now.edges[id]; edgeUpdates.push({id: id, hidden: !now.edges[id]}); }
    });
    Object.keys(now.nodes).forEach(function (id) {
      if (shownNode[id] !== now.nodes[id]) { shownNode[id] = now.nodes[id]; nodeUpdates.push({id: id, hidden: !now.nodes[id]}); }
    });
    edges.update(edgeUpdates);
    nodes.update(nodeUpdates);
    api.shown = Object.keys(shownNode).filter(function (id) { return shownNode[id]; }).length;
    return api.shown;
  }
  api.applyFilters = applyFilters;
  function fitShown(animation) {
    var ids = nodes.getIds({filter: function (n) { return !n.hidden; }});
    network.fit({nodes: ids, animation: animation});
  }
  api.fit = fitShown;

  function addToPlay(ids) {
    var add = ids.filter(function (id) { return all[id] && !inPlay[id]; });
    add.forEach(function (id) { inPlay[id] = true; });
    nodes.add(add.map(function (id) { return record(all[id]); }));
    var links = {};
    add.forEach(function (id) {
      adj[id].forEach(function (eid) {
        var e = edgeOf[eid];
        if (inPlay[e.from] && inPlay[e.to] && !edges.get(eid)) { links[eid] = e; }
      });
    });
    edges.add(Object.keys(links).map(function (k) { return links[k]; }));
    return add.length;
  }
  function expand(id) {
    ensureAll();
    var others = adj[id].map(function (eid) { var e = edgeOf[eid]; return e.from === id ? e.to : e.from; });
    addToPlay(others);
    others.forEach(function (o) { revealed[o] = true; });
    applyFilters();
    return others.length;
  }
  api.expand = expand;

  var boxes = {};
  document.querySelectorAll("input.kg-type-filter").forEach(function (box) {
    boxes[box.dataset.type] = box;
    box.checked = !!typeOn[box.dataset.type];
    box.addEventListener("change", function () { setTypeVisible(box.dataset.type, box.checked); });
  });
  function setTypeVisible(type, on) {
    if (boxes[type]) { boxes[type].checked = on; }
    typeOn[type] = on;
    if (on) { ensureAll(); }
    if (on) { addToPlay(everyNode.filter(function (n) { return n.type === type; }).map(function (n) { return n.id; })); }
    if (!on) { Object.keys(revealed).forEach(function (id) { if (all[id].type === type) { delete revealed[id]; } }); }
    applyFilters();
    fitShown(motion);
    return nodes.get({filter: function (n) { return n.type === type; }}).length;
  }
  api.setTypeVisible = setTypeVisible;
  document.querySelectorAll("input.kg-rel-filter").forEach(function (box) {
    box.addEventListener("change", function () { relOn[box.dataset.rel] = box.checked; applyFilters(); });
  });
  var support = document.getElementById("kg-min-support");
  support.addEventListener("input", function () {
    minSupport = Number(support.value);
    document.getElementById("kg-min-support-value").textContent = support.value;
    applyFilters();
  });
  var isolated = document.getElementById("kg-hide-isolated");
  isolated.checked = hideIsolated;
  isolated.addEventListener("change", function () { hideIsolated = isolated.checked; applyFilters(); });

  // ---- selection: fade everything but the neighbourhood, list the relationships ---------------------
  // fading is drawn, not stored: after vis draws, a veil of the background covers the canvas and the kept
  // nodes and edges are drawn again on top (one redraw, whatever the size of the graph)
  var keep = null;
  function fade(keepNodes, keepEdges) {
    keep = keepNodes === null ? null : {nodes: keepNodes, edges: keepEdges};
    network.redraw();
  }
  api.faded = function (id) { return keep !== null && !keep.nodes[id]; };
  function drawVeil(ctx) {
    if (keep === null) { return; }
    var canvas = ctx.canvas;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 0.8;
    ctx.fillStyle = dark ? "#1b1d21" : "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.restore();
    Object.keys(keep.edges).forEach(function (id) {
      var e = network.body.edges[id];
      if (e && e.connected && !e.options.hidden) { e.draw(ctx); }
    });
    Object.keys(keep.nodes).forEach(function (id) {
      var n = network.body.nodes[id];
      if (n && !n.options.hidden) { n.draw(ctx); }
    });
  }
  function reveal(id) {
    if (!all[id]) { return false; }
    addToPlay([id]);
    if (!typeOn[all[id].type]) { revealed[id] = true; }
    applyFilters();
    return true;
  }
  function selectNode(id, move) {
    ensureAll();
    if (!reveal(id)) { return false; }
    selected.node = id;
    selected.edge = null;
    network.selectNodes([id], false);
    var keepN = {}, keepE = {};
    keepN[id] = true;
    adj[id].forEach(function (eid) { var e = edgeOf[eid]; keepE[eid] = true; keepN[e.from] = true; keepN[e.to] = true; });
    fade(keepN, keepE);
    if (move) { network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: motion}); }
    showNode(id);
    return true;
  }
  function selectEdge(eid) {
    ensureAll();
    var e = edgeOf[eid];
    if (!e) { return false; }
    reveal(e.from);
    reveal(e.to);
    selected.node = null;
    selected.edge = eid;
    network.setSelection({nodes: [], edges: [eid]}, {unselectAll: true, highlightEdges: false});
    var keepN = {}, keepE = {};
    keepN[e.from] = true; keepN[e.to] = true; keepE[eid] = true;
    fade(keepN, keepE);
    showEdge(eid);
    return true;
  }
  function clearSelection() {
    selected.node = null;
    selected.edge = null;
    network.unselectAll();
    fade(null, null);
    markStep(null, null);
    detail.replaceChildren(el("p", "kg-hint", "Click a node or a relationship to see its evidence."));
  }
  api.selectNode = selectNode;
  api.selectEdge = selectEdge;
  api.clearSelection = clearSelection;
  api.focusNode = function (id) { return selectNode(id, true); };

  var GROUPS = [  // [relationship, this node is the source, heading, required filter]
    ["PROGRESSES_TO", true, "Moves to"], ["PROGRESSES_TO", false, "Comes from"],
    ["REQUIRES_SKILL", true, "Requires (required)", true], ["REQUIRES_SKILL", true, "Requires (preferred)", false],
    ["REQUIRES_SKILL", false, "Needed by"], ["RECOMMENDS_CERTIFICATION", true, "Certifications"],
    ["RECOMMENDS_CERTIFICATION", false, "Recommended for"], ["VALIDATES", true, "Validates"],
    ["VALIDATES", false, "Validated by"], ["REQUIRES_EDUCATION", true, "Education"],
    ["REQUIRES_EDUCATION", false, "Asked for by"], ["HAS_SALARY", true, "Salary"], ["HAS_SALARY", false, "Salary of"]
  ];
  function showNode(id) {
    var n = all[id], box = tip(n.tip);
    GROUPS.forEach(function (g) {
      var items = adj[id].map(function (eid) { return edgeOf[eid]; }).filter(function (e) {
        return e.rel === g[0] && (g[1] ? e.from === id : e.to === id) && (g[3] === undefined || e.required === g[3]);
      });
      if (!items.length) { return; }
      box.appendChild(el("div", "kg-group", g[2] + " (" + items.length + ")"));
      var list = el("ul", "kg-rels");
      items.forEach(function (e) {
        var other = g[1] ? e.to : e.from, item = el("li");
        item.appendChild(button("kg-rel kg-nav", all[other].label, function () { selectNode(other, true); }));
        list.appendChild(item);
      });
      box.appendChild(list);
    });
    if (adj[id].length) {
      box.appendChild(button("kg-expand", "Show all " + adj[id].length + " neighbours", function () { expand(id); }));
    }
    detail.replaceChildren(box);
  }
  function showEdge(eid) {
    var e = edgeOf[eid], box = tip(e.tip), list = el("ul", "kg-rels");
    [e.from, e.to].forEach(function (id) {
      var item = el("li");
      item.appendChild(button("kg-rel kg-nav", all[id].label, function () { selectNode(id, true); }));
      list.appendChild(item);
    });
    box.appendChild(list);
    detail.replaceChildren(box);
  }

  network.on("click", function (p) {
    if (p.nodes.length) { selectNode(p.nodes[0], false); }
    else if (p.edges.length) { selectEdge(p.edges[0]); }
    else { clearSelection(); }
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) { expand(p.nodes[0]); } });

  // ---- search: route roles first, then roles, then the rest; say how many are listed ----------------
  function norm(s) { return String(s).toLowerCase().replace(/\s+/g, " ").trim(); }
  var onRoute = {};
  routes.forEach(function (r) { r.roles.forEach(function (x) { onRoute[x.id] = true; }); });
  var index = null;
  function searchIndex() {
    ensureAll();
    if (!index) {
      index = everyNode.map(function (n) { return [n.id, [n.label, n.tip.name, n.id].concat(n.aliases).map(norm)]; });
    }
    return index;
  }
  function rank(id) { return onRoute[id] ? 0 : all[id].type === "Role" ? 1 : 2; }
  function find(query) {  // route roles, then roles, then the rest; within each exact, prefix, then part matches
    var q = norm(query), hits = [];
    if (!q) { return []; }
    searchIndex().forEach(function (entry, order) {
      var keys = entry[1], tier = -1;
      if (keys.indexOf(q) >= 0) { tier = 0; }
      else if (keys.some(function (k) { return k.indexOf(q) === 0; })) { tier = 1; }
      else if (keys.some(function (k) { return k.indexOf(q) > 0; })) { tier = 2; }
      if (tier >= 0) { hits.push([rank(entry[0]), tier, order, entry[0]]); }
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.map(function (h) { return h[3]; });
  }
  api.find = find;
  var input = document.getElementById("kg-search"), matches = document.getElementById("kg-matches");
  var matchNote = document.getElementById("kg-match-note"), SHOWN = 8;
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var hits = find(input.value);
    matches.replaceChildren();
    matchNote.textContent = hits.length > SHOWN ? SHOWN + " of " + hits.length + " matches shown; type more to narrow" : "";
    if (!hits.length) { matches.appendChild(el("li", "kg-hint", "No node matches \u201c" + input.value + "\u201d.")); }
    hits.slice(0, SHOWN).forEach(function (id) {
      var item = el("li");
      item.appendChild(button("kg-match kg-nav", all[id].tip.name + " (" + all[id].type + ")",
                              function () { selectNode(id, true); }));
      matches.appendChild(item);
    });
    if (hits.length) { selectNode(hits[0], true); }
  });

  // ---- the route panel: numbered steps, skills to learn, stating documents, copy as text -----------
  var stepButtons = [];
  function edgeFor(from, to) {
    var found = null;
    adj[from].forEach(function (eid) { var e = edgeOf[eid]; if (e.rel === "PROGRESSES_TO" && e.to === to) { found = eid; } });
    return found;
  }
  function markStep(r, s) {
    stepButtons.forEach(function (b) {
      var on = Number(b.dataset.route) === r && Number(b.dataset.step) === s;
      if (on) { b.setAttribute("aria-current", "step"); } else { b.removeAttribute("aria-current"); }
      if (on) { b.nextSibling.hidden = false; b.setAttribute("aria-expanded", "true"); }
    });
  }
  function selectStep(r, s) {
    var step = routes[r].steps[s], eid = edgeFor(step.from, step.to);
    if (eid) { selectEdge(eid); }
    markStep(r, s);
    return eid;
  }
  api.selectStep = selectStep;
  function highlightSkill(chip, id) {
    document.querySelectorAll(".kg-chip").forEach(function (c) { c.setAttribute("aria-pressed", String(c === chip)); });
    selectNode(id, false);
  }
  function chips(list, cls) {
    var box = el("div", "kg-chips");
    list.forEach(function (s) {
      var chip = button("kg-chip kg-nav " + cls, s.name, function () { highlightSkill(chip, s.id); });
      chip.dataset.skill = s.id;
      chip.setAttribute("aria-pressed", "false");
      box.appendChild(chip);
    });
    return box;
  }
  function name(id) { return all[id] ? all[id].tip.name : id; }
  function buildRoutePanel() {
    var host = document.getElementById("kg-route-list");
    if (!host) { return; }
    routes.forEach(function (r) {
      var box = el("div", "kg-route"), head = el("div", "kg-route-head");
      box.style.borderColor = r.color;
      box.dataset.route = r.index;
      if (r.index > 0) {
        var toggle = el("input");
        toggle.type = "checkbox";
        toggle.checked = true;
        toggle.setAttribute("aria-label", "Show alternative route " + (r.index + 1));
        toggle.addEventListener("change", function () { routeOff[r.index] = !toggle.checked; applyFilters(); });
        head.appendChild(toggle);
      }
      head.appendChild(el("span", null, (r.index ? "Alternative " + (r.index + 1) : "Route") + ": " +
                          r.steps.length + " move" + (r.steps.length === 1 ? "" : "s")));
      box.appendChild(head);
      var list = el("ol", "kg-steps");
      r.steps.forEach(function (step, s) {
        var item = el("li"), body = el("div", "kg-step-body");
        var b = button("kg-step kg-nav", (s + 1) + ". " + name(step.from) + " \u2192 " + name(step.to),
                       function () { selectStep(r.index, s); });
        b.dataset.route = r.index;
        b.dataset.step = s;
        b.setAttribute("aria-expanded", String(r.index === 0));
        body.hidden = r.index !== 0;
        stepButtons.push(b);
        body.appendChild(el("div", "kg-group", step.required.length ? "Learn (required by " + name(step.to) + ")"
                                                                      : "No new required skills"));
        body.appendChild(chips(step.required, "required"));
        if (step.preferred.length) {
          body.appendChild(el("div", "kg-group", "Also preferred"));
          body.appendChild(chips(step.preferred, "preferred"));
        }
        var docs = {};
        step.quotes.forEach(function (q) { docs[q[0]] = true; });
        var more = el("details"), summary = el("summary", null, "Stated in " + Object.keys(docs).length +
                                                " document(s): " + Object.keys(docs).join(", "));
        more.appendChild(summary);
        var quotes = el("ul", "kg-quotes");
        step.quotes.forEach(function (q) {
          var qi = el("li");
          qi.appendChild(el("q", null, q[1]));
          qi.appendChild(el("span", "kg-tip-doc", " \u2014 " + q[0]));
          quotes.appendChild(qi);
        });
        if (step.more) { quotes.appendChild(el("li", "kg-tip-more", "+" + step.more + " more quote(s)")); }
        more.appendChild(quotes);
        body.appendChild(more);
        item.appendChild(b);
        item.appendChild(body);
        list.appendChild(item);
      });
      box.appendChild(list);
      host.appendChild(box);
    });
  }
  function routeText() {
    return routes.map(function (r) {
      var lines = [(r.index ? "Alternative " + (r.index + 1) + ": " : "") +
                   r.roles.map(function (x) { return x.name; }).join(" \u2192 ") + "  (" + r.steps.length + " moves)"];
      r.steps.forEach(function (step, s) {
        var learn = step.required.map(function (x) { return x.name; });
        var pref = step.preferred.map(function (x) { return x.name; });
        var docs = Object.keys(step.quotes.reduce(function (d, q) { d[q[0]] = 1; return d; }, {}));
        lines.push("  " + (s + 1) + ". " + name(step.from) + " \u2192 " + name(step.to) +
                   " | learn: " + (learn.join(", ") || "nothing new") +
                   (pref.length ? " | preferred: " + pref.join(", ") : "") + " | stated in: " + docs.join(", "));
      });
      return lines.join("\n");
    }).join("\n\n");
  }
  api.routeText = routeText;
  var copy = document.getElementById("kg-copy");
  if (copy) {
    copy.addEventListener("click", function () {
      var text = routeText(), note = document.getElementById("kg-copy-note");
      var done = function () { note.textContent = "Copied."; };
      var fallback = function () {
        var area = el("textarea");
        area.value = text;
        document.body.appendChild(area);
        area.select();
        var ok = document.execCommand && document.execCommand("copy");
        area.remove();
        note.textContent = ok ? "Copied." : "Select the route steps above and copy them.";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) { navigator.clipboard.writeText(text).then(done, fallback); }
      else { fallback(); }
    });
  }
  buildRoutePanel();

  // ---- keyboard: Escape clears, arrow keys move within a list of buttons -----------------------------
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { clearSelection(); return; }
    var t = document.activeElement;
    if (!t || !t.classList || !t.classList.contains("kg-nav")) { return; }
    var step = {ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1}[ev.key];
    if (!step) { return; }
    var scope = t.closest(".kg-tip, .kg-route, #kg-matches") || document;
    var list = Array.prototype.slice.call(scope.querySelectorAll(".kg-nav"));
    var next = list[list.indexOf(t) + step];
    if (next) { next.focus(); ev.preventDefault(); }
  });

  // ---- overview labels, export, fit -------------------------------------------------------------------
  api.topLabels = [];
  network.on("afterDrawing", function (ctx) {
    drawVeil(ctx);
    var ids = Object.keys(top).filter(function (id) { return keep === null || keep.nodes[id]; });
    if (!ids.length) { return; }
    var scale = network.getScale(), size = 13 / scale, boxes = [];
    ctx.save();
    ctx.font = "600 " + size + "px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineWidth = 4 / scale;
    ctx.strokeStyle = dark ? "#1b1d21" : "#ffffff";
    ctx.fillStyle = dark ? "#e6e8eb" : "#1f2328";
    ids.forEach(function (id) {
      var body = network.body.nodes[id];
      if (!body || body.options.hidden) { return; }
      var text = all[id].label, w = ctx.measureText(text).width, x = body.x, y = body.y + body.shape.height / 2 + 4 / scale;
      var box = [x - w / 2, y, x + w / 2, y + size * 1.2];
      if (boxes.some(function (b) { return b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]; })) { return; }
      boxes.push(box);
      ctx.strokeText(text, x, y);
      ctx.fillText(text, x, y);
    });
    ctx.restore();
    api.topLabels = boxes;
  });
  function exportPng() {
    var canvas = container.querySelector("canvas"), copyCanvas = document.createElement("canvas");
    copyCanvas.width = canvas.width;
    copyCanvas.height = canvas.height;
    var ctx = copyCanvas.getContext("2d");
    ctx.fillStyle = dark ? "#1b1d21" : "#ffffff";
    ctx.fillRect(0, 0, copyCanvas.width, copyCanvas.height);
    ctx.drawImage(canvas, 0, 0);
    return copyCanvas.toDataURL("image/png");
  }
  api.exportPng = exportPng;
  document.getElementById("kg-png").addEventListener("click", function () {
    var a = el("a");
    a.href = exportPng();
    a.download = (view.title || "kg-view").replace(/[^\w\- ]+/g, "").trim().replace(/\s+/g, "-") + ".png";
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
  document.getElementById("kg-fit").addEventListener("click", function () { fitShown(motion); });

  // a big view zoomed out draws no arrowheads (a quarter of each redraw); they come back when zoomed in
  var arrowsOn = true;
  function arrowsForScale() {
    var want = nodes.length < 1500 || network.getScale() >= 0.5;
    if (want !== arrowsOn) {
      arrowsOn = want;
      network.setOptions({edges: {arrows: {to: {enabled: want}}}});
    }
    api.arrows = arrowsOn;
  }
  network.on("zoom", arrowsForScale);

  // ---- ready ------------------------------------------------------------------------------------------
  var progress = document.getElementById("kg-progress");
  function ready() {
    applyFilters();
    fitShown(false);
    // the canvas may still change size while the page lays out: fit again once it has its final size
    window.addEventListener("load", function () { fitShown(false); }, {once: true});
    window.addEventListener("resize", function () { if (!api.userMoved) { fitShown(false); } });
    network.once("dragStart", function () { api.userMoved = true; });
    network.once("zoom", function () { api.userMoved = true; });
    arrowsForScale();
    if (view.focus && all[view.focus]) { selectNode(view.focus, false); }
    network.once("afterDrawing", function () {  // the first picture; ready once the whole file is read
      api.readyAt = performance.now();
      var done = function () {
        api.loadedAt = performance.now();
        api.ready = true;
        document.body.dataset.ready = "true";
      };
      if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", done); } else { done(); }
    });
    network.redraw();
  }
  if (view.physics) {
    network.on("stabilizationProgress", function (p) {
      progress.textContent = "Laying out: " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      ready();
    });
  } else {
    ready();
  }
})();
