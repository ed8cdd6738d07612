"""Export the store as one JSON document: documents, nodes, relationships with their evidence.

:func:`export_json` streams: edges and their evidence are merged from two
ordered cursors and written one item at a time, so memory stays flat however
big the store is; the bytes equal ``json.dump(store_to_dict(store), indent=1,
sort_keys=True)``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kg.graph.export.sources import public_source

if TYPE_CHECKING:
    from kg.graph.model import Edge, Evidence
    from kg.graph.protocols import GraphReader

__all__ = ["export_json", "store_to_dict"]


def store_to_dict(store: GraphReader) -> dict[str, Any]:
    """Return the whole graph as plain data in a stable order."""
    evidence: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in store.all_evidence():
        evidence[(e.type, e.src, e.dst)].append(
            {"doc_id": e.doc_id, "quote": e.quote, "span": [e.start, e.end], "required": e.required,
             "strength": e.strength, **({"props": e.props} if e.props else {})}
        )
    return {
        "documents": [
            {"id": d.id, "source": public_source(d.source), "name": d.name, "title": d.title, "chars": d.chars}
            for d in store.documents()
        ],
        "nodes": [
            {"id": n.id, "type": n.type, "name": n.name, "aliases": list(n.aliases), "props": n.props}
            for n in store.nodes()
        ],
        "edges": [
            {"type": e.type, "src": e.src, "dst": e.dst, "weight": e.weight, "required": e.required,
             "doc_count": e.doc_count, "evidence": evidence.get((e.type, e.src, e.dst), [])}
            for e in store.edges()
        ],
        "role_facts": [
            {"type": t, "role": s, "evidence": rows}
            for (t, s, d), rows in sorted(evidence.items()) if d == ""
        ],
    }


def export_json(store: GraphReader, out: Path) -> None:
    """Write :func:`store_to_dict` to ``out`` (UTF-8, sorted keys: byte-identical for the same store)."""
    sections: list[tuple[str, Iterable[dict[str, Any]]]] = [
        ("documents", ({"id": d.id, "source": public_source(d.source), "name": d.name, "title": d.title,
                        "chars": d.chars} for d in store.documents())),
        ("edges", _edges_with_evidence(store)),
        ("nodes", ({"id": n.id, "type": n.type, "name": n.name, "aliases": list(n.aliases), "props": n.props}
                   for n in store.nodes())),
        ("role_facts", _role_facts(store)),
    ]
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("{\n")
        for n, (key, items) in enumerate(sections):
            fh.write(f" {json.dumps(key)}: ")
            _write_list(fh, items)
            fh.write(",\n" if n < len(sections) - 1 else "\n")
        fh.write("}\n")


def _write_list(fh: IO[str], items: Iterable[dict[str, Any]]) -> None:
    """Write a list nested two levels deep exactly as ``json.dump(indent=1)`` would."""
    empty = True
    for item in items:
        fh.write("[\n" if empty else ",\n")
        text = json.dumps(item, ensure_ascii=False, sort_keys=True, indent=1)
        fh.write("  " + text.replace("\n", "\n  "))  # JSON strings never hold a raw newline
        empty = False
    fh.write("[]" if empty else "\n ]")


def _evidence_json(e: Evidence) -> dict[str, Any]:
    return {"doc_id": e.doc_id, "quote": e.quote, "span": [e.start, e.end], "required": e.required,
            "strength": e.strength, **({"props": e.props} if e.props else {})}


def _edges_with_evidence(store: GraphReader) -> Iterator[dict[str, Any]]:
    """Merge-join edges and evidence, both ordered by (type, src, dst)."""
    evidence = store.all_evidence()
    pending: Evidence | None = next(evidence, None)
    for edge in store.edges():
        key = (edge.type, edge.src, edge.dst)
        rows: list[dict[str, Any]] = []
        while pending is not None and (pending.type, pending.src, pending.dst) <= key:
            if (pending.type, pending.src, pending.dst) == key:
                rows.append(_evidence_json(pending))
            pending = next(evidence, None)
        yield _edge_json(edge, rows)


def _edge_json(e: Edge, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": e.type, "src": e.src, "dst": e.dst, "weight": e.weight, "required": e.required,
            "doc_count": e.doc_count, "evidence": rows}


def _role_facts(store: GraphReader) -> Iterator[dict[str, Any]]:
    """Evidence of role attributes (no target), one item per (type, role)."""
    rows = (e for e in store.all_evidence() if e.dst == "")
    for (type_, src), group in groupby(rows, key=lambda e: (e.type, e.src)):
        yield {"type": type_, "role": src, "evidence": [_evidence_json(e) for e in group]}
