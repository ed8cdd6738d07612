"""What a role asks of a person, as needs one meets or not: a skill, certification or degree, or one of several.

A one-of group ("AWS, Azure or GCP", or of certifications: "CSPO or PMP"; stored as ``REQUIRES_ONE_OF``
evidence, ``kind`` in its properties when not skills) answers for its members: their own
``REQUIRES_SKILL`` (or ``RECOMMENDS_CERTIFICATION``) edges are folded into it, except a member that
some document requires while the group is only preferred (that member stays a need of its own).
When one group's members are a subset of another's, the smaller (stricter) one is kept and takes the
other's support. The degrees a role asks for are read as alternatives too: one one-of need for the
required ones, one for the preferred ones; when a document accepts "equivalent experience" instead
(``or_experience`` on the degree's evidence), :data:`EXPERIENCE` is one more option of that need.

>>> from kg.graph.examples import tiny_store
>>> [(n.label, n.required) for n in role_needs(tiny_store(), "cto")]
[('Budgeting', True), ('Hiring', False)]
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import, which a cold ``kg unlock`` pays for; type-checker-only names are quoted.
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from kg.graph.types import (
    CERTIFICATION,
    RECOMMENDS_CERTIFICATION,
    REL_ENDPOINTS,
    REQUIRES_EDUCATION,
    REQUIRES_ONE_OF,
    REQUIRES_SKILL,
    SKILL,
)
from kg.queries.common import Quote, Ref

if TYPE_CHECKING:
    from kg.graph.model import DocumentInfo, Edge, Evidence
    from kg.graph.protocols import GraphReader

__all__ = ["Need", "role_needs", "role_needs_many", "required_skills_many", "weigh_many", "one_of_label",
           "PREFERRED_FACTOR", "EXPERIENCE", "names_experience"]

#: how much a preferred need counts against a required one when scoring
PREFERRED_FACTOR = 0.4
_KIND = {REQUIRES_SKILL: "skill", RECOMMENDS_CERTIFICATION: "certification", REQUIRES_EDUCATION: "degree"}
_ALL = (REQUIRES_SKILL, RECOMMENDS_CERTIFICATION, REQUIRES_EDUCATION)
#: the relationship a one-of group of each kind answers for (evidence without ``kind`` groups skills)
_GROUP_REL = {"skill": REQUIRES_SKILL, "certification": RECOMMENDS_CERTIFICATION}
#: the option "or equivalent experience" adds to a degree need; a person in a role holds it
EXPERIENCE = Ref("experience", "equivalent experience", "Experience")
_EXPERIENCE_NAMES = frozenset({"experience", "equivalent experience", "work experience", "practical experience",
                               "professional experience", "industry experience", "relevant experience"})


def names_experience(name: str) -> bool:
    """Return True when ``name`` claims work experience, :data:`EXPERIENCE` ("experience", "equivalent practical
    experience").

    >>> names_experience("Equivalent experience"), names_experience("Python")
    (True, False)
    """
    words = " ".join(name.lower().replace("-", " ").split())
    return words in _EXPERIENCE_NAMES or words.startswith("equivalent ") and words.endswith(" experience")


class Need(NamedTuple):
    """One thing a role asks for; ``options`` holds one item, or several for a one-of group.

    ``kind`` is ``skill``, ``certification``, ``degree`` or ``one-of``; ``weight`` is support
    across documents × strength of the cue (as on edges); ``evidence`` quotes a group's sentences.
    """

    key: str
    kind: str
    label: str
    options: tuple[Ref, ...]
    required: bool
    weight: float
    documents: int
    evidence: tuple[Quote, ...] = ()

    def met_by(self, held: Collection[str]) -> bool:
        """Return True when any option is among the ``held`` ids."""
        return any(o.id in held for o in self.options)

    @property
    def score(self) -> float:
        """Return the weight this need counts with: preferred needs count :data:`PREFERRED_FACTOR` as much."""
        return self.weight * (1.0 if self.required else PREFERRED_FACTOR)


def one_of_label(names: Iterable[str]) -> str:
    """Return ``"one of: A, B or C"``.

    >>> one_of_label(["AWS", "Azure", "GCP"])
    'one of: AWS, Azure or GCP'
    """
    items = list(names)
    return "one of: " + (", ".join(items[:-1]) + " or " + items[-1] if len(items) > 1 else "".join(items))


def role_needs(store: "GraphReader", role_id: str, *, required_only: bool = False,
               kinds: tuple[str, ...] = _ALL, names: bool = True) -> tuple[Need, ...]:
    """Return what ``role_id`` asks for, one-of groups folded in: required first, heavier first.

    ``names=False`` skips reading the items' nodes (their ids stand in for names): for searches
    and rankings that show only a few roles' needs (:func:`role_needs_many` reads many at once).
    """
    return role_needs_many(store, [role_id], required_only=required_only, kinds=kinds, names=names)[role_id]


def role_needs_many(store: "GraphReader", role_ids: Iterable[str], *, required_only: bool = False,
                    kinds: tuple[str, ...] = _ALL, names: bool = True) -> dict[str, tuple[Need, ...]]:
    """Return role id -> its needs as :func:`role_needs` gives them, for many roles in a few bulk reads.

    With ``names`` an item whose node is missing is left out; without, ids stand in for names.

    >>> from kg.graph.examples import tiny_store
    >>> {r: [n.label for n in needs] for r, needs in role_needs_many(tiny_store(), ["cto", "manager"]).items()}
    {'cto': ['Budgeting', 'Hiring'], 'manager': ['Hiring', 'Python']}
    """
    ids = list(dict.fromkeys(role_ids))
    rows = _group_rows(store, ids, kinds)
    if required_only:
        rows = [r for r in rows if r.required]
    instead = _experience_instead(store, ids, kinds)
    docs = store.document_titles([*(r.doc_id for r in rows),
                                  *(e.doc_id for by in instead.values() for ev in by.values() for e in ev)])
    by_role: dict[str, tuple[list[Edge], list[Evidence]]] = {r: ([], []) for r in ids}
    for edge in store.edges_of(kinds, ids) if ids else ():
        if edge.required or not required_only:
            by_role[edge.src][0].append(edge)
    for row in rows:
        by_role[row.src][1].append(row)
    if names:
        wanted = {e.dst for edges, _ in by_role.values() for e in edges}
        wanted.update(str(m) for r in rows for m in r.props.get("members", ()))
        known = {i: Ref(i, name, t) for i, (t, name) in store.names_of(wanted).items()}

        def item(edge: "Edge") -> Ref | None:
            return known.get(edge.dst)

        def member(item_id: str, type_: str) -> Ref | None:
            found = known.get(item_id)
            return found if found is not None and found.type == type_ else None
    else:
        def item(edge: "Edge") -> Ref | None:
            return Ref(edge.dst, edge.dst, REL_ENDPOINTS[edge.type][1])

        member = _id_ref
    return {r: _fold(edges, _groups(ev, docs, member), item, required_only,
                     {d: _quotes(rows_, docs) for d, rows_ in instead.get(r, {}).items()})
            for r, (edges, ev) in by_role.items()}


def required_skills_many(store: "GraphReader", role_ids: Iterable[str]
                         ) -> dict[str, tuple[frozenset[str], tuple[Need, ...]]]:
    """Return role id -> (its required skill ids outside one-of groups, its required one-of groups), in bulk.

    The same needs as ``role_needs(..., required_only=True, kinds=(REQUIRES_SKILL,), names=False)``, read
    as bare id pairs (a route search reads hundreds of roles and needs nothing else).

    >>> from kg.graph.examples import tiny_store
    >>> {r: (sorted(s), g) for r, (s, g) in required_skills_many(tiny_store(), ["cto", "manager"]).items()}
    {'cto': (['budgeting'], ()), 'manager': (['hiring', 'python'], ())}
    """
    ids = list(dict.fromkeys(role_ids))
    if not ids:
        return {}
    skills: dict[str, set[str]] = {r: set() for r in ids}
    for src, dst in store.pairs_of(REQUIRES_SKILL, ids, required_only=True):
        skills[src].add(dst)
    rows: dict[str, list[Evidence]] = {}
    found = _group_rows(store, ids, (REQUIRES_SKILL,))
    for row in found:
        rows.setdefault(row.src, []).append(row)
    docs = store.document_titles(r.doc_id for r in found)
    out = {}
    for role in ids:
        groups = tuple(sorted((g for g in _groups(rows.get(role, []), docs, _id_ref) if g.required),
                              key=lambda n: (-n.weight, n.label.lower())))  # as role_needs orders them
        members = {o.id for g in groups for o in g.options}
        out[role] = (frozenset(skills[role] - members), groups)
    return out


def weigh_many(store: "GraphReader", role_ids: Iterable[str], held: Collection[str]) -> dict[str, tuple[float, float]]:
    """Return role id -> (score of its needs ``held`` meets, score of all its needs), read in bulk.

    The sums of :attr:`Need.score` over :func:`role_needs` (``names=False``), without building the
    needs: for rankings that score many roles and show a few.

    >>> from kg.graph.examples import tiny_store
    >>> weigh_many(tiny_store(), ["cto"], {"hiring"})
    {'cto': (0.4, 1.4)}
    """
    ids = list(dict.fromkeys(role_ids))
    if not ids:
        return {}
    rows: dict[str, list[Evidence]] = {}
    for row in _group_rows(store, ids, _ALL):
        rows.setdefault(row.src, []).append(row)
    instead = _experience_instead(store, ids, _ALL)
    # roles with groups or an experience alternative are weighed edge by edge; the rest from sums in SQL
    edges: dict[str, list[Edge]] = {r: [] for r in ids if r in rows or r in instead}
    for edge in store.edges_of(_ALL, edges) if edges else ():
        edges[edge.src].append(edge)
    plain = [r for r in ids if r not in edges]
    sums: dict[str, list[tuple[str, bool, float, float]]] = {}
    for (role, type_, required), (weight, top) in (store.weight_sums(_ALL, plain) if plain else {}).items():
        sums.setdefault(role, []).append((type_, required, weight, top))
    met_edges: dict[str, list[Edge]] = {}
    for edge in store.edges_of(_ALL, plain, others=held) if plain and held else ():
        met_edges.setdefault(edge.src, []).append(edge)
    out = {}
    for role in ids:
        if role in edges:
            out[role] = _weigh(edges[role], _groups(rows.get(role, []), {}, _id_ref), held, instead.get(role, {}))
            continue
        met = total = 0.0
        for type_, required, weight, top in sums.get(role, ()):
            factor = 1.0 if required else PREFERRED_FACTOR
            total += (top if type_ == REQUIRES_EDUCATION else weight) * factor  # degrees: one need, the heaviest
        degrees_met: set[bool] = set()
        for e in met_edges.get(role, ()):
            if e.type == REQUIRES_EDUCATION:
                degrees_met.add(e.required)
            else:
                met += e.weight * (1.0 if e.required else PREFERRED_FACTOR)
        for type_, required, _, top in sums.get(role, ()):
            if type_ == REQUIRES_EDUCATION and required in degrees_met:
                met += top * (1.0 if required else PREFERRED_FACTOR)
        out[role] = (met, total)
    return out


def _weigh(edges: "list[Edge]", groups: list[Need], held: Collection[str],
           instead: Collection[str]) -> tuple[float, float]:
    """Return (met, total) score of one role's needs, edge by edge (groups and experience folded in)."""
    grouped = _grouped(groups)
    met = total = 0.0
    degrees: dict[bool, list[Edge]] = {True: [], False: []}
    for e in edges:
        if _folded(e, grouped):
            continue
        if e.type == REQUIRES_EDUCATION:
            degrees[e.required].append(e)
            continue
        score = e.weight * (1.0 if e.required else PREFERRED_FACTOR)
        total += score
        met += score if e.dst in held else 0.0
    for g in groups:
        total += g.score
        met += g.score if g.met_by(held) else 0.0
    for required, asked in degrees.items():  # the degrees asked for are one need (see _degrees_as_one_of)
        if asked:
            score = max(e.weight for e in asked) * (1.0 if required else PREFERRED_FACTOR)
            total += score
            by_experience = EXPERIENCE.id in held and any(e.dst in instead for e in asked)
            met += score if by_experience or any(e.dst in held for e in asked) else 0.0
    return met, total


def _group_rows(store: "GraphReader", ids: list[str], kinds: tuple[str, ...]) -> "list[Evidence]":
    """The one-of evidence rows of the roles whose kind of group ``kinds`` asks for."""
    wanted = {k for k, rel in _GROUP_REL.items() if rel in kinds}
    if not ids or not wanted:
        return []
    return [r for r in store.evidence_of(REQUIRES_ONE_OF, ids) if r.props.get("kind", "skill") in wanted]


def _experience_instead(store: "GraphReader", ids: list[str],
                        kinds: tuple[str, ...]) -> "dict[str, dict[str, list[Evidence]]]":
    """Role id -> degree id -> the evidence of documents that let equivalent experience replace it."""
    out: dict[str, dict[str, list[Evidence]]] = {}
    if ids and REQUIRES_EDUCATION in kinds:
        for row in store.evidence_of(REQUIRES_EDUCATION, ids):
            if row.props.get("or_experience"):
                out.setdefault(row.src, {}).setdefault(row.dst, []).append(row)
    return out


def _quotes(rows: "list[Evidence]", docs: "dict[str, DocumentInfo]") -> tuple[Quote, ...]:
    return tuple(Quote(r.doc_id, docs[r.doc_id].name if r.doc_id in docs else r.doc_id, r.quote, (r.start, r.end))
                 for r in rows)


def _id_ref(item_id: str, type_: str = SKILL) -> Ref:
    return Ref(item_id, item_id, type_)


def _grouped(groups: list[Need]) -> dict[tuple[str, str], bool]:
    """(type, id) of each group member -> does a group holding it count as required."""
    grouped: dict[tuple[str, str], bool] = {}
    for g in groups:
        for o in g.options:
            grouped[o.type, o.id] = grouped.get((o.type, o.id), False) or g.required
    return grouped


def _folded(edge: "Edge", grouped: dict[tuple[str, str], bool]) -> bool:
    """True when a group answers for this edge's target (a required member of a preferred group stays)."""
    key = (REL_ENDPOINTS[edge.type][1], edge.dst)
    return key in grouped and (grouped[key] or not edge.required)


def _fold(edges: "list[Edge]", groups: list[Need], item: "Callable[[Edge], Ref | None]",
          required_only: bool, instead: Mapping[str, tuple[Quote, ...]] | None = None) -> tuple[Need, ...]:
    """Turn a role's requirement edges and one-of groups into needs (see the module docstring).

    ``item`` gives the shown item of an edge's target (None leaves it out); ``instead`` holds the
    degrees equivalent experience may replace, with the quotes that say so.
    """
    grouped = _grouped(groups)
    needs: list[Need] = []
    for edge in edges:
        if _folded(edge, grouped):
            continue
        shown = item(edge)
        if shown is not None:
            needs.append(Need(shown.id, _KIND[edge.type], shown.name, (shown,), edge.required, edge.weight,
                              edge.doc_count))
    needs.extend(groups)
    needs = _degrees_as_one_of(needs, instead or {})
    if required_only:
        needs = [n for n in needs if n.required]
    needs.sort(key=lambda n: (not n.required, -n.weight, n.label.lower()))
    return tuple(needs)


def _degrees_as_one_of(needs: list[Need], instead: Mapping[str, tuple[Quote, ...]]) -> list[Need]:
    """Degrees a role asks for are alternatives ("a degree in CS, Mathematics or Statistics"): one need each
    for the required and the preferred ones, with :data:`EXPERIENCE` as one more option when a degree
    of it may be replaced by experience."""
    out = [n for n in needs if n.kind != "degree"]
    for required in (True, False):
        degrees = [n for n in needs if n.kind == "degree" and n.required == required]
        options = tuple(o for n in degrees for o in n.options)
        quotes = tuple(dict.fromkeys(q for o in options for q in instead.get(o.id, ())))
        if quotes:
            options += (EXPERIENCE,)
        if len(options) == 1:
            out.append(degrees[0])
        elif options:
            out.append(Need("|".join(sorted(o.id for o in options)), "one-of",
                            one_of_label(o.name for o in options), options, required,
                            max(n.weight for n in degrees), max(n.documents for n in degrees), quotes))
    return out


def _groups(rows: "list[Evidence]", docs: "dict[str, DocumentInfo]",
            member: Callable[[str, str], Ref | None]) -> list[Need]:
    """Aggregate a role's one-of evidence rows by member set; drop groups a stricter one implies."""
    if not rows:
        return []
    by_members: dict[frozenset[str], list[tuple[str, bool, float, Quote, tuple[str, ...], str]]] = {}
    for r in rows:
        members = tuple(str(m) for m in r.props.get("members", ()))
        if len(members) < 2:
            continue
        name = docs[r.doc_id].name if r.doc_id in docs else r.doc_id
        type_ = CERTIFICATION if r.props.get("kind") == "certification" else SKILL
        by_members.setdefault(frozenset(members), []).append(
            (r.doc_id, r.required, r.strength, Quote(r.doc_id, name, r.quote, (r.start, r.end)), members, type_))
    keys = sorted(by_members, key=lambda k: (len(k), sorted(k)))
    kept: dict[frozenset[str], list[tuple[str, bool, float, Quote, tuple[str, ...], str]]] = {}
    for k in keys:
        stricter = next((s for s in kept if s <= k), None)
        if stricter is not None:
            kept[stricter].extend(by_members[k])
        else:
            kept[k] = list(by_members[k])
    out = []
    for k, items in kept.items():
        options = [o for m in items[0][4] if (o := member(m, items[0][5])) is not None]
        if len(options) < 2:
            continue
        strongest: dict[str, float] = {}
        for doc_id, _, strength, *_ in items:
            strongest[doc_id] = max(strongest.get(doc_id, 0.0), strength)
        quotes = tuple(dict.fromkeys(i[3] for i in items))
        out.append(Need("|".join(sorted(k)), "one-of", one_of_label(o.name for o in options), tuple(options),
                        any(i[1] for i in items), round(sum(strongest.values()), 6), len(strongest), quotes))
    return out
