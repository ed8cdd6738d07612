"""Career-planning commands: match (roles that fit what you have), plan (least to learn), levers."""

from __future__ import annotations

from typing import Any

import click

from kg.cli.options import emit_json, have_names, have_option, json_option, kg_errors, open_store, store_option, warn

__all__ = ["COMMANDS"]

_SHOWN = 8


def _names(items: Any, limit: int = _SHOWN) -> str:
    labels = [getattr(i, "label", None) or i.name for i in items]
    more = f" (+{len(labels) - limit} more)" if len(labels) > limit else ""
    return ", ".join(labels[:limit]) + more


def _warn_unrecognised(names: tuple[str, ...]) -> None:
    for name in names:
        warn(f"note: --have {name!r} is not a skill, certification or degree in the graph; ignored.")


@click.command()
@have_option
@click.option("--from", "source", default=None, metavar="ROLE",
              help="Your current role: roles a few documented moves away come first.")
@click.option("--years", type=click.FloatRange(0, 80), default=None, help="Your years of experience.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@store_option
@json_option
@kg_errors
def match(have: str | None, source: str | None, years: float | None, limit: int, store_path: str | None,
          as_json: bool) -> None:
    """Rank roles by how much of what they ask for you already have.

    Required needs weigh more than preferred ones, and better supported ones
    more; "one of" alternatives are met by any member. Each role lists what
    you have, what is missing and the years it asks for.

    Example: kg match --have python,pytorch,kubernetes,mlops --from ml-engineer
    """
    from kg.queries.match import match_roles

    names = have_names(have)
    if not names:
        raise click.UsageError("give --have with at least one skill (a comma-separated list or a file)")
    with open_store(store_path) as store:
        answer = match_roles(store, names, source=source, years=years, limit=limit)
    _warn_unrecognised(answer.unrecognised)
    if as_json:
        emit_json(answer)
        return
    for n, m in enumerate(answer.matches, 1):
        moves = f", {m.moves} move{'s' if m.moves != 1 else ''} away" if m.moves is not None else ""
        click.echo(f"{n:2}. {m.role.name} ({m.role.id})  fit {m.fit:.0%}{moves}")
        click.echo(f"    have: {_names(m.matched) or '-'}")
        required = [x for x in m.missing if x.required]
        preferred = [x for x in m.missing if not x.required]
        if required:
            click.echo(f"    missing: {_names(required)}")
        if preferred:
            click.echo(f"    nice to have: {_names(preferred)}")
        if m.min_years is not None:
            short = f" ({m.years_short:g} more than you have)" if m.years_short else ""
            click.echo(f"    years: {m.min_years:g}+{short}")


@click.command()
@click.argument("source")
@click.argument("target")
@have_option
@store_option
@json_option
@kg_errors
def plan(source: str, target: str, have: str | None, store_path: str | None, as_json: bool) -> None:
    """Plan the route from SOURCE to TARGET with the least to learn.

    Each step lists the next role's required skills ("one of: …" for
    alternatives) that you neither have nor learned at an earlier step. The
    route with the fewest moves is shown beside it when it is another one.
    Without --have you are taken to have everything SOURCE lists.

    Example: kg plan ml-engineer cto --have python,pytorch,aws
    """
    from kg.queries.plan import plan_route

    names = have_names(have)
    with open_store(store_path) as store:
        answer = plan_route(store, source, target, names)
    _warn_unrecognised(answer.unrecognised)
    if as_json:
        emit_json(answer)
        return
    _print_plan("Least to learn", answer.plan)
    if answer.fewest_moves is not None:
        click.echo("")
        _print_plan("Fewest moves", answer.fewest_moves)
    else:
        click.echo("(this is also the route with the fewest moves)")
    if not answer.proven:
        warn("note: the search stopped at its limit; this is the best route it found.")


def _print_plan(title: str, p: Any) -> None:
    chain = " → ".join(r.name for r in p.roles)
    click.echo(f"{title}: {chain}  ({p.hops} move{'s' if p.hops != 1 else ''}, {p.total} to learn)")
    for i, step in enumerate(p.steps, 1):
        learn = ", ".join(t.label for t in step.learn)
        docs = ", ".join(dict.fromkeys(q.document for q in step.evidence))
        click.echo(f"  {i}. {step.target.name} | learn: {learn or '(nothing new)'} | stated in: {docs}")


@click.command()
@click.argument("role")
@have_option
@click.option("--moves", type=click.IntRange(1, 5), default=2, show_default=True,
              help="How many documented moves away a role may be.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@store_option
@json_option
@kg_errors
def levers(role: str, have: str | None, moves: int, limit: int, store_path: str | None, as_json: bool) -> None:
    """Rank the skills, certifications and degrees that open the most moves from ROLE.

    A lever opens a role within --moves documented moves when it is the only
    thing missing for it (and the roles on the way), and brings it closer when
    it is one of several. Without --have you are taken to have everything ROLE
    lists.

    Example: kg levers ml-engineer --have python,pytorch
    """
    from kg.queries.levers import find_levers

    names = have_names(have)
    with open_store(store_path) as store:
        answer = find_levers(store, role, names, max_moves=moves, limit=limit)
    _warn_unrecognised(answer.unrecognised)
    if as_json:
        emit_json(answer)
        return
    for n, lv in enumerate(answer.levers, 1):
        click.echo(f"{n:2}. {lv.item.name} ({lv.item.type.lower()})  opens {len(lv.opens)}, "
                   f"brings {len(lv.closer)} closer (score {lv.score:g})")
        for door in (*lv.opens, *lv.closer)[:3]:
            docs = ", ".join(dict.fromkeys(q.document for q in door.evidence))
            rest = f"also missing {len(door.also_missing)}" if door.also_missing else "opens it"
            click.echo(f"    → {door.role.name} ({door.moves} move{'s' if door.moves != 1 else ''}, via "
                       f"{door.via.name}; {rest}) [{docs}]")


COMMANDS = [match, plan, levers]
