"""The property-graph records the store returns: nodes, aggregated edges, evidence rows, documents.

The types they carry come from :mod:`kg.graph.types`: a closed vocabulary,
nothing read from a document ever becomes a label or a type, only a property value.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import, which a cold ``kg path`` pays for; type-checker-only names are quoted.
from typing import Any, NamedTuple

__all__ = ["Node", "Edge", "Evidence", "DocumentInfo"]

# Records are named tuples: read-only like the frozen dataclasses they replaced, and about ten times
# cheaper to create at import (a cold ``kg path`` pays for every record class it loads).
# The default ``props`` is one shared empty dict: records are never changed in place.
_NO_PROPS: dict[str, Any] = {}


class Node(NamedTuple):
    """A node: stable slug ``id``, ``type`` from :data:`NODE_TYPES`, display ``name``.

    Equal nodes have equal ids, types, names and aliases; ``props`` takes no part in
    equality or hashing.
    """

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    props: dict[str, Any] = _NO_PROPS

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and self[:4] == other[:4]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:4])


class Edge(NamedTuple):
    """An aggregated relationship: weight = support across documents × strength of the cue."""

    type: str
    src: str
    dst: str
    weight: float
    required: bool
    doc_count: int


class Evidence(NamedTuple):
    """One document's support for one fact, with the exact quote and its span (``props`` takes no
    part in equality or hashing)."""

    doc_id: str
    type: str
    src: str
    dst: str
    quote: str
    start: int
    end: int
    required: bool = True
    strength: float = 1.0
    props: dict[str, Any] = _NO_PROPS

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Evidence) and self[:9] == other[:9]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:9])


class DocumentInfo(NamedTuple):
    """A loaded document (its id is the content hash)."""

    id: str
    source: str
    name: str
    title: str
    loaded_at: str
    chars: int
