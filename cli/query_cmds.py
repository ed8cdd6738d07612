"""Query commands: gap, next, similar, pivotal, show, roles, skills, stats (path and unlock: modules of their own)."""

from __future__ import annotations

import click

from kg.cli.options import emit_json, json_option, kg_errors, open_store, short_quote, store_option
from kg.graph.types import ROLE, SKILL

__all__ = ["COMMANDS"]

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
        quote = f"  «{short_quote(link.evidence[0].quote)}» [{link.evidence[0].document}]" if link.evidence else ""
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


COMMANDS = [gap, next_, similar, pivotal, show, roles, skills, stats]
