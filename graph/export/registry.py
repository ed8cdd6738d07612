"""Export the store to files: a registry of formats, each a ``module:function`` imported on first use."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kg.errors import ExportError
from kg.plugins import Registry

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["EXPORTERS", "export", "Exporter"]


class Exporter(Protocol):
    """Write the whole store to ``out`` in one format."""

    def __call__(self, store: GraphReader, out: Path) -> None: ...


#: format name -> "module:function" (imported lazily so unused libraries cost nothing)
EXPORTERS = Registry("export format", {
    "json": "kg.graph.export.json:export_json",
    "node-link": "kg.graph.export.node_link:export_node_link",
    "graphml": "kg.graph.export.graphml:export_graphml",
    "ttl": "kg.graph.rdf.write:export_turtle",
    "nt": "kg.graph.rdf.write:export_ntriples",
    "jsonld": "kg.graph.rdf.jsonld:export_jsonld",
    "cypher": "kg.graph.cypher.files:export_cypher",
    "neo4j-csv": "kg.graph.cypher.files:export_neo4j_csv",
}, ExportError, requires={fmt: ("rdf", "rdflib") for fmt in ("ttl", "nt", "jsonld")})


def export(store: GraphReader, fmt: str, out: Path) -> None:
    """Write the store to ``out`` in format ``fmt``; the file (or folder) appears whole or not at all.

    The exporter writes into a private temporary folder beside ``out`` (no planted
    link is followed); ``out`` is never the store itself nor any SQLite database.
    """
    from kg.atomic import replacing

    func: Exporter = EXPORTERS.load(fmt)
    with replacing(Path(out), store_path=getattr(store, "path", None)) as tmp:
        func(store, tmp)
