"""Turn a view selection into vis-network node and edge records: style, size, evidence tooltips, layout.

Nothing here produces HTML. Names, aliases and quotes travel as plain data;
the page draws labels on a canvas and builds tooltips with ``textContent``,
so text read from a document is never parsed as markup.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.graph.types import (
    CERTIFICATION,
    DEGREE,
    DESCRIBED_IN,
    HAS_SALARY,
    MENTIONED_IN,
    PROGRESSES_TO,
    RECOMMENDS_CERTIFICATION,
    REQUIRES_EDUCATION,
    REQUIRES_EXPERIENCE,
    REQUIRES_SKILL,
    ROLE,
    SALARY_RANGE,
    SKILL,
    VALIDATES,
)
from kg.queries.viz.route import ROUTE_COLOURS, RoutePlan, route_payload

if TYPE_CHECKING:
    from kg.graph.model import Edge, Node
    from kg.graph.protocols import GraphReader

__all__ = ["Selection", "ViewData", "NODE_STYLE", "EDGE_STYLE", "PHYSICS_LIMIT", "BROWSER_LIMIT", "MAX_QUOTES",
           "view_data", "contrast"]

#: a neighbourhood view above this many nodes gets precomputed positions instead of physics
PHYSICS_LIMIT = 1000
#: above this many nodes the page says a browser cannot keep up and suggests a smaller view
BROWSER_LIMIT = 50_000
#: quotes shown per node or edge tooltip (the rest are counted)
MAX_QUOTES = 4

#: the page's backgrounds (light, dark): every colour below keeps >= 3:1 against both
BACKGROUNDS = ("#ffffff", "#1b1d21")
#: node type -> (legend label, colour, vis shape)
NODE_STYLE: dict[str, tuple[str, str, str]] = {
    ROLE: ("Role", "#4e79a7", "dot"),
    SKILL: ("Skill", "#c25e00", "diamond"),
    CERTIFICATION: ("Certification", "#3d8a33", "star"),
    DEGREE: ("Degree", "#9c5b8f", "square"),
    SALARY_RANGE: ("Salary range", "#8a6d00", "triangleDown"),
}
#: relationship -> (legend label, colour, dashes)
EDGE_STYLE: dict[str, tuple[str, str, bool | list[int]]] = {
    PROGRESSES_TO: ("progresses to", "#4e79a7", False),
    REQUIRES_SKILL: ("requires skill", "#757575", False),
    RECOMMENDS_CERTIFICATION: ("recommends certification", "#3d8a33", [6, 4]),
    VALIDATES: ("certification validates skill", "#2b8a84", [2, 4]),
    REQUIRES_EDUCATION: ("requires education", "#9c5b8f", [10, 4]),
    HAS_SALARY: ("has salary", "#8a6d00", [2, 2]),
}
_NODE_QUOTES = {MENTIONED_IN, DESCRIBED_IN, REQUIRES_EXPERIENCE}
_TARGET_QUOTES = {HAS_SALARY, REQUIRES_EDUCATION}
_FACT_KEYS = ("seniority", "track", "kind", "category", "issuer", "level", "field", "region", "year")


@dataclass(frozen=True)
class Selection:
    """What a view shows: node ids in order, what to highlight and a title."""

    title: str
    nodes: tuple[str, ...]
    highlight_nodes: frozenset[str] = frozenset()
    highlight_edges: frozenset[tuple[str, str, str]] = frozenset()
    focus: str | None = None
    whole: bool = field(default=False)
    routes: tuple[RoutePlan, ...] = ()


@dataclass(frozen=True)
class ViewData:
    """Everything the page needs: vis records, legend entries, layout mode and the route panel."""

    title: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    physics: bool
    focus: str | None
    node_legend: list[dict[str, Any]]
    edge_legend: list[dict[str, Any]]
    route: bool
    documents: int
    mode: str = "neighbourhood"
    routes: list[dict[str, Any]] = field(default_factory=list)
    top: list[str] = field(default_factory=list)
    warning: str | None = None


def view_data(store: GraphReader, selection: Selection) -> ViewData:
    """Return the styled, positioned nodes and edges of a selection, with evidence for every tooltip.

    Routes are laid out as a ladder, the whole graph as an overview of roles
    (the page adds the other nodes on demand), small neighbourhoods by physics.
    """
    if selection.whole:  # one scan instead of one lookup per node
        by_id = {n.id: n for n in store.nodes() if n.type in NODE_STYLE}
        nodes = [by_id[i] for i in selection.nodes if i in by_id]
    else:
        nodes = [n for n in map(store.node, selection.nodes) if n is not None and n.type in NODE_STYLE]
    ids = {n.id for n in nodes}
    edges = _edges(store, ids, selection.whole)
    docs = {d.id: d.name for d in store.documents()}
    node_quotes, edge_quotes = _quotes(store, ids, {(e.type, e.src, e.dst) for e in edges})
    strength: dict[str, float] = defaultdict(float)
    for e in edges:
        strength[e.src] += e.weight
        strength[e.dst] += e.weight
    node_rows = [_node_row(n, strength[n.id], node_quotes.get(n.id, []), docs, selection.highlight_nodes)
                 for n in nodes]
    edge_rows = [_edge_row(i, e, edge_quotes.get((e.type, e.src, e.dst), []), docs, selection.highlight_edges)
                 for i, e in enumerate(edges)]
    widest = max((row["value"] for row in edge_rows), default=1.0)
    for row in edge_rows:
        if row.get("route"):
            row["value"] = widest  # vis scales every edge that has a value; a route edge gets the most
    mode, top = _lay_out(selection, node_rows, edge_rows)
    counts = defaultdict(int, ((t, sum(1 for n in nodes if n.type == t)) for t in NODE_STYLE))
    rel_counts = defaultdict(int, ((r, sum(1 for e in edges if e.type == r)) for r in EDGE_STYLE))
    node_legend = [{"type": t, "label": s[0], "color": s[1], "shape": s[2], "count": counts[t]}
                   for t, s in NODE_STYLE.items() if counts[t]]
    edge_legend = [{"rel": r, "label": s[0], "color": s[1], "dashes": bool(s[2]), "count": rel_counts[r]}
                   for r, s in EDGE_STYLE.items() if rel_counts[r]]
    warning = None
    if len(node_rows) > BROWSER_LIMIT:
        warning = (f"This graph has {len(node_rows):,} nodes, more than a browser can draw smoothly "
                   f"(about {BROWSER_LIMIT:,}). It opens on the roles only; for a readable picture write a "
                   "smaller view with kg viz --focus ROLE or kg viz --skill SKILL.")
    return ViewData(selection.title, node_rows, edge_rows, mode == "neighbourhood", selection.focus, node_legend,
                    edge_legend, bool(selection.highlight_edges), len(docs), mode,
                    route_payload(selection.routes), top, warning)


def _lay_out(selection: Selection, nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """Position the rows for the view's mode and return (mode, top role ids)."""
    from kg.queries.viz.layout import ladder_layout, overview_layout

    if selection.routes:
        _style_routes(selection.routes, nodes, edges)
        ladder_layout(nodes, edges, [plan.role_ids for plan in selection.routes])
        return "route", []
    if selection.whole or len(nodes) > PHYSICS_LIMIT:
        return "overview", overview_layout(nodes, edges)
    return "neighbourhood", []


def _style_routes(routes: tuple[RoutePlan, ...], nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Draw roles as labelled boxes, each route in its own colour, with start and goal badges."""
    colour_of: dict[str, str] = {}
    moves: dict[tuple[str, str], int] = {}
    for i, plan in enumerate(routes):
        for role_id in plan.role_ids:
            colour_of.setdefault(role_id, ROUTE_COLOURS[i % len(ROUTE_COLOURS)])
        for step in plan.steps:
            moves.setdefault((step.source, step.target), i)
    main = set(routes[0].role_ids)
    start, goal = routes[0].role_ids[0], routes[0].role_ids[-1]
    for row in nodes:
        if row["type"] != ROLE:
            continue
        on_route = row["id"] in colour_of
        border = colour_of.get(row["id"], NODE_STYLE[ROLE][1])
        row.pop("value", None)  # every box the same size: the ladder is read by position, not by size
        row.update(shape="box", borderWidth=3 if on_route else 1, widthConstraint={"maximum": 150},
                   margin=8, route=on_route,
                   color={"background": border if on_route else "#ffffff", "border": border,
                          "highlight": {"background": border if on_route else "#ffffff", "border": "#111111"},
                          "hover": {"background": border if on_route else "#ffffff", "border": "#111111"}},
                   font={"color": "#ffffff" if on_route else "#1d3f66", "strokeWidth": 0,
                         "size": 16 if on_route else 14})
        badge = "START · " if row["id"] == start else "GOAL · " if row["id"] == goal else ""
        if badge:
            row["label"] = badge + row["label"]
            row["badge"] = badge.split(" ")[0].lower()
    for row in edges:
        index = moves.get((row["from"], row["to"])) if row["rel"] == PROGRESSES_TO else None
        if index is None:
            row.pop("route", None)
            if row["from"] in main and row["to"] in main:  # a move back along the route bends away from it
                row["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.35}
            continue
        colour = ROUTE_COLOURS[index % len(ROUTE_COLOURS)]
        row.update(route=True, routeIndex=index,
                   color={"color": colour, "highlight": colour, "hover": colour, "opacity": 1.0})


def _edges(store: GraphReader, ids: set[str], whole: bool) -> list[Edge]:
    if whole:
        return [e for e in store.edges() if e.type in EDGE_STYLE and e.src in ids and e.dst in ids]
    return [e for node_id in sorted(ids) for rel in EDGE_STYLE
            for e in store.out_edges(rel, node_id) if e.dst in ids]


def _quotes(
    store: GraphReader, ids: set[str], edge_keys: set[tuple[str, str, str]]
) -> tuple[dict[str, list[tuple[str, str]]], dict[tuple[str, str, str], list[tuple[str, str]]]]:
    """Collect (document id, quote) pairs per node and per edge in one pass over the evidence."""
    node_quotes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    edge_quotes: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for ev in store.all_evidence():
        if ev.type in _NODE_QUOTES and ev.src in ids:
            node_quotes[ev.src].append((ev.doc_id, ev.quote))
        elif ev.type in _TARGET_QUOTES and ev.dst in ids:
            node_quotes[ev.dst].append((ev.doc_id, ev.quote))
        key = (ev.type, ev.src, ev.dst)
        if key in edge_keys:
            edge_quotes[key].append((ev.doc_id, ev.quote))
    return node_quotes, edge_quotes


def _node_row(node: Node, strength: float, quotes: list[tuple[str, str]], docs: dict[str, str],
              highlight: frozenset[str]) -> dict[str, Any]:
    label, colour, _ = NODE_STYLE[node.type]
    facts = [f"{key.replace('_', ' ')}: {node.props[key]}" for key in _FACT_KEYS
             if node.props.get(key) not in (None, "")]
    if node.props.get("curated") is False:
        facts.append("not in the curated vocabulary")
    row: dict[str, Any] = {  # shape and colour come from the page's style table unless set here
        "id": node.id,
        "label": node.name,
        "type": node.type,
        "value": round(strength, 3),
        "aliases": list(node.aliases),
        "tip": {"name": node.name, "kind": label, "facts": facts, **_quote_block(quotes, docs)},
    }
    if node.id in highlight:
        row.update(borderWidth=4, color={"background": colour, "border": ROUTE_COLOURS[0],
                                         "highlight": {"background": colour, "border": "#111111"},
                                         "hover": {"background": colour, "border": "#111111"}})
    return row


def _edge_row(index: int, edge: Edge, quotes: list[tuple[str, str]], docs: dict[str, str],
              highlight: frozenset[tuple[str, str, str]]) -> dict[str, Any]:
    label, colour, dashes = EDGE_STYLE[edge.type]
    on_route = (edge.type, edge.src, edge.dst) in highlight
    shown = ROUTE_COLOURS[0] if on_route else colour  # selected and hovered edges keep their colour
    preferred = edge.type in (REQUIRES_SKILL, REQUIRES_EDUCATION) and not edge.required
    need = " (preferred)" if preferred else " (required)" if edge.type == REQUIRES_SKILL else ""
    row: dict[str, Any] = {  # colour, dashes and arrows come from the page's style table unless set here
        "id": f"e{index}",
        "from": edge.src,
        "to": edge.dst,
        "rel": edge.type,
        "support": edge.doc_count,
        "value": round(edge.weight, 3),  # route edges are raised to the widest in view_data
        "tip": {"kind": label + need, "facts": [f"weight {edge.weight:g} from {edge.doc_count} document(s)"],
                **_quote_block(quotes, docs)},
    }
    if on_route:
        row.update(route=True, color={"color": shown, "highlight": shown, "hover": shown, "opacity": 1.0})
    if preferred and not dashes:
        row["dashes"] = [4, 4]
    if edge.type in (REQUIRES_SKILL, REQUIRES_EDUCATION):
        row["required"] = bool(edge.required)
    return row


def _quote_block(quotes: list[tuple[str, str]], docs: dict[str, str]) -> dict[str, Any]:
    unique = list(dict.fromkeys(quotes))
    shown = [[docs.get(doc_id, doc_id), quote] for doc_id, quote in unique[:MAX_QUOTES]]
    return {"quotes": shown, "more": max(0, len(unique) - MAX_QUOTES)}


def contrast(colour: str, background: str) -> float:
    """Return the WCAG contrast ratio of two ``#rrggbb`` colours.

    >>> round(contrast("#757575", "#ffffff"), 2)
    4.61
    """
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
