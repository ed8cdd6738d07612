"""Commands that write the graph out: export."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import kg_errors, open_store, store_option, warn

__all__ = ["COMMANDS"]


def _format_names() -> list[str]:
    from kg.graph.export.registry import EXPORTERS

    return sorted(EXPORTERS)


@click.command()
@click.option("--format", "-f", "fmt", required=True, type=click.Choice(_format_names()),
              help="Output format.")
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="File to write (a folder for neo4j-csv); replaced atomically.")
@store_option
@kg_errors
def export(fmt: str, out: Path, store_path: str | None) -> None:
    """Write the whole graph to a file: Turtle, N-Triples, JSON-LD, GraphML, node-link JSON, JSON or Cypher.

    `node-link` is the JSON networkx (node_link_graph) and d3 read; `json` is
    kg's own, with every evidence quote. `cypher` writes a script for
    cypher-shell; `neo4j-csv` writes a folder of CSV files with the
    `neo4j-admin database import full` command in its README.txt. Exports are
    deterministic and stream with flat memory; document sources are written
    as given, relative to the current folder when under it.

    Example: kg export --format ttl -o graph.ttl
    """
    from kg.graph.export.registry import export as export_store

    with open_store(store_path) as store:
        export_store(store, fmt, out)
    warn(f"wrote {out}")


COMMANDS = [export]
