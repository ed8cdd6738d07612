"""The unlock command: what unlocks a role and what is missing (alone here: `kg unlock` loads no other command)."""

from __future__ import annotations

from typing import Any

import click

from kg.cli.options import (
    emit_json,
    have_names,
    have_option,
    json_option,
    kg_errors,
    open_store,
    short_quote,
    store_option,
    warn,
)

__all__ = ["COMMANDS"]


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
            quote = f"  «{short_quote(g.evidence[0].quote)}» [{g.evidence[0].document}]" if g.evidence else ""
            click.echo(f"  {mark}{g.label} ({kind}, {g.documents} doc{'s' if g.documents != 1 else ''}){quote}")
    _print_requirements("Certifications", answer.certifications, have_list is not None,
                        covered if have_list is not None else set())
    _print_requirements("Education", answer.education, False)
    if answer.experience:
        click.echo("Experience:")
        for y in answer.experience:
            span = f"{y.min_years:g}+" if y.max_years is None else f"{y.min_years:g}–{y.max_years:g}"
            click.echo(f"  {span} years {y.what}  «{short_quote(y.evidence.quote)}» [{y.evidence.document}]")
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
        quote = f"  «{short_quote(r.evidence[0].quote)}» [{r.evidence[0].document}]" if r.evidence else ""
        click.echo(f"  {mark}{r.item.name} ({kind}, weight {r.weight:g}, {r.documents} doc"
                   f"{'s' if r.documents != 1 else ''}){quote}")


COMMANDS = [unlock]
