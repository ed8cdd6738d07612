"""What `kg cypher` and `kg sparql` share about library questions: --list, the renamed-question note."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import click

from kg.cli.options import emit_json, warn

if TYPE_CHECKING:
    from kg.queries.library.questions import Question

__all__ = ["print_questions", "note_renamed"]


def print_questions(questions: Mapping[str, Question], command: str, as_json: bool) -> None:
    """Print the library questions one engine has: name, summary, parameters, columns (or one JSON list)."""
    if as_json:
        emit_json([{"name": q.name, "summary": q.summary, "aliases": list(q.aliases), "returns": list(q.returns),
                    "engines": sorted(q.texts), "python": q.python,
                    "params": [{"name": p.name, "kind": p.kind, "description": p.description, "example": p.example,
                                "required": p.required, "default": p.default, "aliases": list(p.aliases)}
                               for p in q.params]} for q in questions.values()])
        return
    for q in questions.values():
        was = f" (was: {', '.join(q.aliases)})" if q.aliases else ""
        click.echo(f"{q.name}{was}: {q.summary}")
        for p in q.params:
            extra = [f"default: {p.default}"] if not p.required else []
            extra += [f"e.g. {p.example}"] if p.example else []
            extra += [f"also: {', '.join(p.aliases)}"] if p.aliases else []
            click.echo(f"    --param {p.name}=<{p.kind}>  {p.description} [{'; '.join(extra)}]")
        args = " ".join(f"-p {k}={v}" for k, v in q.example().items())
        click.echo(f"    returns: {', '.join(q.returns)}    e.g. kg {command} {q.name} {args}".rstrip())


def note_renamed(asked: str) -> None:
    """Say on stderr when ``asked`` is an older name of a question (it still works)."""
    from kg.queries.library.questions import find_question

    new = find_question(asked).renamed(asked)
    if new is not None:
        warn(f"note: {asked!r} is now called {new!r}; the old name keeps working")
