"""Export the store as node-link JSON, the graph format networkx and d3 read; streamed, memory flat.

The file is what ``networkx.node_link_data(G, edges="edges")`` writes for the store as a
``MultiDiGraph``: ``{"directed": true, "multigraph": true, "graph": {...}, "nodes": [...], "edges": [...]}``.
Every node has ``id``, ``type`` and ``name``, then ``aliases`` and its other properties (``None`` left out);
documents are nodes of type ``Document`` with ``title`` and ``source``; each relationship is an edge
with ``source``, ``target``, ``key`` (its type, which tells parallel edges apart), ``type``, ``weight``,
``required`` and ``doc_count``. Read it back with::

    import json, networkx as nx
    G = nx.node_link_graph(json.load(open("graph.json")), edges="edges")   # networkx >= 3.4

(``link="edges"`` on networkx 3.2-3.3); in d3, ``d3.forceLink(data.edges)``. Evidence quotes are not in
this format: ``kg export -f json`` (kg's own JSON) and the RDF exports carry them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kg.graph.export.sources import public_source
from kg.graph.types import DOCUMENT

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["export_node_link"]


def export_node_link(store: GraphReader, out: Path) -> None:
    """Write the store as node-link JSON (deterministic: the same store gives the same bytes)."""
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write('{"directed": true, "multigraph": true, "graph": {"name": "kg career graph"},\n "nodes": [')
        _write_items(fh, _nodes(store))
        fh.write('],\n "edges": [')
        _write_items(fh, _edges(store))
        fh.write("]}\n")


def _nodes(store: GraphReader) -> Iterator[dict[str, Any]]:
    for node in store.nodes():
        item: dict[str, Any] = {"id": node.id, "type": node.type, "name": node.name, "aliases": list(node.aliases)}
        item.update((k, v) for k, v in node.props.items() if v is not None and k not in item)
        yield item
    for doc in store.documents():
        yield {"id": doc.id, "type": DOCUMENT, "name": doc.name, "title": doc.title,
               "source": public_source(doc.source)}
    for node_id in store.dangling_ends():  # an end no node describes: networkx would add it bare too
        yield {"id": node_id}


def _edges(store: GraphReader) -> Iterator[dict[str, Any]]:
    for e in store.edges():
        yield {"source": e.src, "target": e.dst, "key": e.type, "type": e.type, "weight": float(e.weight),
               "required": bool(e.required), "doc_count": int(e.doc_count)}


def _write_items(fh: IO[str], items: Iterable[dict[str, Any]]) -> None:
    for n, item in enumerate(items):
        fh.write(("\n  " if n == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False, sort_keys=True))
