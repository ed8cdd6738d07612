"""What a role asks of a person, as needs one meets or not: a skill, certification or degree, or one of several.

A one-of group ("AWS, Azure or GCP", stored as ``REQUIRES_ONE_OF`` evidence) answers for its members:
their own ``REQUIRES_SKILL`` edges are folded into it, except a member that some document requires
while the group is only preferred (that member stays a need of its own). When one group's members
are a subset of another's, the smaller (stricter) one is kept and takes the other's support.
The degrees a role asks for are read as alternatives too: one one-of need for the required ones,
one for the preferred ones.

>>> from kg.graph.examples import tiny_store
>>> [(n.label, n.required) for n in role_needs(tiny_store(), "cto")]
[('Budgeting', True), ('Hiring', False)]
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, NamedTuple

from kg.graph.types import (
    RECOMMENDS_CERTIFICATION,
    REL_ENDPOINTS,
    REQUIRES_EDUCATION,
    REQUIRES_ONE_OF,
    REQUIRES_SKILL,
    SKILL,
)
from kg.queries.common import Quote, Ref, ref

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["Need", "role_needs", "one_of_label", "PREFERRED_FACTOR"]

#: how much a preferred need counts against a required one when scoring
PREFERRED_FACTOR = 0.4
_KIND = {REQUIRES_SKILL: "skill", RECOMMENDS_CERTIFICATION: "certification", REQUIRES_EDUCATION: "degree"}


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


def role_needs(store: GraphReader, role_id: str, *, required_only: bool = False,
               kinds: tuple[str, ...] = (REQUIRES_SKILL, RECOMMENDS_CERTIFICATION, REQUIRES_EDUCATION),
               names: bool = True) -> tuple[Need, ...]:
    """Return what ``role_id`` asks for, one-of groups folded in: required first, heavier first.

    ``names=False`` skips reading the items' nodes (their ids stand in for names): for searches
    and rankings that show only a few roles' needs.
    """
    needs: list[Need] = []
    groups = _groups(store, role_id, names) if REQUIRES_SKILL in kinds else []
    grouped: dict[str, bool] = {}  # skill id -> does a group holding it count as required
    for g in groups:
        for o in g.options:
            grouped[o.id] = grouped.get(o.id, False) or g.required
    for rel in kinds:
        # every target in one query ("" is no role, so it lacks them all)
        targets = {n.id: ref(n) for n in store.targets_lacking(rel, role_id, "")} if names else {}
        for edge in store.out_edges(rel, role_id):
            if rel == REQUIRES_SKILL and edge.dst in grouped and (grouped[edge.dst] or not edge.required):
                continue
            item = targets.get(edge.dst) if names else Ref(edge.dst, edge.dst, REL_ENDPOINTS[rel][1])
            if item is None:
                continue
            needs.append(Need(item.id, _KIND[rel], item.name, (item,), edge.required, edge.weight, edge.doc_count))
    needs.extend(groups)
    needs = _degrees_as_one_of(needs)
    if required_only:
        needs = [n for n in needs if n.required]
    needs.sort(key=lambda n: (not n.required, -n.weight, n.label.lower()))
    return tuple(needs)


def _degrees_as_one_of(needs: list[Need]) -> list[Need]:
    """Degrees a role asks for are alternatives ("a degree in CS, Mathematics or Statistics"): one need each
    for the required and the preferred ones."""
    out = [n for n in needs if n.kind != "degree"]
    for required in (True, False):
        degrees = [n for n in needs if n.kind == "degree" and n.required == required]
        if len(degrees) == 1:
            out.append(degrees[0])
        elif degrees:
            options = tuple(o for n in degrees for o in n.options)
            out.append(Need("|".join(sorted(o.id for o in options)), "one-of",
                            one_of_label(o.name for o in options), options, required,
                            max(n.weight for n in degrees), max(n.documents for n in degrees)))
    return out


def _groups(store: GraphReader, role_id: str, names: bool) -> list[Need]:
    """Aggregate the role's one-of evidence rows by member set; drop groups a stricter one implies."""
    rows = store.evidence(REQUIRES_ONE_OF, role_id, "")
    if not rows:
        return []
    docs = store.document_titles(r.doc_id for r in rows)
    by_members: dict[frozenset[str], list[tuple[str, bool, float, Quote, tuple[str, ...]]]] = {}
    for r in rows:
        members = tuple(str(m) for m in r.props.get("members", ()))
        if len(members) < 2:
            continue
        name = docs[r.doc_id].name if r.doc_id in docs else r.doc_id
        by_members.setdefault(frozenset(members), []).append(
            (r.doc_id, r.required, r.strength, Quote(r.doc_id, name, r.quote, (r.start, r.end)), members))
    keys = sorted(by_members, key=lambda k: (len(k), sorted(k)))
    kept: dict[frozenset[str], list[tuple[str, bool, float, Quote, tuple[str, ...]]]] = {}
    for k in keys:
        stricter = next((s for s in kept if s <= k), None)
        if stricter is not None:
            kept[stricter].extend(by_members[k])
        else:
            kept[k] = list(by_members[k])
    out = []
    for k, items in kept.items():
        options = []
        for member in items[0][4]:
            node = store.node(member) if names else None
            if not names:
                options.append(Ref(member, member, SKILL))
            elif node is not None and node.type == SKILL:
                options.append(ref(node))
        if len(options) < 2:
            continue
        strongest: dict[str, float] = {}
        for doc_id, _, strength, _, _ in items:
            strongest[doc_id] = max(strongest.get(doc_id, 0.0), strength)
        quotes = tuple(dict.fromkeys(q for *_, q, _ in items))
        out.append(Need("|".join(sorted(k)), "one-of", one_of_label(o.name for o in options), tuple(options),
                        any(i[1] for i in items), round(sum(strongest.values()), 6), len(strongest), quotes))
    return out
