"""The property-graph data model: node and relationship types, and the records the store returns.

Labels and relationship types form a closed vocabulary: nothing read from a
document ever becomes a label or a type, only a property value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "NODE_TYPES",
    "REL_TYPES",
    "REL_ENDPOINTS",
    "Node",
    "Edge",
    "Evidence",
    "DocumentInfo",
    "MENTIONED_IN",
    "REQUIRES_EXPERIENCE",
]

NODE_TYPES = ("Role", "Skill", "Certification", "Degree", "SalaryRange", "Document")

#: relationship type -> (source label, target label)
REL_ENDPOINTS: dict[str, tuple[str, str]] = {
    "REQUIRES_SKILL": ("Role", "Skill"),
    "PROGRESSES_TO": ("Role", "Role"),
    "RECOMMENDS_CERTIFICATION": ("Role", "Certification"),
    "VALIDATES": ("Certification", "Skill"),
    "REQUIRES_EDUCATION": ("Role", "Degree"),
    "HAS_SALARY": ("Role", "SalaryRange"),
    "DESCRIBED_IN": ("Role", "Document"),
}
REL_TYPES = tuple(REL_ENDPOINTS)

#: evidence-only fact types (kept as evidence rows, not aggregated into relationships)
MENTIONED_IN = "MENTIONED_IN"
REQUIRES_EXPERIENCE = "REQUIRES_EXPERIENCE"


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
