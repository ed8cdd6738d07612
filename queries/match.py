"""Which roles fit what a person has: roles ranked by the weighted share of their needs the person meets.

Each need counts with its weight (support across documents × strength of the cue), preferred needs
:data:`~kg.queries.needs.PREFERRED_FACTOR` as much as required ones; a one-of group is met by any
member. Ranking divides what is met by what the role asks plus :data:`PRIOR` (two well-supported
needs' worth), so a role documented with one or two skills does not outrank a well-described role
the person fits almost as well. With a starting role, roles within a few documented moves of it come
first. Only roles that ask for something the person has (or are within reach) are scored; of those,
the :data:`SHORTLIST` asking for the most held items (counted in one indexed query) are scored exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.graph.types import (
    PROGRESSES_TO,
    RECOMMENDS_CERTIFICATION,
    REQUIRES_EDUCATION,
    REQUIRES_EXPERIENCE,
    REQUIRES_SKILL,
    ROLE,
)
from kg.queries.common import Ref, ref
from kg.queries.have import resolve_have
from kg.queries.needs import EXPERIENCE, Need, role_needs_many, weigh_many
from kg.queries.resolve import resolve

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["RoleMatch", "MatchAnswer", "match_roles", "PRIOR", "SHORTLIST", "reachable"]

PRIOR = 2.0
SHORTLIST = 60
_RELS = (REQUIRES_SKILL, RECOMMENDS_CERTIFICATION, REQUIRES_EDUCATION)


@dataclass(frozen=True)
class RoleMatch:
    """One role and how well the person fits it.

    ``fit`` is the weighted share of needs met (0..1); ``score`` ranks; ``moves`` is the number of
    documented moves from the starting role (None without one, or when out of reach);
    ``years_short`` how many more years of experience the role asks for (None when unknown).
    """

    role: Ref
    fit: float
    score: float
    matched: tuple[Need, ...]
    missing: tuple[Need, ...]
    min_years: float | None
    years_short: float | None
    moves: int | None


@dataclass(frozen=True)
class MatchAnswer:
    """Roles ranked for what the person has."""

    have: tuple[Ref, ...]
    unrecognised: tuple[str, ...]
    source: Ref | None
    matches: tuple[RoleMatch, ...]


def match_roles(store: GraphReader, have: list[str], *, source: str | None = None, years: float | None = None,
                limit: int = 10, max_moves: int = 3) -> MatchAnswer:
    """Rank roles by how much of what they ask for the person has (see the module docstring).

    >>> from kg.graph.examples import tiny_store
    >>> answer = match_roles(tiny_store(), ["python", "hiring"])
    >>> [(m.role.id, round(m.fit, 2), [n.label for n in m.missing]) for m in answer.matches]
    [('manager', 1.0, []), ('engineer', 1.0, []), ('cto', 0.29, ['Budgeting'])]

    Raises:
        UnknownNameError: ``source`` names no role.
    """
    resolved = resolve_have(store, have)
    start = resolve(store, source, ROLE) if source is not None else None
    # someone in a role, or with years of it, has the experience that may stand in for a degree
    held = resolved.ids | ({EXPERIENCE.id} if start is not None or years else set())
    distance = reachable(store, start.id, max_moves) if start is not None else {}
    candidates = _candidates(store, held)
    for role_id in distance:
        candidates.setdefault(role_id, 0.0)
    if start is not None:
        candidates.pop(start.id, None)
    shortlist = sorted(candidates, key=lambda r: (r not in distance, -candidates[r], r))[:SHORTLIST]
    scored = [(role_id, round(met / total, 4), round(met / (total + PRIOR), 4))
              for role_id, (met, total) in weigh_many(store, shortlist, held).items() if total]
    if start is not None:
        scored.sort(key=lambda m: (m[0] not in distance, -m[2], distance.get(m[0], 0), m[0]))
    else:
        scored.sort(key=lambda m: (-m[2], m[0]))
    roles = {n.id: n for n in store.nodes_of(role_id for role_id, _, _ in scored) if n.type == ROLE}
    shown = [m for m in scored if m[0] in roles][:limit]
    all_needs = role_needs_many(store, [role_id for role_id, _, _ in shown])  # names: only of the roles shown
    matches = []
    for role_id, fit, score in shown:
        needs = all_needs[role_id]
        min_years = _min_years(store, role_id)
        short = max(0.0, min_years - years) if years is not None and min_years is not None else None
        matches.append(RoleMatch(ref(roles[role_id]), fit, score, tuple(n for n in needs if n.met_by(held)),
                                 tuple(n for n in needs if not n.met_by(held)), min_years, short,
                                 distance.get(role_id)))
    return MatchAnswer(resolved.items, resolved.unrecognised, ref(start) if start else None, tuple(matches))


def reachable(store: GraphReader, start: str, max_moves: int) -> dict[str, int]:
    """Return the roles within ``max_moves`` documented moves of ``start`` and their distance (start excluded)."""
    seen = {start: 0}
    frontier = [start]
    for depth in range(1, max_moves + 1):
        layer = [n for _, n in store.pairs_of(PROGRESSES_TO, frontier) if n not in seen]  # a layer in one read
        frontier = list(dict.fromkeys(layer))
        seen.update((n, depth) for n in frontier)
    seen.pop(start)
    return seen


def _candidates(store: GraphReader, held: frozenset[str]) -> dict[str, float]:
    """Roles asking for a held item, with how many they ask for (a cheap first ranking, counted in the index)."""
    return {role: float(n) for role, n in store.count_into(_RELS, held).items()}


def _min_years(store: GraphReader, role_id: str) -> float | None:
    rows = store.evidence(REQUIRES_EXPERIENCE, role_id, "")
    lows = [float(r.props["min_years"]) for r in rows if r.props.get("min_years") is not None]
    return min(lows, default=None)
