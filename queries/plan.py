"""Plan a career route by what there is to learn: the route with the least to learn, as a cumulative plan.

A plan walks a route and, at each move, lists the target role's required skills (one-of groups
as one item) that the person neither has nor learned at an earlier step. Its total is the number of
items learned. :func:`plan_route` searches for the route with the smallest total (fewer moves, then
better supported moves break ties): a best-first search over (role, skills learned so far) that
keeps a state only when no state at the same role learned a subset of it, with the goal's unmet
needs as a lower bound, bounded by the fewest-moves route's total (which it never exceeds). Routes
of up to :data:`EXTRA_MOVES` more moves than the fewest are searched (every role on a route adds
what it asks for, so long detours rarely teach less), and at most :data:`MAX_STATES` states.

Without ``have``, the person is taken to have every skill, certification and degree the starting role
lists (``kg path`` assumes the same of skills).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import NoRouteError
from kg.graph.types import PROGRESSES_TO, REQUIRES_SKILL, ROLE
from kg.queries.common import Quote, Ref, quotes_for, ref
from kg.queries.have import resolve_have, role_holdings
from kg.queries.needs import Need, required_skills_many, role_needs_many
from kg.queries.path import MAX_HOPS, closest_reachable, shortest_role_path
from kg.queries.resolve import resolve

if TYPE_CHECKING:
    from collections.abc import Collection

    from kg.graph.protocols import GraphReader

__all__ = ["ToLearn", "PlanStep", "LearningPlan", "PlanAnswer", "plan_route", "learning_plan", "MAX_STATES",
           "EXTRA_MOVES"]

#: search states expanded before the best route found so far is taken
MAX_STATES = 5_000
#: how many more moves than the fewest a least-to-learn route may take
EXTRA_MOVES = 3


@dataclass(frozen=True)
class ToLearn:
    """A need to meet at a step and the option the plan learns (a one-of group names several).

    ``label`` is how to show it: the item's name, the group's "one of: …", or "AWS (one of: …)"
    when a later step asks for that option on its own.
    """

    need: Need
    pick: Ref
    label: str


@dataclass(frozen=True)
class PlanStep:
    """One move and what to learn for it that is not held and not learned earlier."""

    source: Ref
    target: Ref
    weight: float
    learn: tuple[ToLearn, ...]
    evidence: tuple[Quote, ...]


@dataclass(frozen=True)
class LearningPlan:
    """A route as a cumulative learning plan; ``total`` items to learn over ``hops`` moves."""

    roles: tuple[Ref, ...]
    steps: tuple[PlanStep, ...]
    total: int
    weight: float

    @property
    def hops(self) -> int:
        """Return the number of moves."""
        return len(self.steps)


@dataclass(frozen=True)
class PlanAnswer:
    """The least-to-learn plan and, when it is another route, the fewest-moves one beside it.

    ``assumed`` says what the person was taken to have: ``"have"`` (the names given) or
    ``"source-role"`` (every skill the starting role lists).
    """

    source: Ref
    target: Ref
    have: tuple[Ref, ...]
    unrecognised: tuple[str, ...]
    assumed: str
    plan: LearningPlan
    fewest_moves: LearningPlan | None
    proven: bool


def plan_route(store: GraphReader, source: str, target: str, have: list[str] | None = None) -> PlanAnswer:
    """Return the route from ``source`` to ``target`` with the least to learn, as a learning plan.

    >>> from kg.graph.examples import tiny_store
    >>> answer = plan_route(tiny_store(), "engineer", "cto", have=["python"])
    >>> [[t.pick.name for t in s.learn] for s in answer.plan.steps], answer.plan.total
    ([['Hiring'], ['Budgeting']], 2)

    Raises:
        UnknownNameError: a name resolves to no role.
        NoRouteError: no documented route exists.
    """
    start, goal = ref(resolve(store, source, ROLE)), ref(resolve(store, target, ROLE))
    fewest_ids = shortest_role_path(store, start.id, goal.id)
    if fewest_ids is None:
        raise NoRouteError(start.name, goal.name, closest_reachable(store, start.id, goal.id))
    if have is not None:
        resolved = resolve_have(store, have)
        items, unknown, held, assumed = resolved.items, resolved.unrecognised, resolved.ids, "have"
    else:
        items, unknown, assumed = (), (), "source-role"
        held = role_holdings(store, start.id)
    needs = _NeedCache(store)
    baseline = learning_plan(store, fewest_ids, held, needs)
    found, proven = _search(store, start.id, goal.id, held, baseline.total,
                            min(MAX_HOPS, len(fewest_ids) - 1 + EXTRA_MOVES))
    plans = [baseline] + [learning_plan(store, p, held, needs) for p in found if p != fewest_ids]
    best = min(plans, key=lambda p: (p.total, p.hops, -p.weight, [r.id for r in p.roles]))
    other = baseline if best.roles != baseline.roles else None
    return PlanAnswer(start, goal, items, unknown, assumed, best, other, proven)


def learning_plan(store: GraphReader, path: list[str], held: Collection[str],
                  needs: _NeedCache | None = None) -> LearningPlan:
    """Return the cumulative learning plan along the role ids of ``path`` for a person holding ``held``.

    A one-of group learns the option a later step asks for on its own, else its first option.

    >>> from kg.graph.examples import tiny_store
    >>> plan = learning_plan(tiny_store(), ["engineer", "manager", "cto"], {"hiring"})
    >>> [[t.pick.name for t in s.learn] for s in plan.steps]
    [['Python'], ['Budgeting']]
    """
    cache = needs or _NeedCache(store)
    cache.load(path[1:])
    per_step = [cache.get(role_id) for role_id in path[1:]]
    later_plain = [set().union(*({n.key for n in step if not n.kind == "one-of"} for step in per_step[i + 1:]))
                   for i in range(len(per_step))]
    known = set(held)
    by_id = {i: Ref(i, name, t) for i, (t, name) in store.names_of(path).items()}
    roles = [by_id[r] for r in path if r in by_id]
    steps = []
    for i, (a, b) in enumerate(zip(path, path[1:], strict=False)):
        learn = []
        for need in per_step[i]:
            if need.met_by(known):
                continue
            later = next((o for o in need.options if o.id in later_plain[i]), None)
            pick = later or need.options[0]
            known.add(pick.id)
            label = need.label if need.kind != "one-of" or later is None else f"{later.name} ({need.label})"
            learn.append(ToLearn(need, pick, label))
        edge = next((e for e in store.out_edges(PROGRESSES_TO, a) if e.dst == b), None)
        steps.append(PlanStep(by_id[a], by_id[b], edge.weight if edge else 0.0, tuple(learn),
                              tuple(quotes_for(store, PROGRESSES_TO, a, b))))
    return LearningPlan(tuple(roles), tuple(steps), sum(len(s.learn) for s in steps),
                        round(sum(s.weight for s in steps), 6))


class _NeedCache:
    """Each role's required skill needs (one-of groups folded in), read once."""

    def __init__(self, store: GraphReader, *, names: bool = True) -> None:
        self.store = store
        self.names = names
        self._needs: dict[str, tuple[Need, ...]] = {}

    def get(self, role_id: str) -> tuple[Need, ...]:
        self.load([role_id])
        return self._needs[role_id]

    def load(self, role_ids: Collection[str]) -> None:
        """Read the needs of the roles not read yet, in bulk."""
        todo = [r for r in role_ids if r not in self._needs]
        if todo:
            self._needs.update(role_needs_many(self.store, todo, required_only=True, kinds=(REQUIRES_SKILL,),
                                               names=self.names))



def _search(store: GraphReader, start: str, goal: str, held: frozenset[str], bound: int,
            max_hops: int) -> tuple[list[list[str]], bool]:
    """Best-first search for routes of at most ``max_hops`` moves whose plan learns at most ``bound`` items.

    Returns the route found (none when no route beats ``bound``) and True when the search ran to its
    end (not to :data:`MAX_STATES`).
    """
    to_goal = _corridor(store, start, goal, max_hops)
    if start not in to_goal:
        return [], True
    plain: dict[str, frozenset[str]] = {}
    groups: dict[str, list[Need]] = {}

    def load(roles: Collection[str]) -> None:  # required skills and one-of groups of many roles in bulk
        for role, (skills, role_groups) in required_skills_many(store, [r for r in roles if r not in plain]).items():
            plain[role] = skills - held
            groups[role] = [g for g in role_groups if not g.met_by(held)]

    load([goal])
    goal_groups = bool(groups[goal])

    def lower(learned: frozenset[str]) -> int:
        unmet_groups = goal_groups and any(not g.met_by(learned) for g in groups[goal])
        return len(plain[goal] - learned) + (1 if unmet_groups else 0)

    labels: dict[str, list[frozenset[str]]] = {start: [frozenset()]}
    heap: list[tuple[int, int, float, list[str], frozenset[str]]] = [(lower(frozenset()), 0, 0.0, [start],
                                                                     frozenset())]
    found: list[list[str]] = []
    best, expanded = bound, 0
    while heap:
        f, hops, neg_weight, path, learned = heapq.heappop(heap)
        if f > best:
            return found, True
        if path[-1] == goal:  # the first route popped learns least (the bound never overestimates)
            return [path], True
        expanded += 1
        if expanded > MAX_STATES:
            return found, False
        moves = [e for e in store.out_edges(PROGRESSES_TO, path[-1])
                 if e.dst not in path and hops + 1 + to_goal.get(e.dst, max_hops + 1) <= max_hops]
        load([e.dst for e in moves])
        for edge in moves:
            nxt = edge.dst
            new = learned | plain[nxt]
            for g in groups[nxt]:
                if not g.met_by(new):
                    new = new | {g.options[0].id}
            f_next = len(new) + (lower(new) if nxt != goal else 0)
            if f_next > best:
                continue
            at = labels.setdefault(nxt, [])
            if any(old <= new for old in at):
                continue
            at[:] = [old for old in at if not new <= old] + [new]
            heapq.heappush(heap, (f_next, hops + 1, neg_weight - edge.weight, path + [nxt], new))
    return found, True


def _corridor(store: GraphReader, start: str, goal: str, max_hops: int) -> dict[str, int]:
    """Return role -> moves to ``goal``, for the roles that can lie on a route of at most ``max_hops`` moves.

    Meets in the middle: a forward search from ``start`` to half the depth gives each role's moves
    from the start (roles it did not reach are further than that), and the backward search from the
    goal keeps a role only when those moves plus its moves to the goal fit in ``max_hops``. Every role
    on such a route is kept, with its true distance (a shortest way to the goal from a role on a route
    that fits passes only through roles that fit too), so a search pruned by it loses no route.
    """
    ahead = max_hops - max_hops // 2
    from_start = {start: 0}
    frontier = [start]
    for depth in range(1, ahead + 1):  # a whole layer in one bulk read
        frontier = [d for d in dict.fromkeys(d for _, d in store.pairs_of(PROGRESSES_TO, frontier))
                    if d not in from_start]
        from_start.update((d, depth) for d in frontier)
    dist = {goal: 0}
    frontier = [goal]
    for depth in range(1, max_hops + 1):
        frontier = [s for s in dict.fromkeys(s for s, _ in store.pairs_of(PROGRESSES_TO, frontier, into=True))
                    if s not in dist and from_start.get(s, ahead + 1) + depth <= max_hops]
        dist.update((s, depth) for s in frontier)
        if not frontier:
            break
    return dist
