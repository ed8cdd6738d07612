"""The ``kg viz`` command: write an interactive, offline HTML view of the graph."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import emit_json, have_names, json_option, kg_errors, open_store, store_option, warn

__all__ = ["COMMANDS"]


@click.command()
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("kg-graph.html"), show_default=True, help="HTML file to write.")
@click.option("--focus", metavar="ROLE", default=None, help="Show one role's neighbourhood.")
@click.option("--depth", type=click.IntRange(0, 6), default=None,
              help="Relationships to follow around --focus or --path  [default: 1].")
@click.option("--path", "route", nargs=2, metavar="FROM TO", default=None,
              help="Highlight the shortest documented route between two roles, inside its neighbourhood.")
@click.option("--k", "k", type=click.IntRange(1, 5), default=None,
              help="With --path: also draw up to K-1 alternative routes, each in its own lane  [default: 1].")
@click.option("--have", metavar="SKILLS", default=None,
              help="With --path: what you already have (a list or a file, as for kg path --have); each step "
                   "lists only what is not held and not learned earlier.")
@click.option("--skill", metavar="SKILL", default=None, help="Show the roles that need one skill.")
@click.option("--open", "open_browser", is_flag=True, help="Open the file in the web browser afterwards.")
@store_option
@json_option
@kg_errors
def viz(output: Path, focus: str | None, depth: int | None, route: tuple[str, str] | None, k: int | None,
        have: str | None, skill: str | None, open_browser: bool, store_path: str | None, as_json: bool) -> None:
    """Write an interactive HTML view of the graph that works offline.

    One self-contained file. --path draws the route as a ladder, left to
    right by step, with a panel listing each step's skills to learn and the
    documents that state it. Without --focus, --path or --skill it opens on an
    overview of the roles. Click a node for its relationships and evidence,
    double-click to add its neighbours; filter by type, relationship and
    support; save the picture as PNG.

    Example: kg viz -o route.html --path "ML Engineer" cto --open
    """
    from kg.queries.viz.select import select_all, select_focus, select_route, select_skill, write_viz

    chosen = [flag for flag, value in (("--focus", focus), ("--path", route), ("--skill", skill)) if value]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} cannot be combined; choose one view.")
    if depth is not None and not (focus or route):
        raise click.BadParameter("applies only with --focus or --path.", param_hint="--depth")
    if k is not None and not route:
        raise click.BadParameter("applies only with --path.", param_hint="--k")
    if have is not None and not route:
        raise click.BadParameter("applies only with --path.", param_hint="--have")
    with open_store(store_path) as store:
        if focus:
            selection = select_focus(store, focus, 1 if depth is None else depth)
        elif route:
            selection = select_route(store, route[0], route[1], 1 if depth is None else depth, k or 1,
                                     have_names(have))
        elif skill:
            selection = select_skill(store, skill)
        else:
            selection = select_all(store)
        result = write_viz(store, selection, output)
    if open_browser:
        import webbrowser

        if not webbrowser.open(result.path.resolve().as_uri()):
            warn(f"note: no web browser found; open {result.path} yourself.")
    if as_json:
        emit_json({"path": str(result.path), "title": result.title, "nodes": result.nodes, "edges": result.edges,
                   "bytes": result.bytes, "physics": result.physics, "seconds": result.seconds})
        return
    layout = "" if result.physics else ", fixed layout"
    click.echo(f"Wrote {result.path}: {result.title} — {result.nodes} nodes, {result.edges} relationships, "
               f"{result.bytes / 1024:,.0f} KB{layout}.")


COMMANDS = [viz]
