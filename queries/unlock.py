"""What unlocks a role: skills, certifications, education, years and salary, and what is missing."""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import, which a cold ``kg path`` pays for; type-checker-only names are quoted.
from typing import TYPE_CHECKING, NamedTuple

from kg.errors import UnknownNameError
from kg.graph.types import (
    CERTIFICATION,
    DEGREE,
    HAS_SALARY,
    RECOMMENDS_CERTIFICATION,
    REQUIRES_EDUCATION,
    REQUIRES_EXPERIENCE,
    REQUIRES_SKILL,
    ROLE,
    SKILL,
)
from kg.queries.common import Quote, Ref, quotes_by_dst, ref
from kg.queries.needs import EXPERIENCE, Need, names_experience, role_needs
from kg.queries.resolve import resolve

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["Requirement", "YearsNeeded", "SalaryFigure", "Unlock", "unlock", "skill_gap", "Gap", "gap"]


class Requirement(NamedTuple):
    """A skill, certification or degree the role asks for, with its support."""

    item: Ref
    required: bool
    weight: float
    documents: int
    have: bool
    evidence: tuple[Quote, ...]


class YearsNeeded(NamedTuple):
    """Years of experience a document asks for."""

    min_years: float
    max_years: float | None
    what: str
    evidence: Quote


class SalaryFigure(NamedTuple):
    """A salary range a document gives for the role."""

    min: float
    max: float
    currency: str
    period: str
    region: str | None
    year: int | None
    kind: str
    evidence: tuple[Quote, ...]


class Unlock(NamedTuple):
    """The answer to "what unlocks this role", ranked; ``missing`` is filled when ``have`` was given.

    ``one_of`` holds the role's one-of groups of skills ("AWS, Azure or GCP") or certifications, and
    its degrees when a document lets equivalent experience replace them ("one of: Bachelor's degree
    in Computer Science or equivalent experience"); with ``have``, a group you meet through any
    member drops all its members from ``missing``, and an unmet one is listed once in
    ``missing_one_of`` (its members are then not in ``missing`` either).
    """

    role: Ref
    skills: tuple[Requirement, ...]
    certifications: tuple[Requirement, ...]
    education: tuple[Requirement, ...]
    experience: tuple[YearsNeeded, ...]
    min_years: float | None
    salaries: tuple[SalaryFigure, ...]
    have: tuple[Ref, ...]
    unrecognised: tuple[str, ...]
    missing: tuple[Ref, ...]
    one_of: tuple[Need, ...] = ()
    missing_one_of: tuple[Need, ...] = ()


def unlock(store: "GraphReader", role: str, have: list[str] | None = None) -> Unlock:
    """Rank what unlocks ``role``: required before preferred, heavier (better supported) first.

    ``have`` names skills, certifications or degrees the person already has ("experience" meets a
    degree equivalent experience may replace); names that resolve to nothing are returned in
    ``unrecognised``.

    >>> from kg.graph.examples import tiny_store
    >>> answer = unlock(tiny_store(), "cto", have=["hiring"])
    >>> [(r.item.name, r.required, r.have) for r in answer.skills]
    [('Budgeting', True, False), ('Hiring', False, True)]
    >>> [m.name for m in answer.missing], answer.min_years
    (['Budgeting'], 3)
    """
    node = resolve(store, role, ROLE)
    owned, unrecognised = _resolve_have(store, have or [])
    owned_ids = {r.id for r in owned}
    skills = _requirements(store, REQUIRES_SKILL, node.id, owned_ids)
    certs = _requirements(store, RECOMMENDS_CERTIFICATION, node.id, owned_ids)
    education = _requirements(store, REQUIRES_EDUCATION, node.id, owned_ids)
    experience = _experience(store, node.id)
    needs = role_needs(store, node.id)
    # stated groups (skills or certifications) and degrees equivalent experience may replace
    groups = tuple(n for n in needs if n.kind == "one-of" and (n.evidence or EXPERIENCE in n.options))
    plain = {n.key for n in needs if n.kind != "one-of"}  # grouped skills that a document also asks for alone
    missing = tuple(r.item for r in skills if not r.have and r.item.id in plain) if have is not None else ()
    missing_groups = tuple(g for g in groups if not g.met_by(owned_ids)) if have is not None else ()
    return Unlock(
        role=ref(node),
        skills=skills,
        certifications=certs,
        education=education,
        experience=experience,
        min_years=min((e.min_years for e in experience), default=None),
        salaries=_salaries(store, node.id),
        have=tuple(owned),
        unrecognised=tuple(unrecognised),
        missing=missing,
        one_of=groups,
        missing_one_of=missing_groups,
    )


def skill_gap(store: "GraphReader", source: str, target: str) -> list[Ref]:
    """Return the skills role ``target`` requires that role ``source`` does not list, heaviest first.

    The plain skill difference (the Cypher and SPARQL library queries answer the same); :func:`gap`
    also counts one-of groups.

    >>> from kg.graph.examples import tiny_store
    >>> [r.name for r in skill_gap(tiny_store(), "engineer", "manager")]
    ['Hiring']
    """
    a = resolve(store, source, ROLE)
    b = resolve(store, target, ROLE)
    return [ref(n) for n in store.targets_lacking(REQUIRES_SKILL, b.id, a.id)]


class Gap(NamedTuple):
    """What a move adds: skills (members of a one-of group the source meets left out) and unmet groups."""

    source: Ref
    target: Ref
    missing: tuple[Ref, ...]
    one_of: tuple[Need, ...]


def gap(store: "GraphReader", source: str, target: str) -> Gap:
    """Return :func:`skill_gap` with one-of groups counted: a group the source meets by any member is no gap.

    An unmet group is listed once in ``one_of``; its members stay in ``missing``.

    >>> from kg.graph.examples import tiny_store
    >>> [r.name for r in gap(tiny_store(), "engineer", "manager").missing]
    ['Hiring']
    """
    a = resolve(store, source, ROLE)
    b = resolve(store, target, ROLE)
    needs = role_needs(store, b.id, kinds=(REQUIRES_SKILL,))
    plain = {n.key for n in needs if n.kind != "one-of"}
    listed = set(store.successors(REQUIRES_SKILL, a.id))
    groups = [n for n in needs if n.kind == "one-of"]
    met = {o.id for n in groups if n.met_by(listed) for o in n.options} - plain
    missing = tuple(ref(n) for n in store.targets_lacking(REQUIRES_SKILL, b.id, a.id) if n.id not in met)
    return Gap(ref(a), ref(b), missing, tuple(n for n in groups if not n.met_by(listed)))


def _resolve_have(store: "GraphReader", names: list[str]) -> tuple[list[Ref], list[str]]:
    owned: list[Ref] = []
    unknown: list[str] = []
    for name in names:
        if names_experience(name):
            owned.append(EXPERIENCE)
            continue
        for type_ in (SKILL, CERTIFICATION, DEGREE):  # unknown names are set aside: no fuzzy search
            try:
                owned.append(ref(resolve(store, name, type_, suggestions=False)))
                break
            except UnknownNameError:
                continue
        else:
            unknown.append(name)
    return owned, unknown


def _requirements(store: "GraphReader", rel: str, role_id: str, owned: set[str]) -> tuple[Requirement, ...]:
    edges = store.out_edges(rel, role_id)
    nodes = {n.id: n for n in store.nodes_of(e.dst for e in edges)}
    quotes = quotes_by_dst(store, rel, role_id) if edges else {}
    out = []
    for edge in edges:
        node = nodes.get(edge.dst)
        if node is None:
            continue
        out.append(Requirement(ref(node), edge.required, edge.weight, edge.doc_count, node.id in owned,
                               tuple(quotes.get(edge.dst, ()))))
    out.sort(key=lambda r: (not r.required, -r.weight, r.item.name.lower()))
    return tuple(out)


def _experience(store: "GraphReader", role_id: str) -> tuple[YearsNeeded, ...]:
    rows = store.evidence(REQUIRES_EXPERIENCE, role_id, "")
    docs = store.document_titles(r.doc_id for r in rows)
    out = []
    for r in rows:
        name = docs[r.doc_id].name if r.doc_id in docs else r.doc_id
        max_years = r.props.get("max_years")
        out.append(YearsNeeded(r.props.get("min_years", 0), max_years, r.props.get("what", ""),
                               Quote(r.doc_id, name, r.quote, (r.start, r.end))))
    out.sort(key=lambda y: (-y.min_years, y.what))
    return tuple(out)


def _salaries(store: "GraphReader", role_id: str) -> tuple[SalaryFigure, ...]:
    edges = store.out_edges(HAS_SALARY, role_id)
    nodes = {n.id: n for n in store.nodes_of(e.dst for e in edges)}
    quotes = quotes_by_dst(store, HAS_SALARY, role_id) if edges else {}
    out = []
    for edge in edges:
        node = nodes.get(edge.dst)
        if node is None:
            continue
        p = node.props
        out.append(SalaryFigure(p["min"], p["max"], p["currency"], p["period"], p.get("region"), p.get("year"),
                                p.get("kind", "range"), tuple(quotes.get(edge.dst, ()))))
    out.sort(key=lambda s: (-s.max, -s.min))
    return tuple(out)
