"""Choose what an interactive HTML view shows and write it as one self-contained, offline file.

A view is a :class:`Selection` of node ids plus what to highlight: the whole
graph, a role's neighbourhood, the route :func:`~kg.queries.path.find_routes`
finds (inside its neighbourhood), or the roles that need one skill.
:func:`write_viz` turns a selection into the page (see :mod:`kg.queries.viz.data`
for styles and evidence tooltips, :mod:`kg.queries.viz.page` for the HTML).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ExportError, InvalidArgumentError
from kg.graph.types import (
    DESCRIBED_IN,
    DOCUMENT,
    NODE_TYPES,
    PROGRESSES_TO,
    REL_ENDPOINTS,
    REQUIRES_SKILL,
    ROLE,
    SKILL,
    VALIDATES,
)
from kg.queries.resolve import resolve
from kg.queries.viz.data import Selection

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = [
    "Selection",
    "VizResult",
    "VIEW_RELS",
    "select_all",
    "select_focus",
    "select_route",
    "select_skill",
    "render_viz",
    "write_viz",
]

#: relationships a view draws (documents appear in tooltips, not as nodes)
VIEW_RELS = tuple(rel for rel in REL_ENDPOINTS if rel != DESCRIBED_IN)
_SHOWN_TYPES = tuple(t for t in NODE_TYPES if t != DOCUMENT)


@dataclass(frozen=True)
class VizResult:
    """What :func:`write_viz` wrote: the file, its size, what it draws and how long it took."""

    path: Path
    title: str
    nodes: int
    edges: int
    bytes: int
    physics: bool
    seconds: float


def select_all(store: GraphReader) -> Selection:
    """Select every role, skill, certification, degree and salary range.

    >>> from kg.graph.examples import tiny_store
    >>> select_all(tiny_store()).nodes
    ('cto', 'engineer', 'manager', 'budgeting', 'hiring', 'python')
    """
    ids = tuple(n.id for t in _SHOWN_TYPES for n in store.nodes(t))
    return Selection("Whole graph", ids, whole=True)


def select_focus(store: GraphReader, role: str, depth: int = 1) -> Selection:
    """Select a role and every node within ``depth`` relationships of it (either direction).

    >>> from kg.graph.examples import tiny_store
    >>> select_focus(tiny_store(), "Engineer", 1).nodes
    ('engineer', 'python', 'manager')
    """
    if depth < 0:
        raise InvalidArgumentError(f"--depth must be 0 or more, not {depth}")
    center = resolve(store, role, ROLE)
    ids = _neighbourhood(store, [center.id], depth)
    return Selection(f"{center.name}: neighbourhood, depth {depth}", ids,
                     frozenset({center.id}), focus=center.id)


def select_route(store: GraphReader, source: str, target: str, depth: int = 1, k: int = 1,
                 have: list[str] | None = None) -> Selection:
    """Select the shortest documented route (and up to ``k - 1`` alternatives) inside its neighbourhood.

    The routes, with the skills to learn at each step, come from
    :func:`kg.queries.path.find_routes` (what ``kg path`` answers); with ``have``, each step lists
    what ``kg path --have`` lists (the cumulative learning plan).

    >>> from kg.graph.examples import tiny_store
    >>> sel = select_route(tiny_store(), "engineer", "cto", depth=0)
    >>> sel.nodes, sorted(sel.highlight_edges)
    (('engineer', 'manager', 'cto'), [('PROGRESSES_TO', 'engineer', 'manager'), ('PROGRESSES_TO', 'manager', 'cto')])
    """
    from kg.queries.viz.route import plan_routes

    if k < 1:
        raise InvalidArgumentError(f"--k must be 1 or more, not {k}")
    plans = tuple(plan_routes(store, source, target, k=k, have=have))
    role_ids = list(dict.fromkeys(role_id for plan in plans for role_id in plan.role_ids))
    moves = frozenset((PROGRESSES_TO, s.source, s.target) for plan in plans for s in plan.steps)
    title = "Route: " + " → ".join(name for _, name in plans[0].roles)
    return Selection(title, _neighbourhood(store, role_ids, depth), frozenset(role_ids), moves,
                     focus=None, routes=plans)


def select_skill(store: GraphReader, skill: str) -> Selection:
    """Select a skill, the roles that need it and the certifications that validate it.

    >>> from kg.graph.examples import tiny_store
    >>> select_skill(tiny_store(), "hiring").nodes
    ('hiring', 'cto', 'manager')
    """
    node = resolve(store, skill, SKILL)
    ids = [node.id]
    ids += [e.src for e in store.in_edges(REQUIRES_SKILL, node.id)]
    ids += [e.src for e in store.in_edges(VALIDATES, node.id)]
    ids = [ids[0], *sorted(set(ids[1:]))]
    return Selection(f"Roles that need {node.name}", tuple(ids), frozenset({node.id}), focus=node.id)


def _neighbourhood(store: GraphReader, start: list[str], depth: int) -> tuple[str, ...]:
    """Breadth-first over every drawn relationship, both directions; ids in discovery order."""
    seen = dict.fromkeys(start)
    frontier = list(start)
    for _ in range(depth):
        nxt: list[str] = []
        for node_id in frontier:
            for rel in VIEW_RELS:
                for other in (*store.successors(rel, node_id), *store.predecessors(rel, node_id)):
                    if other not in seen:
                        seen[other] = None
                        nxt.append(other)
        frontier = nxt
    return tuple(seen)


def render_viz(store: GraphReader, selection: Selection) -> tuple[str, dict[str, int | bool]]:
    """Return the page's HTML and its figures (``nodes``, ``edges``, ``physics``)."""
    from kg.queries.viz.data import view_data
    from kg.queries.viz.page import render_page

    data = view_data(store, selection)
    html = render_page(data)
    return html, {"nodes": len(data.nodes), "edges": len(data.edges), "physics": data.physics}


def write_viz(store: GraphReader, selection: Selection, out: Path) -> VizResult:
    """Write the selection as one self-contained HTML file (no network needed to open it).

    Raises:
        ExportError: the file cannot be written.
    """
    from kg.atomic import refuse_store_target, replacing

    started = time.perf_counter()
    refuse_store_target(out, store.path)
    html, figures = render_viz(store, selection)
    data = html.encode("utf-8")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror}; choose another -o path") from exc
    with replacing(out, store_path=store.path) as tmp:
        tmp.write_bytes(data)
    return VizResult(out, selection.title, int(figures["nodes"]), int(figures["edges"]), len(data),
                     bool(figures["physics"]), round(time.perf_counter() - started, 3))
