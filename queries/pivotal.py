"""Pivotal roles: the roles most documented routes pass through (betweenness centrality, by networkx).

A role is pivotal when many shortest routes between other roles go through it: it is where careers
from different starting points converge before they branch out again. Scores are networkx's
normalised betweenness centrality over the documented moves (each move counts as one step, as in
``kg path``), so 1.0 means every route between two other roles passes through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.queries.common import Ref, ref

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["Pivotal", "pivotal_roles"]


@dataclass(frozen=True)
class Pivotal:
    """A role, its betweenness (0-1) and how many documented moves lead in and out of it."""

    role: Ref
    betweenness: float
    moves_in: int
    moves_out: int


def pivotal_roles(store: GraphReader, limit: int = 10) -> list[Pivotal]:
    """Return up to ``limit`` roles with the highest betweenness, highest first (roles no route crosses are left out).

    >>> from kg.graph.examples import tiny_store
    >>> [(p.role.id, p.betweenness, p.moves_in, p.moves_out) for p in pivotal_roles(tiny_store())]
    [('manager', 0.5, 1, 1)]
    """
    import networkx as nx

    from kg.graph.nx import progression_graph

    graph = progression_graph(store)
    scores = nx.betweenness_centrality(graph, normalized=True)
    ranked = sorted(((round(s, 6), n) for n, s in scores.items() if s > 0), key=lambda t: (-t[0], t[1]))
    out = []
    for score, node_id in ranked[:limit]:
        node = store.node(node_id)
        if node is not None:
            out.append(Pivotal(ref(node), score, graph.in_degree(node_id), graph.out_degree(node_id)))
    return out
