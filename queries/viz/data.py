"""Turn a view selection into vis-network node and edge records: style, size, evidence tooltips, layout.

Nothing here produces HTML. Names, aliases and quotes travel as plain data;
the page draws labels on a canvas and builds tooltips with ``textContent``,
so text read from a document is never parsed as markup.
"""

from __future__ import annotations

import math
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

if TYPE_CHECKING:
    from kg.graph.model import Edge, Node
    from kg.graph.protocols import GraphReader

__all__ = ["Selection", "ViewData", "NODE_STYLE", "EDGE_STYLE", "PHYSICS_LIMIT", "MAX_QUOTES", "view_data",
           "sunflower_layout"]

#: above this many nodes the page turns physics off and uses precomputed positions
PHYSICS_LIMIT = 1000
#: quotes shown per node or edge tooltip (the rest are counted)
MAX_QUOTES = 4

#: node type -> (legend label, colour, vis shape)
NODE_STYLE: dict[str, tuple[str, str, str]] = {
    ROLE: ("Role", "#4e79a7", "dot"),
    SKILL: ("Skill", "#f28e2b", "diamond"),
    CERTIFICATION: ("Certification", "#59a14f", "star"),
    DEGREE: ("Degree", "#b07aa1", "square"),
    SALARY_RANGE: ("Salary range", "#c9a227", "triangleDown"),
}
#: relationship -> (legend label, colour, dashes)
EDGE_STYLE: dict[str, tuple[str, str, bool | list[int]]] = {
    PROGRESSES_TO: ("progresses to", "#4e79a7", False),
    REQUIRES_SKILL: ("requires skill", "#9c9c9c", False),
    RECOMMENDS_CERTIFICATION: ("recommends certification", "#59a14f", [6, 4]),
    VALIDATES: ("certification validates skill", "#76b7b2", [2, 4]),
    REQUIRES_EDUCATION: ("requires education", "#b07aa1", [10, 4]),
    HAS_SALARY: ("has salary", "#c9a227", [2, 2]),
}
ROUTE_COLOUR = "#e15759"
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


@dataclass(frozen=True)
class ViewData:
    """Everything the page needs: vis records, legend entries and layout mode."""

    title: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    physics: bool
    focus: str | None
    node_legend: list[dict[str, Any]]
    edge_legend: list[dict[str, Any]]
    route: bool
    documents: int


def view_data(store: GraphReader, selection: Selection) -> ViewData:
    """Return the styled nodes and edges of a selection, with evidence for every tooltip."""
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
    names = {n.id: n.name for n in nodes}
    edge_rows = [_edge_row(i, e, names, edge_quotes.get((e.type, e.src, e.dst), []), docs,
                           selection.highlight_edges) for i, e in enumerate(edges)]
    widest = max((row["value"] for row in edge_rows), default=1.0)
    for row in edge_rows:
        if row["route"]:
            row["value"] = widest  # vis scales every edge that has a value; a route edge gets the most
    physics = len(node_rows) <= PHYSICS_LIMIT
    if not physics:
        sunflower_layout(node_rows)
    counts = defaultdict(int, ((t, sum(1 for n in nodes if n.type == t)) for t in NODE_STYLE))
    rel_counts = defaultdict(int, ((r, sum(1 for e in edges if e.type == r)) for r in EDGE_STYLE))
    node_legend = [{"type": t, "label": s[0], "color": s[1], "shape": s[2], "count": counts[t]}
                   for t, s in NODE_STYLE.items() if counts[t]]
    edge_legend = [{"rel": r, "label": s[0], "color": s[1], "dashes": bool(s[2]), "count": rel_counts[r]}
                   for r, s in EDGE_STYLE.items() if rel_counts[r]]
    return ViewData(selection.title, node_rows, edge_rows, physics, selection.focus, node_legend, edge_legend,
                    bool(selection.highlight_edges), len(docs))


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
    label, colour, shape = NODE_STYLE[node.type]
    facts = [f"{key.replace('_', ' ')}: {node.props[key]}" for key in _FACT_KEYS
             if node.props.get(key) not in (None, "")]
    if node.props.get("curated") is False:
        facts.append("not in the curated vocabulary")
    row: dict[str, Any] = {
        "id": node.id,
        "label": node.name,
        "type": node.type,
        "shape": shape,
        "value": round(strength, 3),
        "color": {"background": colour, "border": ROUTE_COLOUR if node.id in highlight else colour},
        "borderWidth": 4 if node.id in highlight else 1,
        "aliases": list(node.aliases),
        "tip": {"name": node.name, "kind": label, "id": node.id, "aliases": list(node.aliases), "facts": facts,
                **_quote_block(quotes, docs)},
    }
    return row


def _edge_row(index: int, edge: Edge, names: dict[str, str], quotes: list[tuple[str, str]],
              docs: dict[str, str], highlight: frozenset[tuple[str, str, str]]) -> dict[str, Any]:
    label, colour, dashes = EDGE_STYLE[edge.type]
    on_route = (edge.type, edge.src, edge.dst) in highlight
    preferred = edge.type in (REQUIRES_SKILL, REQUIRES_EDUCATION) and not edge.required
    need = " (preferred)" if preferred else " (required)" if edge.type == REQUIRES_SKILL else ""
    row: dict[str, Any] = {
        "id": f"e{index}",
        "from": edge.src,
        "to": edge.dst,
        "rel": edge.type,
        "arrows": "to",
        "color": {"color": ROUTE_COLOUR if on_route else colour, "opacity": 1.0 if on_route else 0.75},
        "dashes": dashes if dashes else ([4, 4] if preferred else False),
        "route": on_route,
        "tip": {"name": f"{names.get(edge.src, edge.src)} → {names.get(edge.dst, edge.dst)}",
                "kind": label + need, "id": edge.type, "aliases": [],
                "facts": [f"weight {edge.weight:g} from {edge.doc_count} document(s)"],
                **_quote_block(quotes, docs)},
    }
    row["value"] = round(edge.weight, 3)  # route edges are raised to the widest in view_data
    return row


def _quote_block(quotes: list[tuple[str, str]], docs: dict[str, str]) -> dict[str, Any]:
    unique = list(dict.fromkeys(quotes))
    shown = [[docs.get(doc_id, doc_id), quote] for doc_id, quote in unique[:MAX_QUOTES]]
    return {"quotes": shown, "more": max(0, len(unique) - MAX_QUOTES)}


def sunflower_layout(rows: list[dict[str, Any]], spacing: float = 40.0) -> None:
    """Give each row ``x``/``y`` in O(n): one sunflower ring per node type, busiest nodes innermost.

    Roles fill the central disc, then skills, certifications, degrees and
    salary ranges in rings around it; each ring's area is proportional to its
    node count, so density is even and nothing overlaps.

    >>> rows = [{"type": "Role", "value": 1.0}, {"type": "Skill", "value": 2.0}]
    >>> sunflower_layout(rows); [(r["x"], r["y"]) for r in rows]
    [(16, 0), (62, -17)]
    """
    golden = math.pi * (3 - math.sqrt(5))
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_type[row["type"]].append(row)
    inner = 0.0
    for type_ in sorted(by_type, key=lambda t: list(NODE_STYLE).index(t) if t in NODE_STYLE else 99):
        group = sorted(by_type[type_], key=lambda r: -float(r.get("value") or 0))
        outer_sq = inner * inner + len(group) * spacing * spacing / math.pi
        for k, row in enumerate(group):
            radius = math.sqrt(inner * inner + (k + 0.5) / len(group) * (outer_sq - inner * inner))
            row["x"] = round(radius * math.cos(k * golden + inner))
            row["y"] = round(radius * math.sin(k * golden + inner))
        inner = math.sqrt(outer_sq) + spacing
