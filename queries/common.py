"""Small records shared by the query answers: references to nodes and to the evidence behind facts."""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import, which a cold ``kg path`` pays for; type-checker-only names are quoted.
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from kg.graph.model import DocumentInfo, Evidence, Node
    from kg.graph.protocols import GraphReader

__all__ = ["Ref", "Quote", "quotes_for", "quotes_by_dst", "ref", "to_jsonable"]


class Ref(NamedTuple):
    """A node reference: id, display name and type."""

    id: str
    name: str
    type: str


class Quote(NamedTuple):
    """One document's exact words supporting a fact."""

    doc_id: str
    document: str
    quote: str
    span: tuple[int, int] = (0, 0)


def ref(node: "Node") -> Ref:
    """Return the reference of a node."""
    return Ref(node.id, node.name, node.type)


def quotes_for(store: "GraphReader", type_: str, src: str, dst: str = "") -> list[Quote]:
    """Return the quotes supporting one fact, one or more per document."""
    rows = store.evidence(type_, src, dst)
    return _quoted(rows, store.document_titles(r.doc_id for r in rows))


def quotes_by_dst(store: "GraphReader", type_: str, src: str) -> dict[str, list[Quote]]:
    """Return dst -> :func:`quotes_for` ``(store, type_, src, dst)`` for every ``type_`` fact of ``src``, in two reads.

    >>> from kg.graph.examples import tiny_store
    >>> store = tiny_store()
    >>> quotes = quotes_by_dst(store, "REQUIRES_SKILL", "cto")
    >>> sorted(quotes), quotes["budgeting"] == quotes_for(store, "REQUIRES_SKILL", "cto", "budgeting")
    (['budgeting', 'hiring'], True)
    """
    rows = store.evidence_of(type_, [src])
    docs = store.document_titles(r.doc_id for r in rows)
    by_dst: dict[str, list[Evidence]] = {}
    for r in rows:  # by dst, document and start: each dst's rows in the order store.evidence gives them
        by_dst.setdefault(r.dst, []).append(r)
    return {dst: _quoted(found, docs) for dst, found in by_dst.items()}


def _quoted(rows: "list[Evidence]", docs: "dict[str, DocumentInfo]") -> list[Quote]:
    seen: set[tuple[str, str]] = set()
    out: list[Quote] = []
    for r in rows:
        if (r.doc_id, r.quote) in seen:
            continue
        seen.add((r.doc_id, r.quote))
        name = docs[r.doc_id].name if r.doc_id in docs else r.doc_id
        out.append(Quote(r.doc_id, name, r.quote, (r.start, r.end)))
    out.sort(key=lambda q: (q.document, q.span))
    return out


def to_jsonable(value: Any) -> Any:
    """Turn query answers (dataclasses, named tuples, tuples) into plain JSON values."""
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict  # here: the answers of `kg path` and `kg unlock` are named tuples

        return {k: to_jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: to_jsonable(v) for k, v in value._asdict().items()}
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value
