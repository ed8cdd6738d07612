"""Project the store onto networkx, on demand and only the part a question needs (networkx is imported here only).

>>> from kg.graph.examples import tiny_store
>>> sorted(progression_graph(tiny_store()).edges(data="weight"))
[('engineer', 'manager', 3.0), ('manager', 'cto', 3.0)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.graph.types import PROGRESSES_TO, ROLE

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph.protocols import GraphReader

__all__ = ["progression_graph"]


def progression_graph(store: GraphReader) -> nx.DiGraph:
    """Return the documented moves as a DiGraph: every role a node, every ``PROGRESSES_TO`` an edge with its weight."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(n.id for n in store.nodes(ROLE))
    graph.add_weighted_edges_from((e.src, e.dst, e.weight) for e in store.edges(PROGRESSES_TO))
    return graph
