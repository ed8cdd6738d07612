"""Export the store to files: a registry of formats, each a ``module:function`` imported on first use."""

from __future__ import annotations

import shutil
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
    "graphml": "kg.graph.export.graphml:export_graphml",
    "ttl": "kg.graph.rdf.write:export_turtle",
    "nt": "kg.graph.rdf.write:export_ntriples",
    "jsonld": "kg.graph.rdf.write:export_jsonld",
    "cypher": "kg.graph.cypher.files:export_cypher",
    "neo4j-csv": "kg.graph.cypher.files:export_neo4j_csv",
}, ExportError, requires={fmt: ("rdf", "rdflib") for fmt in ("ttl", "nt", "jsonld")})


def export(store: GraphReader, fmt: str, out: Path) -> None:
    """Write the store to ``out`` in format ``fmt``; the file (or folder) appears whole or not at all."""
    func: Exporter = EXPORTERS.load(fmt)
    out = Path(out)
    if out.parent and not out.parent.exists():
        raise ExportError(f"folder {out.parent} does not exist; create it or choose another -o path")
    tmp = out.with_name(out.name + ".part")
    if tmp.is_dir():
        raise ExportError(f"{tmp} is in the way (left by an interrupted export?); remove it and export again")
    try:
        func(store, tmp)
        if tmp.is_dir():
            _replace_folder(tmp, out)
        else:
            tmp.replace(out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp.exists():
            tmp.unlink()


def _replace_folder(tmp: Path, out: Path) -> None:
    """Move a folder export into place; an existing ``out`` is replaced only if it holds nothing else."""
    if out.exists():
        mine = {p.name for p in tmp.iterdir()}
        if not out.is_dir() or any(p.is_dir() or p.name not in mine for p in out.iterdir()):
            raise ExportError(f"{out} exists and holds other files; choose a new or empty folder for -o")
        old = out.with_name(out.name + ".old")
        out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(out)
