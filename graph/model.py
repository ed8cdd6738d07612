"""The property-graph records the store returns: nodes, aggregated edges, evidence rows, documents.

The types they carry come from :mod:`kg.graph.types`: a closed vocabulary,
nothing read from a document ever becomes a label or a type, only a property value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Node", "Edge", "Evidence", "DocumentInfo"]


@dataclass(frozen=True)
class Node:
    """A node: stable slug ``id``, ``type`` from :data:`NODE_TYPES`, display ``name``."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    props: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Edge:
    """An aggregated relationship: weight = support across documents × strength of the cue."""

    type: str
    src: str
    dst: str
    weight: float
    required: bool
    doc_count: int


@dataclass(frozen=True)
class Evidence:
    """One document's support for one fact, with the exact quote and its span."""

    doc_id: str
    type: str
    src: str
    dst: str
    quote: str
    start: int
    end: int
    required: bool = True
    strength: float = 1.0
    props: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class DocumentInfo:
    """A loaded document (its id is the content hash)."""

    id: str
    source: str
    name: str
    title: str
    loaded_at: str
    chars: int
