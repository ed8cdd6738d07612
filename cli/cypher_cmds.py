"""Commands for Cypher users: run library or ad-hoc Cypher (Neo4j or embedded), push the graph to Neo4j."""

from __future__ import annotations

import os
import re
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from kg.cli.options import (
    emit_json,
    json_option,
    kg_errors,
    list_option,
    open_store,
    params_option,
    split_params,
    store_option,
    warn,
)
from kg.cli.rows_output import format_option, params_file_option, print_rows, read_params_file, read_query

__all__ = ["COMMANDS"]

#: a query argument that is a library question name rather than Cypher text
_NAME = re.compile(r"^[A-Za-z][\w-]*$")


def _parse_params(pairs: tuple[str, ...]) -> dict[str, Any]:
    from kg.queries.library.cypher import parse_value

    return {key: parse_value(value) for key, value in split_params(pairs).items()}


def _help() -> str:
    from kg.graph.cypher.dialect import help_lines

    return "\n".join([
        "Run a library question by NAME, or ad-hoc Cypher, and print the rows.",
        "",
        "With NEO4J_URI set, queries run on Neo4j. Otherwise they run on an embedded ladybug (Kùzu) database "
        "built from the store and cached next to it; the first query after a store change builds it (a note on "
        "stderr says so). Every embedded query is checked first: one statement only (A; B is refused, nothing "
        "runs), every $param must be given; variable-length patterns get Neo4j's trail semantics and a bound "
        "(* becomes * TRAIL 1..20, see --max-hops and --paths); a query running past --timeout or filling "
        "--memory is stopped with a message. Library questions resolve role and skill names and aliases like kg "
        "sparql does.",
        "",
        "\b",
        "How the embedded dialect differs from Neo4j's (each row is tested):",
        *(f"  {line}" for line in help_lines()),
        "",
        "Example: kg cypher skills-for-role --param role=ml-engineer",
    ])


@click.command(help=_help())
@click.argument("query", required=False)
@params_option("Query parameter (repeatable); values are read as JSON when they parse, else as text.")
@params_file_option
@list_option
@click.option("--engine", type=click.Choice(["auto", "neo4j", "embedded"]), default="auto", show_default=True,
              help="auto = Neo4j when NEO4J_URI is set, else the embedded engine built from the store.")
@click.option("--timeout", type=click.FloatRange(min=0), default=20.0, show_default=True,
              help="Seconds a query may run before it is stopped (0 = no limit).")
@click.option("--memory", type=click.IntRange(min=0), default=1024, show_default=True, metavar="MB",
              help="Embedded engine: memory a query may fill before it is stopped (0 = ladybug's default, most "
                   "of the machine's).")
@click.option("--max-hops", type=click.IntRange(1, 30), default=20, show_default=True,
              help="Embedded engine: the bound an unbounded * pattern gets, and the largest bound allowed.")
@click.option("--paths", type=click.Choice(["trail", "acyclic", "walk"]), default="trail", show_default=True,
              help="Embedded engine: variable-length semantics: trail (no relationship twice, as Neo4j), "
                   "acyclic (no node twice) or walk (ladybug's own, repeats allowed).")
@click.option("--shell", is_flag=True, help="An interactive prompt with history (needs the shell extra); "
                                           "statements end with ;, :help lists its commands.")
@store_option
@format_option
@json_option
@kg_errors
def cypher(query: str | None, params: tuple[str, ...], params_file: Path | None, list_queries: bool, engine: str,
           timeout: float, memory: int, max_hops: int, paths: str, shell: bool, store_path: str | None,
           output_format: str | None, as_json: bool) -> None:
    from kg.cli.questions_view import print_questions
    from kg.queries.library.cypher import library

    fmt = "json" if as_json else (output_format or "table")
    if list_queries:
        print_questions(library(), "cypher", fmt == "json")
        return
    if shell:
        _shell(engine, store_path, fmt, {"timeout": timeout, "memory_mb": memory, "max_hops": max_hops,
                                         "paths": paths, "progress": warn})
        return
    if not query:
        raise click.UsageError("give a library query NAME, Cypher text, a .cypher file or - (stdin), or --list "
                               "to see the library")
    question, text = _question_or_text(query)
    given = read_params_file(params_file)
    options: dict[str, Any] = {"timeout": timeout, "memory_mb": memory, "max_hops": max_hops, "paths": paths,
                               "progress": warn}
    name = "neo4j" if engine == "neo4j" or (engine == "auto" and os.environ.get("NEO4J_URI")) else "embedded"
    if name == "neo4j" and (question is None or not _local_store(store_path).exists()):
        result = _run(question, text, given, params, None, "neo4j", options)  # names must then be ids
    else:  # the embedded engine, or Neo4j with the local store resolving names and aliases
        with open_store(store_path) as store:
            result = _run(question, text, given, params, store, name, options)
    for note in result.notes if question is None else ():  # a library text's own bounds are no news
        warn(f"note: {note}")
    if fmt == "json":
        emit_json({"engine": result.engine, "columns": list(result.columns), "rows": result.records()})
    else:
        print_rows(result.columns, result.rows, fmt)


def _local_store(store_path: str | None) -> Path:
    from kg.settings import default_store_path

    return Path(store_path) if store_path else default_store_path()


def _shell(engine: str, store_path: str | None, fmt: str, options: dict[str, Any]) -> None:
    from kg.cli.cypher_shell import prompt_reader, run_shell
    from kg.graph.cypher.engine import open_engine
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    read = prompt_reader(data_home / "career-kg" / "cypher-history")
    name = "neo4j" if engine == "neo4j" or (engine == "auto" and os.environ.get("NEO4J_URI")) else "embedded"
    with open_store(store_path) as store:
        opened = open_engine(name, store, **options)
        try:
            run_shell(opened, store, read, fmt)
        finally:
            opened.close()


def _question_or_text(query: str) -> tuple[str | None, str]:
    """Return (library name, "") for a question, else (None, the Cypher text from the argument, file or stdin)."""
    name = query.strip()
    if _NAME.match(name) and not (Path(name).is_file() and not _is_question(name)):
        from kg.cli.questions_view import note_renamed
        from kg.queries.library.cypher import get_query

        get_query(name)  # an unknown name fails here (did you mean), before any engine starts
        note_renamed(name)
        return name, ""
    return None, read_query(query)


def _is_question(name: str) -> bool:
    from kg.errors import UnknownQueryError
    from kg.queries.library.questions import find_question

    try:
        find_question(name)
    except UnknownQueryError:
        return False
    return True


def _run(question: str | None, text: str, given: dict[str, Any], params: tuple[str, ...], store: Any,
         engine_name: str, options: dict[str, Any]) -> Any:
    from kg.graph.cypher.engine import open_engine
    from kg.queries.library.cypher import run_cypher, run_library_query

    engine = open_engine(engine_name, store, **options)
    try:
        if question is not None:
            return run_library_query(engine, question, given | split_params(params), store)
        return run_cypher(engine, text, given | _parse_params(params))
    finally:
        engine.close()


@click.group()
def neo4j() -> None:
    """Load the graph into Neo4j.

    Example: kg neo4j push --uri neo4j://localhost:7687
    """


@neo4j.command()
@click.option("--uri", default=None, help="Bolt/Neo4j URI [default: $NEO4J_URI].")
@click.option("--user", default=None, help="User name [default: $NEO4J_USERNAME or neo4j].")
@click.option("--database", default=None, help="Database [default: $NEO4J_DATABASE or the server default].")
@click.option("--batch", default=2000, show_default=True, type=click.IntRange(1, 50_000),
              help="Rows per transaction.")
@store_option
@json_option
@kg_errors
def push(uri: str | None, user: str | None, database: str | None, batch: int, store_path: str | None,
         as_json: bool) -> None:
    """Write the graph into Neo4j: constraints, then batched MERGE; re-running changes nothing.

    The password comes from NEO4J_PASSWORD or a hidden prompt, never from a flag.
    Relationships and nodes an earlier push wrote that the store no longer has are removed.

    Example: NEO4J_URI=neo4j://localhost:7687 kg neo4j push
    """
    from kg.graph.cypher.neo4j import Neo4jSettings, Neo4jWriter
    from kg.graph.cypher.rows import row_counts

    password = os.environ.get("NEO4J_PASSWORD")
    if password is None:
        password = click.prompt("Neo4j password", hide_input=True, default="", show_default=False, err=True)
    settings = Neo4jSettings.from_env(uri, user, database, password)
    with open_store(store_path) as store, ExitStack() as stack:
        total = sum(row_counts(store).values())
        bars: list[Any] = []

        def advance(rows: int) -> None:
            # the bar appears with the first batch written, so a failed connection prints only its error
            if not bars:
                bars.append(stack.enter_context(
                    click.progressbar(length=total, label="pushing to Neo4j", file=sys.stderr)))
            bars[0].update(rows)

        report = Neo4jWriter(settings, batch).push(store, progress=advance)
    from kg.redact import redact_uri

    if as_json:
        emit_json({"uri": redact_uri(settings.uri), "database": settings.database, **vars(report)})
    else:
        merged = ", ".join(f"{n} {k}" for k, n in report.merged.items())
        click.echo(f"pushed to {redact_uri(settings.uri)}: {merged or 'nothing'}; pruned {report.pruned} stale "
                   "entities")


COMMANDS = [cypher, neo4j]
