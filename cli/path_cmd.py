"""The path command: the shortest documented routes between two roles (alone here: `kg path` loads no other command)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from kg.cli.options import emit_json, have_names, have_option, json_option, kg_errors, open_store, store_option, warn

__all__ = ["COMMANDS"]

_SHOWN_SKILLS = 6


@click.command()
@click.argument("source")
@click.argument("target")
@click.option("--k", "k", type=click.IntRange(1, 20), default=1, show_default=True,
              help="How many alternative routes to show.")
@have_option
@store_option
@json_option
@kg_errors
def path(source: str, target: str, k: int, have: str | None, store_path: str | None, as_json: bool) -> None:
    """Show the shortest documented route from one role to another.

    Each step names the skills to add (the next role's required skills the
    previous role lacks) and the documents that state the move. Roles are
    matched by id, name or alias (e.g. ml-engineer, "ML Engineer", CTO).
    With --have, each step lists the next role's required skills you do not
    have and did not learn at an earlier step ("one of: …" for alternatives).

    Example: kg path ml-engineer cto --k 3
    """
    from kg.queries.path import find_routes

    have_list = have_names(have)
    with open_store(store_path) as store:
        routes = find_routes(store, source, target, k=k)
        if have_list is not None:
            _path_with_have(store, routes, have_list, source, target, as_json)
            return
    if as_json:
        emit_json({"source": source, "target": target, "routes": routes})
        return
    _echo_routes(routes, lambda route: "", _skills_to_add)


def _skills_to_add(step: Any) -> str:
    names = [s.name for s in step.skills_to_add]
    more = f" (+{len(names) - _SHOWN_SKILLS} more)" if len(names) > _SHOWN_SKILLS else ""
    return ", ".join(names[:_SHOWN_SKILLS]) + more if names else "(nothing new listed)"


def _echo_routes(routes: Any, summary: Callable[[Any], str], learn: Callable[[Any], str]) -> None:
    """Print routes (or their learning plans): the chain of roles, then one line per move."""
    for n, route in enumerate(routes, 1):
        chain = " → ".join(r.name for r in route.roles)
        head = f"Route {n}: " if len(routes) > 1 else ""
        click.echo(f"{head}{chain}  ({route.hops} move{'s' if route.hops != 1 else ''}{summary(route)})")
        for i, step in enumerate(route.steps, 1):
            docs = ", ".join(dict.fromkeys(q.document for q in step.evidence))
            click.echo(f"  {i}. {step.source.name} → {step.target.name} | learn: {learn(step)} | stated in: {docs}")
        if n < len(routes):
            click.echo("")


def _path_with_have(store: Any, routes: Any, have: list[str], source: str, target: str, as_json: bool) -> None:
    from kg.queries.have import resolve_have
    from kg.queries.plan import learning_plan

    held = resolve_have(store, have)
    for name in held.unrecognised:
        warn(f"note: --have {name!r} is not a skill, certification or degree in the graph; ignored.")
    plans = [learning_plan(store, [r.id for r in route.roles], held.ids) for route in routes]
    if as_json:
        emit_json({"source": source, "target": target, "have": held.items, "unrecognised": held.unrecognised,
                   "plans": plans})
        return
    _echo_routes(plans, lambda plan: f", {plan.total} to learn",
                 lambda step: ", ".join(t.label for t in step.learn) or "(nothing new)")


COMMANDS = [path]
