"""Render view data as one self-contained HTML page through PyVis, with no network access needed.

PyVis 0.3.2 leaves CDN links (bootstrap, tom-select, vis) in every
``cdn_resources`` mode, so the page uses its own escaping template (Jinja
autoescape) and inlines the vis-network script and style that PyVis bundles.
The graph travels as JSON in a ``<script type="application/json">`` block with
``<``, ``>`` and ``&`` escaped, so no ``</script>`` in a document can end it; a
Content-Security-Policy allows only the page's two scripts (by hash) and no
network fetches at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from kg.queries.viz.script import PAGE_CSS, PAGE_JS

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

    from kg.queries.viz.data import ViewData

__all__ = ["render_page", "script_json", "vis_options"]

_VIS_DIR = "templates/lib/vis-9.1.2"
_SYMBOL = {"dot": "\u25cf", "diamond": "\u25c6", "star": "\u2605", "square": "\u25a0", "triangleDown": "\u25bc"}
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{{ heading }} · kg</title>
<style>{{ vis_css }}</style>
<style>{{ page_css }}</style>
</head>
<body>
<header>
  <h1 id="kg-title">{{ heading }}</h1>
  <span id="kg-counts">{{ nodes|length }} nodes · {{ edges|length }} relationships · {{ documents }} documents</span>
  <form id="kg-search-form" role="search">
    <input id="kg-search" type="search" placeholder="Find a role, skill, certification…"
           autocomplete="off" aria-label="Find a node">
    <button type="submit">Find</button>
  </form>
  <ul id="kg-matches"></ul>
</header>
<main>
  <div id="mynetwork" role="img" aria-label="{{ heading }}"></div>
  <aside>
    <h2>Nodes <span class="kg-note">(untick to hide)</span></h2>
    <ul class="kg-legend" id="kg-node-legend">
    {%- for item in node_legend %}
      <li><label><input type="checkbox" class="kg-type-filter" data-type="{{ item.type }}" checked>
        <span class="kg-symbol" style="color: {{ item.color }}">{{ item.symbol }}</span> {{ item.label }}</label>
        <span class="kg-count">{{ item.count }}</span></li>
    {%- endfor %}
    </ul>
    <h2>Relationships</h2>
    <ul class="kg-legend" id="kg-edge-legend">
    {%- for item in edge_legend %}
      <li><span class="kg-line{{ ' dashed' if item.dashes }}" style="border-color: {{ item.color }}"></span>
        {{ item.label }} <span class="kg-count">{{ item.count }}</span></li>
    {%- endfor %}
      <li><span class="kg-line dashed" style="border-color: #9c9c9c"></span> preferred, not required</li>
    {%- if route %}
      <li><span class="kg-line" style="border-color: #e15759; border-top-width: 6px"></span> the route</li>
    {%- endif %}
    </ul>
    <p class="kg-note">Size: how strongly documents support a node's relationships.
      {%- if not physics %} Large graph: fixed layout, roles in the middle.{% endif %}</p>
    <h2>Details</h2>
    <div id="kg-detail"><p class="kg-hint">Click or find a node to see its evidence.</p></div>
  </aside>
</main>
<script id="kg-data" type="application/json">{{ {"nodes": nodes, "edges": edges, "options": vis_options,
  "view": view}|script_json }}</script>
<script>{{ vis_js }}</script>
<script>{{ page_js }}</script>
</body>
</html>
"""


def render_page(data: ViewData) -> str:
    """Return the page for ``data`` as a string, rendered by PyVis with the escaping template."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, heading=data.title, cdn_resources="in_line")
    # filled directly: add_node/add_edge check for duplicates in lists (quadratic; 8 s at 17k nodes)
    net.nodes = data.nodes
    net.edges = data.edges
    net.options = vis_options(data.physics, len(data.nodes))
    net.templateEnv = _environment()
    net.path = "kg-viz.html"
    net.templateEnv.globals.update(
        vis_options=net.options,
        view={"focus": data.focus, "physics": data.physics, "title": data.title},
        node_legend=[{**item, "symbol": _SYMBOL.get(item["shape"], "\u25cf")} for item in data.node_legend],
        edge_legend=data.edge_legend,
        route=data.route,
        physics=data.physics,
        documents=data.documents,
    )
    html: str = net.generate_html()
    return html


def vis_options(physics: bool, size: int) -> dict[str, Any]:
    """Return the vis-network options: physics for small views, a fixed layout and lighter drawing above."""
    options: dict[str, Any] = {
        "nodes": {
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 10, "max": 34, "label": {"enabled": True, "min": 13, "max": 22, "drawThreshold": 7}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "scaling": {"min": 1, "max": 5},
            "smooth": {"enabled": True, "type": "continuous"} if physics else False,
            "selectionWidth": 2,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": not physics,
                        "hideEdgesOnZoom": not physics, "multiselect": False},
        "layout": {"randomSeed": 7, "improvedLayout": physics and size <= 150},
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -70, "springLength": 110, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 300 if size <= 300 else 150, "fit": True},
        }
    else:
        options["physics"] = {"enabled": False}
    return options


def script_json(value: Any) -> Markup:
    """Return ``value`` as JSON that is safe inside a ``<script>`` element (no ``</``, ``<!--``).

    >>> str(script_json({"name": "</script><img src=x onerror=alert(1)>"}))
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    from markupsafe import Markup

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in _JSON_ESCAPES:
        text = text.replace(raw, escaped)
    return Markup(text)


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    lib = resources.files("pyvis").joinpath(_VIS_DIR)
    return {
        "vis_js": lib.joinpath("vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": lib.joinpath("vis-network.css").read_text(encoding="utf-8"),
        "page_js": PAGE_JS,
        "page_css": PAGE_CSS,
    }


def _environment() -> Environment:
    """A Jinja environment that escapes everything except the bundled assets."""
    from jinja2 import DictLoader, Environment
    from markupsafe import Markup

    assets = _assets()
    env = Environment(loader=DictLoader({"kg-viz.html": _TEMPLATE}), autoescape=True)
    env.filters["script_json"] = script_json
    env.globals.update({key: Markup(text) for key, text in assets.items()})
    env.globals["csp"] = _csp(assets["vis_js"], assets["page_js"])
    return env


def _csp(*scripts: str) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
