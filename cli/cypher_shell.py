"""`kg cypher --shell`: an interactive Cypher prompt with history (prompt_toolkit), one engine kept open.

A statement may span lines and ends with ``;``. Lines starting with ``:`` are shell commands:
``:ask NAME k=v …`` asks a library question, ``:param k=v`` sets a parameter for later
statements, ``:format table|csv|json``, ``:list``, ``:help``, ``:quit`` (or Ctrl-D). An error is
printed and the shell goes on; Ctrl-C drops the statement being typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import click

from kg.cli.options import emit_json

__all__ = ["run_shell", "prompt_reader", "HELP"]

HELP = """Type Cypher ending with ; (it may span lines). Commands:
  :ask NAME k=v ...   ask a library question (:list shows them)
  :param k=v          set a parameter for the statements that follow (:params shows them)
  :format F           table, csv or json
  :list  :help  :quit (or Ctrl-D)"""


def prompt_reader(history: Path) -> Callable[[str], str]:
    """Return a line reader with history in ``history`` (prompt_toolkit, from the ``shell`` extra)."""
    from kg.plugins import require

    require("shell", "prompt_toolkit", "kg cypher --shell")
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    history.parent.mkdir(parents=True, exist_ok=True)
    session: PromptSession[str] = PromptSession(history=FileHistory(str(history)))
    return session.prompt


def run_shell(engine: Any, store: Any, read: Callable[[str], str], output_format: str = "table") -> None:
    """Read statements and commands with ``read`` until end of input, printing each answer."""
    state: dict[str, Any] = {"format": output_format, "params": {}}
    click.echo(HELP, err=True)
    lines: list[str] = []
    while True:
        try:
            line = read("... " if lines else "kg> ")
        except EOFError:
            break
        except KeyboardInterrupt:
            lines = []
            continue
        if not lines and line.strip().startswith(":"):
            if not _command(line.strip(), engine, store, state):
                break
            continue
        lines.append(line)
        if line.rstrip().endswith(";"):
            text, lines = "\n".join(lines), []
            _answer(partial(engine.query, text, dict(state["params"])), state)


def _command(line: str, engine: Any, store: Any, state: dict[str, Any]) -> bool:
    """Run one ``:command``; return False to leave the shell."""
    from kg.queries.library.cypher import parse_value, run_library_query

    word, _, rest = line[1:].partition(" ")
    pairs = dict(p.partition("=")[::2] for p in rest.split() if "=" in p)
    if word in ("quit", "exit", "q"):
        return False
    if word == "help":
        click.echo(HELP)
    elif word == "list":
        from kg.cli.questions_view import print_questions
        from kg.queries.library.cypher import library

        print_questions(library(), "cypher", False)
    elif word == "format" and rest.strip() in ("table", "csv", "json"):
        state["format"] = rest.strip()
    elif word == "param" and pairs:
        state["params"].update({k: parse_value(v) for k, v in pairs.items()})
    elif word == "params":
        click.echo(" ".join(f"{k}={v!r}" for k, v in state["params"].items()) or "(no parameters)")
    elif word == "ask" and rest.split():
        name = rest.split()[0]
        _answer(lambda: run_library_query(engine, name, pairs, store), state)
    else:
        click.echo(f"unknown command {line!r}; :help lists them", err=True)
    return True


def _answer(run: Callable[[], Any], state: dict[str, Any]) -> None:
    """Print the rows ``run`` returns, or the error it raises (the shell goes on)."""
    from kg.cli.rows_output import print_rows
    from kg.errors import KgError

    try:
        result = run()
    except KgError as exc:
        click.echo(f"Error: {exc}", err=True)
        return
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if state["format"] == "json":
        emit_json({"engine": result.engine, "columns": list(result.columns), "rows": result.records()})
    else:
        print_rows(result.columns, result.rows, state["format"])
