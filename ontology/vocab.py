"""Load the curated vocabularies (roles, skills, certifications) from ``vocab/*.toml``.

Each TOML table is one concept keyed by its stable id::

    [ml-engineer]
    name = "Machine Learning Engineer"
    aliases = ["ML Engineer", "MLE"]
    seniority = 2
    track = "ic"

Skills carry ``kind`` and ``category``; certifications ``issuer`` and
``validates`` (skill ids); roles ``seniority`` (0 entry … 6 C-level) and ``track``.
Optional ``exact_match``/``close_match`` hold ESCO or O*NET URIs.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import.
from functools import lru_cache
from typing import Any, NamedTuple

from kg.datafile import data_path, load_toml

__all__ = ["Concept", "Vocabulary", "load_vocabulary"]

# Named tuples, not frozen dataclasses: as read-only, several times cheaper to define at import (every
# ``kg`` process that reads a document loads them) and to create (one per curated concept).
_NO_ATTRS: dict[str, Any] = {}


class Concept(NamedTuple):
    """One curated role, skill or certification."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    attrs: dict[str, Any] = _NO_ATTRS  # no part in equality or hashing; never changed in place

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Concept) and self[:4] == other[:4]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:4])

    @property
    def names(self) -> tuple[str, ...]:
        """Return the preferred name followed by the aliases."""
        return (self.name, *self.aliases)


class Vocabulary(NamedTuple):
    """The curated concepts of every kind, by id."""

    roles: dict[str, Concept]
    skills: dict[str, Concept]
    certifications: dict[str, Concept]

    def of_kind(self, kind: str) -> dict[str, Concept]:
        """Return the concepts of one kind (``role``, ``skill`` or ``certification``)."""
        if kind == "skill":  # plain tests, no dict made per call: the recogniser asks once per curated name
            return self.skills
        if kind == "role":
            return self.roles
        if kind == "certification":
            return self.certifications
        raise KeyError(kind)

    def get(self, concept_id: str) -> Concept | None:
        """Return the concept with this id, whatever its kind."""
        for table in (self.roles, self.skills, self.certifications):
            if concept_id in table:
                return table[concept_id]
        return None


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """Return the bundled curated vocabulary (parsed once per process)."""
    return Vocabulary(
        roles=_load_kind("roles.toml", "role"),
        skills=_load_kind("skills.toml", "skill"),
        certifications=_load_kind("certifications.toml", "certification"),
    )


def _load_kind(filename: str, kind: str) -> dict[str, Concept]:
    table = load_toml(data_path(__file__, "vocab", filename))  # parsed afresh for this call: ours to take apart
    concepts: dict[str, Concept] = {}
    for concept_id, attrs in table.items():  # each entry's table, less its name and aliases, is the attrs
        name = attrs.pop("name")
        concepts[concept_id] = Concept(concept_id, kind, name, tuple(attrs.pop("aliases", ())), attrs)
    return concepts
