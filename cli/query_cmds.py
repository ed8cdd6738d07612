"""Query commands: path, unlock, gap, next, similar, show, roles, skills, stats."""

from __future__ import annotations

from typing import Any

import click

from kg.cli.options import emit_json, have_names, have_option, json_option, kg_errors, open_store, store_option, warn
from kg.graph.types import ROLE, SKILL

__all__ = ["COMMANDS"]

_SHOWN_SKILLS = 6
_QUOTE_WIDTH = 90


def _short(quote: str) -> str:
    """Return a quote cut to fit one terminal line (the JSON output keeps it whole)."""
    quote = " ".join(quote.split())
    return quote if len(quote) <= _QUOTE_WIDTH else quote[: _QUOTE_WIDTH - 1].rstrip() + "…"


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
    for n, route in enumerate(routes, 1):
        chain = " → ".join(r.name for r in route.roles)
        head = f"Route {n}: " if len(routes) > 1 else ""
        click.echo(f"{head}{chain}  ({route.hops} move{'s' if route.hops != 1 else ''})")
        for i, step in enumerate(route.steps, 1):
            names = [s.name for s in step.skills_to_add]
            learn = ", ".join(names[:_SHOWN_SKILLS]) + (f" (+{len(names) - _SHOWN_SKILLS} more)"
                                                      if len(names) > _SHOWN_SKILLS else "")
            docs = ", ".join(dict.fromkeys(q.document for q in step.evidence))
            click.echo(f"  {i}. {step.source.name} → {step.target.name}"
                       f" | learn: {learn or '(nothing new listed)'} | stated in: {docs}")
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
    for n, plan in enumerate(plans, 1):
        chain = " → ".join(r.name for r in plan.roles)
        head = f"Route {n}: " if len(plans) > 1 else ""
        click.echo(f"{head}{chain}  ({plan.hops} move{'s' if plan.hops != 1 else ''}, {plan.total} to learn)")
        for i, step in enumerate(plan.steps, 1):
            learn = ", ".join(t.label for t in step.learn)
            docs = ", ".join(dict.fromkeys(q.document for q in step.evidence))
            click.echo(f"  {i}. {step.source.name} → {step.target.name}"
                       f" | learn: {learn or '(nothing new)'} | stated in: {docs}")
        if n < len(plans):
            click.echo("")


@click.command()
@click.argument("role")
@have_option
@store_option
@json_option
@kg_errors
def unlock(role: str, have: str | None, store_path: str | None, as_json: bool) -> None:
    """Rank the skills, certifications, education and years that unlock a role.

    Required skills come before preferred ones, better supported first. With
    --have, skills you already have are ticked and the missing ones listed.

    Example: kg unlock "AI Engineering Manager" --have python,pytorch
    """
    from kg.queries.unlock import unlock as unlock_role

    have_list = have_names(have)
    with open_store(store_path) as store:
        answer = unlock_role(store, role, have_list)
    for name in answer.unrecognised:
        warn(f"note: --have {name!r} is not a skill, certification or degree in the graph; ignored.")
    if as_json:
        emit_json(answer)
        return
    click.echo(f"{answer.role.name} ({answer.role.id})")
    covered = {o.id for g in answer.one_of if g not in answer.missing_one_of for o in g.options}
    _print_requirements("Skills", answer.skills, have_list is not None, covered if have_list is not None else set())
    if answer.one_of:
        click.echo("One of (any member meets it):")
        for g in answer.one_of:
            mark = ("[ ] " if g in answer.missing_one_of else "[x] ") if have_list is not None else ""
            kind = "required" if g.required else "preferred"
            quote = f"  «{_short(g.evidence[0].quote)}» [{g.evidence[0].document}]" if g.evidence else ""
            click.echo(f"  {mark}{g.label} ({kind}, {g.documents} doc{'s' if g.documents != 1 else ''}){quote}")
    _print_requirements("Certifications", answer.certifications, have_list is not None,
                        covered if have_list is not None else set())
    _print_requirements("Education", answer.education, False)
    if answer.experience:
        click.echo("Experience:")
        for y in answer.experience:
            span = f"{y.min_years:g}+" if y.max_years is None else f"{y.min_years:g}–{y.max_years:g}"
            click.echo(f"  {span} years {y.what}  «{_short(y.evidence.quote)}» [{y.evidence.document}]")
    if answer.salaries:
        click.echo("Salary:")
        for s in answer.salaries:
            where = f", {s.region}" if s.region else ""
            when = f", {s.year}" if s.year else ""
            docs = ", ".join(dict.fromkeys(q.document for q in s.evidence))
            click.echo(f"  {s.currency} {s.min:,.0f}–{s.max:,.0f} per {s.period} ({s.kind}{where}{when}) [{docs}]")
    if have_list is not None:
        missing = ", ".join([*(m.name for m in answer.missing), *(g.label for g in answer.missing_one_of)]) \
            or "nothing: you have every listed skill"
        click.echo(f"Missing: {missing}")


def _print_requirements(title: str, items: Any, show_have: bool, covered: set[str] | None = None) -> None:
    """Print requirements; ``[-]`` marks a skill not held whose one-of group is met by another member."""
    if not items:
        return
    click.echo(f"{title}:")
    for r in items:
        mark = ("[x] " if r.have else "[-] " if r.item.id in (covered or ()) else "[ ] ") if show_have else ""
        kind = "required" if r.required else "preferred"
        quote = f"  «{_short(r.evidence[0].quote)}» [{r.evidence[0].document}]" if r.evidence else ""
        click.echo(f"  {mark}{r.item.name} ({kind}, weight {r.weight:g}, {r.documents} doc"
                   f"{'s' if r.documents != 1 else ''}){quote}")


@click.command()
@click.argument("source")
@click.argument("target")
@store_option
@json_option
@kg_errors
def gap(source: str, target: str, store_path: str | None, as_json: bool) -> None:
    """List the skills TARGET role requires that SOURCE role does not.

    A "one of" group (AWS, Azure or GCP) that SOURCE meets by any member is no gap.

    Example: kg gap ml-engineer ml-engineering-manager
    """
    from kg.queries.unlock import gap as skill_gap

    with open_store(store_path) as store:
        answer = skill_gap(store, source, target)
    if as_json:
        emit_json({"source": source, "target": target, "missing": answer.missing, "one_of": answer.one_of})
        return
    for r in answer.missing:
        click.echo(f"{r.name} ({r.id})")
    for g in answer.one_of:
        click.echo(g.label)


@click.command(name="next")
@click.argument("role")
@store_option
@json_option
@kg_errors
def next_(role: str, store_path: str | None, as_json: bool) -> None:
    """List the roles documents say ROLE moves on to.

    Example: kg next senior-ml-engineer
    """
    from kg.queries.explore import next_roles

    with open_store(store_path) as store:
        rows = next_roles(store, role)
    if as_json:
        emit_json([{"role": r, "weight": w, "evidence": q} for r, w, q in rows])
        return
    for r, w, quotes in rows:
        click.echo(f"{r.name} ({r.id}) weight {w:g} [{', '.join(dict.fromkeys(q.document for q in quotes))}]")


@click.command()
@click.argument("role")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@store_option
@json_option
@kg_errors
def similar(role: str, limit: int, store_path: str | None, as_json: bool) -> None:
    """List roles that share the most skills with ROLE.

    Example: kg similar ai-engineering-manager --limit 5
    """
    from kg.queries.explore import similar_roles

    with open_store(store_path) as store:
        rows = similar_roles(store, role, limit)
    if as_json:
        emit_json([{"role": r, "jaccard": j, "shared_skills": n} for r, j, n in rows])
        return
    for r, j, n in rows:
        click.echo(f"{r.name} ({r.id}) similarity {j:.2f}, {n} shared skills")


@click.command()
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@store_option
@json_option
@kg_errors
def pivotal(limit: int, store_path: str | None, as_json: bool) -> None:
    """List the roles most documented routes pass through (betweenness centrality).

    A pivotal role is where careers from different starting points meet before
    they branch out again; 1.0 means every route between two other roles crosses it.

    Example: kg pivotal --limit 5
    """
    from kg.queries.pivotal import pivotal_roles

    with open_store(store_path) as store:
        rows = pivotal_roles(store, limit)
    if as_json:
        emit_json(rows)
        return
    for p in rows:
        click.echo(f"{p.role.name} ({p.role.id}) betweenness {p.betweenness:.3f}, "
                   f"{p.moves_in} moves in, {p.moves_out} out")


@click.command()
@click.argument("name")
@store_option
@json_option
@kg_errors
def show(name: str, store_path: str | None, as_json: bool) -> None:
    """Show a role, skill or certification with its relationships and evidence.

    Example: kg show pytorch
    """
    from kg.queries.explore import show as show_node

    with open_store(store_path) as store:
        view = show_node(store, name)
    if as_json:
        emit_json(view)
        return
    click.echo(f"{view.node.name} ({view.node.type}, id {view.node.id})")
    if view.aliases:
        click.echo(f"  aliases: {', '.join(view.aliases)}")
    for key, value in sorted(view.props.items()):
        click.echo(f"  {key}: {value}")
    for link in view.links:
        arrow = "→" if link.direction == "out" else "←"
        quote = f"  «{_short(link.evidence[0].quote)}» [{link.evidence[0].document}]" if link.evidence else ""
        click.echo(f"  {link.type} {arrow} {link.other.name} (weight {link.weight:g}){quote}")


def _listing(type_: str, search: str | None, store_path: str | None, as_json: bool) -> None:
    from kg.queries.explore import list_nodes

    with open_store(store_path) as store:
        rows = list_nodes(store, type_, search)
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        extra = ", ".join(f"{k}={row.props[k]}" for k in ("seniority", "track", "kind", "category")
                          if k in row.props)
        click.echo(f"{row.item.id:40s} {row.item.name} [{row.degree} links{', ' + extra if extra else ''}]")


@click.command()
@click.option("--search", "-s", default=None, help="Keep roles whose names contain these words.")
@store_option
@json_option
@kg_errors
def roles(search: str | None, store_path: str | None, as_json: bool) -> None:
    """List the roles in the graph, most connected first.

    Example: kg roles --search manager
    """
    _listing(ROLE, search, store_path, as_json)


@click.command()
@click.option("--search", "-s", default=None, help="Keep skills whose names contain these words.")
@store_option
@json_option
@kg_errors
def skills(search: str | None, store_path: str | None, as_json: bool) -> None:
    """List the skills in the graph, most connected first.

    Example: kg skills --search cloud
    """
    _listing(SKILL, search, store_path, as_json)


@click.command()
@store_option
@json_option
@kg_errors
def stats(store_path: str | None, as_json: bool) -> None:
    """Count nodes, relationships, documents and evidence in the store.

    Example: kg stats --json
    """
    from kg.queries.explore import stats as store_stats

    with open_store(store_path) as store:
        figures = store_stats(store)
    if as_json:
        emit_json(figures)
        return
    click.echo(f"store: {figures['store']}")
    click.echo(f"documents: {figures['totals']['documents']}, evidence rows: {figures['totals']['evidence']}")
    for section in ("nodes", "edges"):
        click.echo(f"{section}: " + ", ".join(f"{k} {v}" for k, v in figures[section].items()))


COMMANDS = [path, unlock, gap, next_, similar, pivotal, show, roles, skills, stats]
