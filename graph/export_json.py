"""Export the store as one JSON document: documents, nodes, relationships with their evidence."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.graph.store import SQLiteStore

__all__ = ["export_json", "store_to_dict"]


def store_to_dict(store: SQLiteStore) -> dict[str, Any]:
    """Return the whole graph as plain data in a stable order."""
    evidence: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in store.all_evidence():
        evidence[(e.type, e.src, e.dst)].append(
            {"doc_id": e.doc_id, "quote": e.quote, "span": [e.start, e.end], "required": e.required,
             "strength": e.strength, **({"props": e.props} if e.props else {})}
        )
    return {
        "documents": [
            {"id": d.id, "source": d.source, "name": d.name, "title": d.title, "chars": d.chars}
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


def export_json(store: SQLiteStore, out: Path) -> None:
    """Write :func:`store_to_dict` to ``out`` (UTF-8, sorted keys: byte-identical for the same store)."""
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(store_to_dict(store), fh, ensure_ascii=False, sort_keys=True, indent=1)
        fh.write("\n")
