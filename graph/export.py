"""Export the store to files: a registry of formats, each a ``module:function`` imported on first use."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kg.errors import ExportError

if TYPE_CHECKING:
    from kg.graph.store import SQLiteStore

__all__ = ["EXPORTERS", "export", "Exporter"]


class Exporter(Protocol):
    """Write the whole store to ``out`` in one format."""

    def __call__(self, store: SQLiteStore, out: Path) -> None: ...


#: format name -> "module:function" (imported lazily so unused libraries cost nothing)
EXPORTERS: dict[str, str] = {
    "json": "kg.graph.export_json:export_json",
    "graphml": "kg.graph.export_graphml:export_graphml",
    "ttl": "kg.graph.export_rdf:export_turtle",
    "nt": "kg.graph.export_rdf:export_ntriples",
    "jsonld": "kg.graph.rdf:export_jsonld",
    "cypher": "kg.graph.cypher_export:export_cypher",
    "neo4j-csv": "kg.graph.cypher_export:export_neo4j_csv",
}


def export(store: SQLiteStore, fmt: str, out: Path) -> None:
    """Write the store to ``out`` in format ``fmt``; the file (or folder) appears whole or not at all.

    The exporter writes into a private temporary folder beside ``out`` (no planted
    link is followed); ``out`` is never the store itself nor any SQLite database.
    """
    target = EXPORTERS.get(fmt)
    if target is None:
        raise ExportError(f"unknown export format {fmt!r}; choose one of: {', '.join(sorted(EXPORTERS))}")
    module_name, func_name = target.split(":")
    func: Exporter = getattr(importlib.import_module(module_name), func_name)
    from kg.atomic import replacing

    with replacing(Path(out), store_path=store.path) as tmp:
        func(store, tmp)
