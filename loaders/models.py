"""Typed records that loaders pass on: a read document and what was extracted from it.

Every extracted item carries its evidence: the exact quote and its character
span in the document text.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import; type-checker-only names are quoted.
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from kg.loaders.tree import Node

__all__ = [
    "LoadedDocument",
    "Mention",
    "Progression",
    "Salary",
    "Experience",
    "Education",
    "SkillGroup",
    "LevelNeed",
    "Extraction",
]

# Records are named tuples: read-only like the frozen dataclasses they replaced, and several times
# cheaper to define at import (every ``kg`` process that reads a document loads these classes) and to
# create. A field that took no part in equality keeps out of it through ``__eq__``/``__hash__`` over
# the leading fields; the default ``attrs`` is one shared empty dict: records are never changed in place
# (``_replace`` makes a changed copy).
_NO_ATTRS: dict[str, Any] = {}


class LoadedDocument(NamedTuple):
    """A document's plain text with its identity.

    ``id`` is the SHA-256 content hash (first 16 hex digits) of ``text``;
    ``source`` is where it came from (a path or a bundled name). ``nodes`` is the document
    tree (:mod:`kg.loaders.tree`) for structured formats; empty for plain text, which the
    line-based segmenter reads.
    """

    id: str
    source: str
    name: str
    title: str
    text: str
    format: str
    nodes: "tuple[Node, ...]" = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LoadedDocument) and self[:6] == other[:6]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:6])

    def __repr__(self) -> str:  # the tree is left out, as the dataclass did
        return (f"LoadedDocument(id={self.id!r}, source={self.source!r}, name={self.name!r}, "
                f"title={self.title!r}, text={self.text!r}, format={self.format!r})")


class Mention(NamedTuple):
    """A role, skill or certification found in a document.

    ``kind`` is ``role``, ``skill`` or ``certification``; ``curated`` is False
    for names discovered in list contexts but absent from the vocabulary.
    For skills and certifications, ``required`` and ``strength`` say how the
    document's primary role needs them (strength 0..1 from the cue).
    ``attrs`` holds node attributes (seniority, track, kind, category, issuer…).
    """

    id: str
    kind: str
    label: str
    aliases: tuple[str, ...]
    quote: str
    start: int
    end: int
    curated: bool = True
    required: bool = True
    strength: float = 1.0
    attrs: dict[str, Any] = _NO_ATTRS

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mention) and self[:10] == other[:10]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:10])


class Progression(NamedTuple):
    """A move between two roles that the document states."""

    from_id: str
    to_id: str
    from_label: str
    to_label: str
    quote: str
    start: int
    end: int
    basis: str = "stated"

    @property
    def strength(self) -> float:
        """How strongly the way the move is stated supports it (``rules/moves.toml`` [strengths])."""
        from kg.loaders.rules import load_rules

        strengths: dict[str, float] = load_rules("moves")["strengths"]
        return strengths.get(self.basis, strengths["other"])


class Salary(NamedTuple):
    """A salary figure or range for a role."""

    role_id: str
    role_label: str
    min: float
    max: float
    currency: str
    period: str
    kind: str
    quote: str
    start: int
    end: int
    region: str | None = None
    year: int | None = None


class Experience(NamedTuple):
    """Years of experience a role asks for (``max_years`` None for "N+ years")."""

    role_id: str
    role_label: str
    min_years: float
    max_years: float | None
    what: str
    quote: str
    start: int
    end: int


class Education(NamedTuple):
    """A degree a role requires or prefers (``field`` None when unstated)."""

    role_id: str
    level: str
    field: str | None
    required: bool
    quote: str
    start: int
    end: int


class SkillGroup(NamedTuple):
    """Skills (or certifications) a document offers as alternatives ("AWS, Azure or GCP"): any one meets the need.

    ``ids`` and ``labels`` are in the document's order; the quote is the sentence that states them;
    ``kind`` is ``skill`` or ``certification`` (a group holds one kind).
    """

    ids: tuple[str, ...]
    labels: tuple[str, ...]
    quote: str
    start: int
    end: int
    required: bool = True
    strength: float = 1.0
    kind: str = "skill"


class LevelNeed(NamedTuple):
    """A skill or certification (``kind``) named in the section of a level (``role_id``), with the
    evidence of that occurrence.

    ``exclusive``: every occurrence of the item in the document lies in some level's section, so
    it is not a need of the document's own role as a whole.
    """

    role_id: str
    role_label: str
    kind: str
    item_id: str
    quote: str
    start: int
    end: int
    exclusive: bool


class Extraction(NamedTuple):
    """Everything extracted from one document."""

    doc: LoadedDocument
    primary_role: Mention | None
    roles: tuple[Mention, ...] = ()
    skills: tuple[Mention, ...] = ()
    certifications: tuple[Mention, ...] = ()
    progressions: tuple[Progression, ...] = ()
    salaries: tuple[Salary, ...] = ()
    experience: tuple[Experience, ...] = ()
    education: tuple[Education, ...] = ()
    skill_groups: tuple[SkillGroup, ...] = ()
    level_needs: tuple[LevelNeed, ...] = ()  # skills and certifications a ladder lists under one of its levels

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object ``kg extract --json`` prints (fields of ``shared/eval/score.py``)."""
        return {
            "doc": self.doc.name,
            "doc_id": self.doc.id,
            "source": self.doc.source,
            "title": self.doc.title,
            "primary_role": _mention_json(self.primary_role) if self.primary_role else None,
            "roles": [_mention_json(m) for m in self.roles],
            "skills": [_mention_json(m) for m in self.skills],
            "certifications": [_mention_json(m) for m in self.certifications],
            "progressions": [
                {
                    "from": p.from_label,
                    "to": p.to_label,
                    "from_id": p.from_id,
                    "to_id": p.to_id,
                    "basis": p.basis,
                    "evidence": p.quote,
                    "span": [p.start, p.end],
                }
                for p in self.progressions
            ],
            "salaries": [
                {
                    "role": s.role_label,
                    "role_id": s.role_id,
                    "min": s.min,
                    "max": s.max,
                    "currency": s.currency,
                    "period": s.period,
                    "kind": s.kind,
                    "region": s.region,
                    "year": s.year,
                    "evidence": s.quote,
                    "span": [s.start, s.end],
                }
                for s in self.salaries
            ],
            "experience": [
                {
                    "role": e.role_label,
                    "role_id": e.role_id,
                    "min_years": e.min_years,
                    "max_years": e.max_years,
                    "what": e.what,
                    "evidence": e.quote,
                    "span": [e.start, e.end],
                }
                for e in self.experience
            ],
            "education": [
                {
                    "role_id": d.role_id,
                    "level": d.level,
                    "field": d.field,
                    "required": d.required,
                    "evidence": d.quote,
                    "span": [d.start, d.end],
                }
                for d in self.education
            ],
            "skill_groups": [
                {
                    "kind": g.kind,
                    "ids": list(g.ids),
                    "labels": list(g.labels),
                    "required": g.required,
                    "strength": round(g.strength, 3),
                    "evidence": g.quote,
                    "span": [g.start, g.end],
                }
                for g in self.skill_groups
            ],
            "level_needs": [
                {"role_id": x.role_id, "role": x.role_label, "kind": x.kind, "id": x.item_id, "exclusive": x.exclusive,
                 "evidence": x.quote, "span": [x.start, x.end]}
                for x in self.level_needs
            ],
        }


def _mention_json(m: Mention) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": m.id,
        "label": m.label,
        "aliases": list(m.aliases),
        "evidence": m.quote,
        "span": [m.start, m.end],
        "curated": m.curated,
    }
    if m.kind != "role":
        out["required"] = m.required
        out["strength"] = round(m.strength, 3)
    out.update({k: v for k, v in sorted(m.attrs.items()) if k not in out})
    return out
