"""The Python reference answer of every library question: what every engine must return.

Each function takes the store and the question's bound parameters (node ids, typed values) and
returns the rows as dicts holding at least the question's ``returns`` columns, in the question's
order. They reuse the :mod:`kg.queries` functions that answer the same question.

>>> from kg.graph.examples import tiny_store
>>> [r["id"] for r in skills_for_role(tiny_store(), role="cto")]
['budgeting', 'hiring']
>>> shortest_career_path(tiny_store(), **{"from": "engineer", "to": "cto"})
[{'roles': ['engineer', 'manager', 'cto'], 'hops': 2}]
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from kg.graph.types import PROGRESSES_TO, REQUIRES_SKILL

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["skills_for_role", "certifications_for_role", "next_roles", "previous_roles", "roles_needing_skill",
           "skill_gap", "shortest_career_path", "path_exists", "similar_roles", "most_demanded_skills"]

Rows = list[dict[str, Any]]


def skills_for_role(store: GraphReader, role: str) -> Rows:
    """The skills of :func:`kg.queries.unlock.unlock`."""
    from kg.queries.unlock import unlock

    return [{"id": r.item.id, "name": r.item.name, "required": r.required, "weight": r.weight,
             "documents": r.documents} for r in unlock(store, role).skills]


def certifications_for_role(store: GraphReader, role: str) -> Rows:
    """The certifications of :func:`kg.queries.unlock.unlock`."""
    from kg.queries.unlock import unlock

    return [{"id": r.item.id, "name": r.item.name, "required": r.required, "weight": r.weight}
            for r in unlock(store, role).certifications]


def next_roles(store: GraphReader, role: str) -> Rows:
    """:func:`kg.queries.explore.next_roles`."""
    from kg.queries.explore import next_roles as next_

    return [{"id": ref.id, "name": ref.name, "weight": weight} for ref, weight, _ in next_(store, role)]


def previous_roles(store: GraphReader, role: str) -> Rows:
    """The store's incoming ``PROGRESSES_TO`` edges (weight descending, then id)."""
    return _in_edges(store, PROGRESSES_TO, role, required=False)


def roles_needing_skill(store: GraphReader, skill: str) -> Rows:
    """The store's incoming ``REQUIRES_SKILL`` edges (weight descending, then id)."""
    return _in_edges(store, REQUIRES_SKILL, skill, required=True)


def _in_edges(store: GraphReader, rel: str, node_id: str, *, required: bool) -> Rows:
    out = []
    for edge in store.in_edges(rel, node_id):
        src = store.node(edge.src)
        if src is not None:
            row = {"id": src.id, "name": src.name, "weight": edge.weight}
            out.append(row | {"required": edge.required} if required else row)
    return out


def skill_gap(store: GraphReader, **params: str) -> Rows:
    """:func:`kg.queries.unlock.skill_gap` (``from``, ``to``), with each skill's requirement on ``to``."""
    from kg.queries.unlock import skill_gap as gap

    wanted = {e.dst: e for e in store.out_edges(REQUIRES_SKILL, params["to"])}
    return [{"id": r.id, "name": r.name, "required": wanted[r.id].required, "weight": wanted[r.id].weight}
            for r in gap(store, params["from"], params["to"])]


def shortest_career_path(store: GraphReader, **params: str) -> Rows:
    """Every shortest chain of one or more moves from ``from`` to ``to``, ordered by the ids joined by spaces."""
    start, goal = params["from"], params["to"]
    preds: dict[str, list[str]] = defaultdict(list)
    depth: dict[str, int] = {}
    frontier, level = [start], 0
    while frontier and goal not in depth and level < 20:
        level += 1
        found: list[str] = []
        for node in frontier:
            for nxt in store.successors(PROGRESSES_TO, node):
                if depth.get(nxt, level) == level:
                    if nxt not in depth:
                        depth[nxt] = level
                        found.append(nxt)
                    preds[nxt].append(node)
        frontier = found
    if goal not in depth:
        return []
    routes = _unwind(preds, start, goal, depth)
    return [{"roles": r, "hops": len(r) - 1} for r in sorted(routes, key=" ".join)]


def _unwind(preds: dict[str, list[str]], start: str, node: str, depth: dict[str, int]) -> list[list[str]]:
    if depth.get(node) == 1:
        return [[start, node]]
    return [[*head, node] for p in dict.fromkeys(preds[node]) for head in _unwind(preds, start, p, depth)]


def path_exists(store: GraphReader, **params: str) -> Rows:
    """Whether :func:`kg.queries.path.shortest_role_path` finds a route (a role reaches itself)."""
    from kg.queries.path import shortest_role_path

    return [{"reachable": shortest_role_path(store, params["from"], params["to"]) is not None}]


def similar_roles(store: GraphReader, role: str, limit: int = 10) -> Rows:
    """:func:`kg.queries.explore.similar_roles`, ties broken by name then id."""
    from kg.queries.explore import similar_roles as similar

    every = similar(store, role, limit=1_000_000)
    every.sort(key=lambda t: (-t[1], t[0].name, t[0].id))
    return [{"id": ref.id, "name": ref.name, "similarity": score, "shared": shared}
            for ref, score, shared in every[:limit]]


def most_demanded_skills(store: GraphReader, limit: int = 20) -> Rows:
    """The store's ``REQUIRES_SKILL`` edges counted per skill: roles, required, total weight."""
    demand: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for edge in store.edges(REQUIRES_SKILL):
        demand[edge.dst][0] += 1
        demand[edge.dst][1] += edge.required
        demand[edge.dst][2] += edge.weight
    ranked = sorted(((k, int(v[0]), int(v[1]), round(v[2], 4)) for k, v in demand.items()),
                    key=lambda t: (-t[1], -t[3], t[0]))[:limit]
    out = []
    for skill_id, roles, required_by, weight in ranked:
        node = store.node(skill_id)
        out.append({"id": skill_id, "name": node.name if node else skill_id, "roles": roles,
                    "required_by": required_by, "weight": weight})
    return out
