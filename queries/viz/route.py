"""The route panel's content: each route's steps with the skills to learn and the documents that state the move.

Routes come from :func:`kg.queries.path.find_routes` (the answer of
``kg path``); this module only adds the target role's preferred skills the
previous role lacks, after the required ones, and turns everything into plain
data for the page. With ``have`` (``kg viz --path … --have …``) each step's
required items are the cumulative learning plan of ``kg path --have``: what
is neither held nor learned at an earlier step ("one of: …" for alternatives).
Nothing here produces HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.graph.types import REQUIRES_SKILL

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["StepPlan", "RoutePlan", "plan_routes", "route_payload", "ROUTE_COLOURS", "MAX_STEP_QUOTES"]

#: one stable colour per route (first route first); each >= 3:1 against white and against #1b1d21
ROUTE_COLOURS = ("#d62728", "#7b4fc9", "#0f7f8c", "#b8570b")
#: quotes kept per step (the rest are counted)
MAX_STEP_QUOTES = 6


@dataclass(frozen=True)
class StepPlan:
    """One move: the two role ids, the skills to learn (required, then preferred) and the stating quotes."""

    source: str
    target: str
    required: tuple[tuple[str, str], ...]
    preferred: tuple[tuple[str, str], ...]
    quotes: tuple[tuple[str, str], ...]
    more_quotes: int = 0


@dataclass(frozen=True)
class RoutePlan:
    """One route: role ids and names in order, and its steps."""

    roles: tuple[tuple[str, str], ...]
    steps: tuple[StepPlan, ...]

    @property
    def role_ids(self) -> tuple[str, ...]:
        """Return the role ids in route order."""
        return tuple(role_id for role_id, _ in self.roles)


def plan_routes(store: GraphReader, source: str, target: str, k: int = 1,
                have: list[str] | None = None) -> list[RoutePlan]:
    """Return up to ``k`` routes as :func:`~kg.queries.path.find_routes` finds them, with skills and quotes.

    >>> from kg.graph.examples import tiny_store
    >>> plan = plan_routes(tiny_store(), "engineer", "cto")[0]
    >>> plan.role_ids, [s.required for s in plan.steps]
    (('engineer', 'manager', 'cto'), [(('hiring', 'Hiring'),), (('budgeting', 'Budgeting'),)])
    >>> [s.required for s in plan_routes(tiny_store(), "engineer", "cto", have=["hiring"])[0].steps]
    [(('python', 'Python'),), (('budgeting', 'Budgeting'),)]
    """
    from kg.queries.have import resolve_have
    from kg.queries.path import find_routes
    from kg.queries.plan import learning_plan

    held = resolve_have(store, have).ids if have is not None else None
    plans = []
    for route in find_routes(store, source, target, k=k):
        steps = []
        learning = learning_plan(store, [r.id for r in route.roles], held) if held is not None else None
        known = set(held or ())
        for i, step in enumerate(route.steps):
            if learning is not None:  # the cumulative plan: not held, not learned at an earlier step
                required = tuple((t.pick.id, t.label) for t in learning.steps[i].learn)
                known.update(t.pick.id for t in learning.steps[i].learn)
            else:
                required = tuple((s.id, s.name) for s in step.skills_to_add)
            taken = {skill_id for skill_id, _ in required} | known
            lacking = store.targets_lacking(REQUIRES_SKILL, step.target.id, step.source.id)
            preferred = tuple((n.id, n.name) for n in lacking if n.id not in taken)
            quotes = list(dict.fromkeys((q.document, q.quote) for q in step.evidence))
            steps.append(StepPlan(step.source.id, step.target.id, required, preferred,
                                  tuple(quotes[:MAX_STEP_QUOTES]), max(0, len(quotes) - MAX_STEP_QUOTES)))
        plans.append(RoutePlan(tuple((r.id, r.name) for r in route.roles), tuple(steps)))
    return plans


def route_payload(plans: tuple[RoutePlan, ...]) -> list[dict[str, Any]]:
    """Return the routes as JSON-ready records for the page's route panel.

    >>> from kg.graph.examples import tiny_store
    >>> route_payload(tuple(plan_routes(tiny_store(), "engineer", "cto")))[0]["steps"][0]["required"]
    [{'id': 'hiring', 'name': 'Hiring'}]
    """
    return [
        {
            "index": i,
            "color": ROUTE_COLOURS[i % len(ROUTE_COLOURS)],
            "roles": [{"id": role_id, "name": name} for role_id, name in plan.roles],
            "steps": [
                {
                    "from": step.source,
                    "to": step.target,
                    "required": [{"id": s, "name": n} for s, n in step.required],
                    "preferred": [{"id": s, "name": n} for s, n in step.preferred],
                    "quotes": [list(q) for q in step.quotes],
                    "more": step.more_quotes,
                }
                for step in plan.steps
            ],
        }
        for i, plan in enumerate(plans)
    ]
