"""Query input and output for `kg cypher`: query text from a file or stdin, parameters from a file, rows as
a table, CSV or JSON (`--format table|csv|json`; `--json` is `--format json`)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from kg.cli.options import warn

__all__ = ["format_option", "params_file_option", "read_params_file", "read_query", "print_rows", "CELL_WIDTH"]

F = TypeVar("F", bound=Callable[..., Any])
#: the widest a table cell is shown; longer values are cut with "…" (CSV and JSON keep them whole)
CELL_WIDTH = 60


def format_option(func: F) -> F:
    """Add ``--format table|csv|json`` (``--json`` stays as the short form of ``--format json``)."""
    return click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]), default=None,
                        help="Print rows as an aligned table (the default), CSV (RFC 4180, every value whole) "
                             "or one JSON document (the same as --json).")(func)


def params_file_option(func: F) -> F:
    """Add ``--params-file FILE``: parameters from a JSON object (``--param`` values override them)."""
    return click.option("--params-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        default=None, help="Read parameters from a JSON object in FILE; --param values "
                                           "override them.")(func)


def read_params_file(path: Path | None) -> dict[str, Any]:
    """Return the parameters in a JSON file (an object of name -> value); a bad file is a usage error."""
    if path is None:
        return {}
    if path.suffix.lower() in (".yaml", ".yml"):
        raise click.BadParameter(f"{path} is YAML; kg reads parameters from JSON only (e.g. "
                                 '{"role": "ml-engineer"}): convert it', param_hint="--params-file")
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise click.BadParameter(f"{path} is not JSON ({exc}); write an object such as "
                                 '{"role": "ml-engineer", "limit": 5}', param_hint="--params-file") from exc
    if not isinstance(value, dict):
        raise click.BadParameter(f"{path} holds a JSON {type(value).__name__}, not an object of name -> value",
                                 param_hint="--params-file")
    return value


def read_query(query: str) -> str:
    """Return the query text: ``-`` reads stdin, the name of an existing file reads that file, else ``query``."""
    if query == "-":
        return sys.stdin.read()
    if "\n" not in query and len(query) < 4096:
        path = Path(query).expanduser()
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise click.BadParameter(f"{path} is not UTF-8 text", param_hint="QUERY") from exc
    return query


def print_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], output_format: str) -> None:
    """Print rows on stdout as ``table`` or ``csv`` (the row count goes to stderr)."""
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_text(v, csv_cell=True) for v in row] for row in rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        _print_table(columns, rows)
    warn(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    text = [[_text(v) for v in row] for row in rows]
    widths = [min(CELL_WIDTH, max([len(c), *(len(r[i]) for r in text)])) for i, c in enumerate(columns)]
    cut = False

    def line(cells: Sequence[str]) -> str:
        nonlocal cut
        shown = []
        for cell, width in zip(cells, widths, strict=True):
            if len(cell) > width:
                cut = True
                cell = cell[:width - 1] + "…"
            shown.append(cell.ljust(width))
        return "  ".join(shown).rstrip()

    click.echo(line(list(columns)))
    click.echo("  ".join("-" * w for w in widths))
    for row in text:
        click.echo(line(row))
    if cut:
        warn(f"(cells longer than {CELL_WIDTH} characters are cut with …; --format csv or json shows them whole)")


def _text(value: Any, *, csv_cell: bool = False) -> str:
    """Show one value: text as it is, true/false, nothing for null, JSON for lists and maps; one line in a table."""
    if isinstance(value, str):
        return value if csv_cell else " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)
