"""Stream the store as the parameter rows of the Cypher projections (Neo4j push, scripts, CSV, ladybug).

Rows are plain dicts whose keys are exactly the properties of
:data:`~kg.graph.cypher.builders.NODE_PROPERTIES` / ``REL_PROPERTIES``, with values
coerced to their declared type (``None`` when absent or unusable). They are read
from store cursors one at a time, so memory stays bounded by the batch size.

>>> from kg.graph.examples import tiny_store
>>> [row["id"] for row in node_rows(tiny_store(), "Role")]
['cto', 'engineer', 'manager']
>>> next(rel_rows(tiny_store(), "PROGRESSES_TO"))["src"]
'engineer'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from kg.graph.cypher.builders import NODE_PROPERTIES, REL_PROPERTIES
from kg.graph.export.sources import public_source
from kg.graph.types import DOCUMENT, REL_ENDPOINTS, REQUIRES_EXPERIENCE, REQUIRES_ONE_OF, ROLE

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["node_rows", "rel_rows", "batched", "store_fingerprint", "row_counts"]

#: bump when the projection (properties, row shapes) changes, so caches keyed by the fingerprint rebuild
PROJECTION_VERSION = 2

T = TypeVar("T")


def node_rows(store: GraphReader, label: str) -> Iterator[dict[str, Any]]:
    """Yield one row per node of ``label`` (Documents come from the store's document table)."""
    props = NODE_PROPERTIES[label]
    if label == DOCUMENT:
        for doc in store.documents():
            yield _typed(props, {"id": doc.id, "name": doc.title or doc.name, "aliases": [doc.name],
                                 "title": doc.title, "source": public_source(doc.source), "loaded_at": doc.loaded_at,
                                 "chars": doc.chars})
        return
    for node in store.nodes(label):
        values: dict[str, Any] = {**node.props, "id": node.id, "name": node.name, "aliases": list(node.aliases)}
        if label == ROLE:
            values.update(_years(store, node.id))
            values["one_of"] = _one_of(store, node.id)
        yield _typed(props, values)


def _years(store: GraphReader, role_id: str) -> dict[str, Any]:
    rows = store.evidence(REQUIRES_EXPERIENCE, role_id, "")
    lows = [r.props["min_years"] for r in rows if r.props.get("min_years") is not None]
    highs = [r.props["max_years"] for r in rows if r.props.get("max_years") is not None]
    return {"min_years": min(lows, default=None), "max_years": max(highs, default=None)}


def _one_of(store: GraphReader, role_id: str) -> list[str] | None:
    """The role's one-of skill groups, each as its member ids joined by ``|`` ("aws|azure|gcp")."""
    rows = store.evidence(REQUIRES_ONE_OF, role_id, "")
    groups = {"|".join(str(m) for m in r.props.get("members", ())) for r in rows}
    return sorted(g for g in groups if g) or None


def rel_rows(store: GraphReader, rel_type: str) -> Iterator[dict[str, Any]]:
    """Yield one row per relationship of ``rel_type``: ends, weight, required, documents and quotes.

    Edges and evidence are read from two cursors in the same (type, src, dst) order
    and merged, so no more than one relationship's evidence is held at a time.
    """
    evidence = store.all_evidence(rel_type)
    pending = next(evidence, None)
    for edge in store.edges(rel_type):
        key = (edge.src, edge.dst)
        docs: dict[str, None] = {}
        quotes: dict[str, None] = {}
        while pending is not None and (pending.src, pending.dst) <= key:
            if (pending.src, pending.dst) == key:
                docs[pending.doc_id] = None
                quotes[pending.quote] = None
            pending = next(evidence, None)
        yield _typed(REL_PROPERTIES, {"weight": edge.weight, "required": edge.required,
                                      "doc_count": edge.doc_count, "documents": list(docs),
                                      "evidence": list(quotes)}, src=edge.src, dst=edge.dst)


def _typed(props: tuple[tuple[str, str], ...], values: dict[str, Any], **ends: str) -> dict[str, Any]:
    row: dict[str, Any] = dict(ends)
    for key, type_ in props:
        row[key] = _coerce(values.get(key), type_)
    return row


def _coerce(value: Any, type_: str) -> Any:
    if value is None:
        return None
    try:
        if type_ == "STRING":
            return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        if type_ == "INT64":
            return int(value) if not isinstance(value, bool) and float(value) == int(value) else None
        if type_ == "DOUBLE":
            return float(value) if not isinstance(value, bool) else None
        if type_ == "BOOLEAN":
            return bool(value)
        if type_ == "STRING[]":
            return [v if isinstance(v, str) else str(v) for v in value]
    except (TypeError, ValueError):
        return None
    raise ValueError(f"unknown property type {type_}")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield lists of up to ``size`` items."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def row_counts(store: GraphReader) -> dict[str, int]:
    """Return how many rows each label and relationship type projects (for progress bars)."""
    counts = store.counts()
    out = {label: counts["nodes"].get(label, 0) for label in NODE_PROPERTIES}
    out[DOCUMENT] = counts["totals"]["documents"]
    out.update({t: counts["edges"].get(t, 0) for t in REL_ENDPOINTS})
    return out


def store_fingerprint(store: GraphReader) -> str:
    """Return a short hash that changes whenever the store's content (or the projection) changes."""
    h = hashlib.sha256()
    h.update(json.dumps([PROJECTION_VERSION, NODE_PROPERTIES, REL_PROPERTIES, store.counts()],
                        sort_keys=True).encode())
    for doc in store.documents():
        h.update(f"{doc.id}\t{doc.loaded_at}\n".encode())
    return h.hexdigest()[:16]
