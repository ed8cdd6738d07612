
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("kg-data").textContent);
  var view = payload.view;
  var nodes = new vis.DataSet(payload.nodes);
  var edges = new vis.DataSet(payload.edges);
  var container = document.getElementById("mynetwork");
  var api = {nodes: nodes, edges: edges, ready: false, view: view};
  window.kgViz = api;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
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
  api.tip = function (id) { var n = nodes.get(id); return n ? tip(n.tip) : null; };

  var network = new vis.Network(container, {nodes: nodes, edges: edges}, payload.options);
  api.network = network;

  // tooltips are built on first hover (DOM elements, never HTML strings)
  network.on("hoverNode", function (p) {
    var n = nodes.get(p.node);
    if (n && !n.title) { nodes.update({id: n.id, title: tip(n.tip)}); }
  });
  network.on("hoverEdge", function (p) {
    var e = edges.get(p.edge);
    if (e && !e.title) { edges.update({id: e.id, title: tip(e.tip)}); }
  });

  var detail = document.getElementById("kg-detail");
  function showDetails(id) {
    var n = nodes.get(id);
    detail.replaceChildren(n ? tip(n.tip) : el("p", "kg-hint", "Click or find a node to see its evidence."));
  }
  network.on("selectNode", function (p) { showDetails(p.nodes[0]); });
  network.on("deselectNode", function () { showDetails(null); });

  var boxes = {};
  document.querySelectorAll("input.kg-type-filter").forEach(function (box) {
    boxes[box.dataset.type] = box;
    box.addEventListener("change", function () { setTypeVisible(box.dataset.type, box.checked); });
  });
  function setTypeVisible(type, on) {
    if (boxes[type]) { boxes[type].checked = on; }
    var changed = nodes.get({filter: function (n) { return n.type === type; }})
      .map(function (n) { return {id: n.id, hidden: !on}; });
    nodes.update(changed);
    return changed.length;
  }
  api.setTypeVisible = setTypeVisible;

  function norm(s) { return String(s).toLowerCase().replace(/\s+/g, " ").trim(); }
  var index = payload.nodes.map(function (n) {
    return [n.id, [n.label, n.id].concat(n.aliases).map(norm)];
  });
  function find(query) {
    var q = norm(query), exact = [], prefix = [], part = [];
    if (!q) { return []; }
    index.forEach(function (entry) {
      var keys = entry[1];
      if (keys.indexOf(q) >= 0) { exact.push(entry[0]); }
      else if (keys.some(function (k) { return k.indexOf(q) === 0; })) { prefix.push(entry[0]); }
      else if (keys.some(function (k) { return k.indexOf(q) > 0; })) { part.push(entry[0]); }
    });
    return exact.concat(prefix, part);
  }
  function focusNode(id) {
    var n = nodes.get(id);
    if (!n) { return false; }
    if (n.hidden) { setTypeVisible(n.type, true); }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.2), animation: {duration: 300}});
    showDetails(id);
    return true;
  }
  api.find = find;
  api.focusNode = focusNode;

  var input = document.getElementById("kg-search");
  var matches = document.getElementById("kg-matches");
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var hits = find(input.value);
    matches.replaceChildren();
    if (!hits.length) { matches.appendChild(el("li", "kg-hint", "No node matches \u201c" + input.value + "\u201d.")); }
    hits.slice(0, 8).forEach(function (id) {
      var n = nodes.get(id), item = el("li"), button = el("button", "kg-match", n.label + " (" + n.type + ")");
      button.type = "button";
      button.addEventListener("click", function () { focusNode(id); });
      item.appendChild(button);
      matches.appendChild(item);
    });
    if (hits.length) { focusNode(hits[0]); }
  });

  function ready() {
    if (view.focus && nodes.get(view.focus)) { network.selectNodes([view.focus]); showDetails(view.focus); }
    api.ready = true;
    document.body.dataset.ready = "true";
  }
  if (view.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      network.fit();
      ready();
    });
  } else {
    network.once("afterDrawing", ready);
  }
})();
