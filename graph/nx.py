"""Project the store onto a networkx MultiDiGraph (built on demand; networkx is imported here only).

The GraphML export does not go through networkx: :mod:`kg.graph.export.graphml` streams the same
attributes to the file without holding the graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph.protocols import GraphReader

__all__ = ["to_networkx"]


def to_networkx(store: GraphReader, rel_types: tuple[str, ...] | None = None) -> nx.MultiDiGraph:
    """Return the graph as a MultiDiGraph: nodes carry type/name/props, edges type/weight/required.

    ``rel_types`` keeps only those relationship types (and the nodes they touch plus every role).
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in store.nodes():
        graph.add_node(node.id, type=node.type, name=node.name, aliases=list(node.aliases), **_flat(node.props))
    for doc in store.documents():
        graph.add_node(doc.id, type="Document", name=doc.name, title=doc.title, source=doc.source)
    for edge in store.edges():
        if rel_types is None or edge.type in rel_types:
            graph.add_edge(edge.src, edge.dst, key=edge.type, type=edge.type, weight=edge.weight,
                           required=edge.required, doc_count=edge.doc_count)
    return graph


def _flat(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in ("type", "name", "aliases")}
