"""Project the store onto a networkx MultiDiGraph (built on demand; networkx is imported here only)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph.store import SQLiteStore

__all__ = ["to_networkx", "export_graphml"]


def to_networkx(store: SQLiteStore, rel_types: tuple[str, ...] | None = None) -> nx.MultiDiGraph:
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


def export_graphml(store: SQLiteStore, out: Path) -> None:
    """Write the networkx projection as GraphML (lists and dicts stored as JSON strings)."""
    import networkx as nx

    graph = to_networkx(store)
    for _, data in graph.nodes(data=True):
        for key, value in list(data.items()):
            if value is None:
                del data[key]
            elif isinstance(value, list | dict):
                data[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
    nx.write_graphml(graph, str(out), encoding="utf-8")


def _flat(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in ("type", "name", "aliases")}
