"""What a person already has: names resolved to skills, certifications or degrees, or read from a file.

A certification also counts as the skills it validates (curated ``VALIDATES`` facts). "experience"
(or "work experience", "equivalent experience") is :data:`~kg.queries.needs.EXPERIENCE`, which meets
a degree a document lets equivalent experience replace; someone in a role holds it. A file is read
one name a line when every line is short; otherwise it is taken as a CV-like text and the skills and
certifications the extractor finds in it are what the person has.

>>> from kg.graph.examples import tiny_store
>>> held = resolve_have(tiny_store(), ["python", "kubernetes"])
>>> [r.name for r in held.items], held.unrecognised, sorted(held.ids)
(['Python'], ('kubernetes',), ['python'])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import UnknownNameError
from kg.graph.types import (
    CERTIFICATION,
    DEGREE,
    RECOMMENDS_CERTIFICATION,
    REQUIRES_EDUCATION,
    REQUIRES_SKILL,
    SKILL,
    VALIDATES,
)
from kg.queries.common import Ref, ref
from kg.queries.needs import EXPERIENCE, names_experience
from kg.queries.resolve import resolve

if TYPE_CHECKING:
    from pathlib import Path

    from kg.graph.protocols import GraphReader

__all__ = ["Held", "resolve_have", "role_holdings", "names_from_file", "split_names", "names_experience"]

_LINE_WORDS = 6  # a line of a skill list has at most this many words


@dataclass(frozen=True)
class Held:
    """The resolved items, the ids they count as (validated skills included), and the names nothing matched."""

    items: tuple[Ref, ...]
    ids: frozenset[str]
    unrecognised: tuple[str, ...]


def resolve_have(store: GraphReader, names: list[str]) -> Held:
    """Resolve each name to a skill, a certification or a degree (in that order); keep the rest aside."""
    items: list[Ref] = []
    unknown: list[str] = []
    for name in names:
        if names_experience(name):
            items.append(EXPERIENCE)
            continue
        for type_ in (SKILL, CERTIFICATION, DEGREE):
            try:
                items.append(ref(resolve(store, name, type_, suggestions=False)))
                break
            except UnknownNameError:
                continue
        else:
            unknown.append(name)
    items = list(dict.fromkeys(items))
    ids = {r.id for r in items}
    for r in items:
        if r.type == CERTIFICATION:
            ids.update(store.successors(VALIDATES, r.id))
    return Held(tuple(items), frozenset(ids), tuple(dict.fromkeys(unknown)))


def role_holdings(store: GraphReader, role_id: str) -> frozenset[str]:
    """Return what someone in a role is taken to have: every skill, certification and degree it lists, and
    work experience (:data:`~kg.queries.needs.EXPERIENCE`)."""
    return frozenset(i for rel in (REQUIRES_SKILL, RECOMMENDS_CERTIFICATION, REQUIRES_EDUCATION)
                     for i in store.successors(rel, role_id)) | {EXPERIENCE.id}


def split_names(text: str) -> list[str]:
    """Split a comma-separated list of names.

    >>> split_names(" python, PyTorch ,,")
    ['python', 'PyTorch']
    """
    return [n.strip() for n in text.split(",") if n.strip()]


def names_from_file(path: Path) -> list[str]:
    """Return the names a file lists (one a line, commas allowed) or, for a CV-like text, what it names.

    Raises:
        DocumentError: the file cannot be read.
    """
    from kg.loaders.readers import read_path

    doc = read_path(path)
    lines = [line.strip().lstrip("-*•").strip() for line in doc.text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if all(len(n.split()) <= _LINE_WORDS for line in lines for n in line.split(",")):
        return [n for line in lines for n in split_names(line)]
    from kg.loaders.extract import extract

    found = extract(doc)
    return [m.id for m in (*found.skills, *found.certifications)]
