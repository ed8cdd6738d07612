"""Render view data as one self-contained HTML page through PyVis, with no network access needed.

PyVis 0.3.2 leaves CDN links (bootstrap, tom-select, vis) in every
``cdn_resources`` mode, so the page uses its own escaping template (Jinja
autoescape, ``assets/page.html``) and inlines the vis-network script and style
that PyVis bundles, then the page's own ``assets/page.js`` and ``assets/page.css``.
The page script reads the graph from the JSON block and builds every tooltip and
list item with ``textContent`` (document text never reaches ``innerHTML``); it
exposes ``window.kgViz`` (network, data sets, ``find``, ``focusNode``,
``setTypeVisible``, ``tip``, ``ready``) for tests and the browser console.
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

from kg.plugins import require

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

    from kg.queries.viz.data import ViewData

__all__ = ["render_page", "script_json", "vis_options"]

_VIS_DIR = "templates/lib/vis-9.1.2"
_SYMBOL = {"dot": "\u25cf", "diamond": "\u25c6", "star": "\u2605", "square": "\u25a0", "triangleDown": "\u25bc"}
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))

def render_page(data: ViewData) -> str:
    """Return the page for ``data`` as a string, rendered by PyVis with the escaping template."""
    for module in ("pyvis", "jinja2", "markupsafe"):
        require("viz", module, "the HTML view")
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
        "page_js": _asset("page.js"),
        "page_css": _asset("page.css"),
    }


def _asset(name: str) -> str:
    """Return one of the page's own files (``queries/viz/assets/``: page.html, page.js, page.css)."""
    return resources.files("kg.queries.viz").joinpath("assets", name).read_text(encoding="utf-8")


def _environment() -> Environment:
    """A Jinja environment that escapes everything except the bundled assets."""
    from jinja2 import DictLoader, Environment
    from markupsafe import Markup

    assets = _assets()
    env = Environment(loader=DictLoader({"kg-viz.html": _asset("page.html")}), autoescape=True)
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
