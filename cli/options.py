"""Options and helpers every kg command shares: --store, --json, error mapping, output."""

from __future__ import annotations

import errno
import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from pathlib import Path

    from kg.graph.store import SQLiteStore

__all__ = ["store_option", "json_option", "have_option", "have_names", "params_option", "list_option", "split_params",
           "open_store", "kg_errors", "emit_json", "warn", "short_quote"]

F = TypeVar("F", bound=Callable[..., Any])


def store_option(func: F) -> F:
    """Add ``--store PATH`` (default ``$KG_STORE`` or the per-user data folder), given to the command as text.

    Text, not a ``Path``: pathlib costs more to import than a cold ``kg path`` can afford.
    """
    return click.option(
        "--store",
        "store_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="SQLite store file [default: $KG_STORE or ~/.local/share/career-kg/kg.sqlite].",
    )(func)


def json_option(func: F) -> F:
    """Add ``--json``: print one JSON document on stdout instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of text.")(func)


def have_option(func: F) -> F:
    """Add ``--have a,b,c``: skills, certifications or degrees the person already has."""
    return click.option(
        "--have",
        default=None,
        metavar="SKILLS",
        help="Skills, certifications or degrees you have (\"experience\" for work experience): a "
             "comma-separated list, or a file (one a line, or a CV whose skills are read).",
    )(func)


def have_names(value: str | None) -> list[str] | None:
    """Return the names ``--have`` gives: read from the file it names, else split at commas."""
    if value is None:
        return None
    if os.path.isfile(os.path.expanduser(value)):
        from pathlib import Path

        from kg.queries.have import names_from_file

        return names_from_file(Path(value).expanduser())
    from kg.queries.have import split_names

    return split_names(value)


def params_option(help_text: str) -> Callable[[F], F]:
    """Add repeatable ``--param/-p KEY=VALUE`` (parsed by :func:`split_params`)."""
    return click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help=help_text)


def list_option(func: F) -> F:
    """Add ``--list``: show the query library instead of running a query."""
    return click.option("--list", "list_queries", is_flag=True,
                        help="List the library queries and their parameters.")(func)


def split_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """Turn ``KEY=VALUE`` strings into a dict; a malformed one is a usage error (exit 2)."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE (e.g. --param role=ml-engineer)",
                                     param_hint="--param")
        out[key.strip()] = value
    return out


def warn(message: str) -> None:
    """Print a note on stderr (stdout carries results only)."""
    click.echo(message, err=True)


#: the widest quote a text answer prints on one line
QUOTE_WIDTH = 90


def short_quote(quote: str) -> str:
    """Return a quote cut to fit one terminal line (the JSON output keeps it whole).

    >>> short_quote("Leads  the   team"), len(short_quote("word " * 40))
    ('Leads the team', 90)
    """
    quote = " ".join(quote.split())
    return quote if len(quote) <= QUOTE_WIDTH else quote[: QUOTE_WIDTH - 1].rstrip() + "…"


def emit_json(value: Any) -> None:
    """Print a query answer as one JSON document."""
    import json

    from kg.queries.common import to_jsonable

    click.echo(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False))


@contextmanager
def open_store(store_path: str | None, *, autobuild: bool = True) -> Iterator[SQLiteStore]:
    """Open the store; build it from the bundled corpus first when it does not exist yet."""
    from kg.graph.store import SQLiteStore
    from kg.graph.store.opening import file_mode
    from kg.settings import default_store_file

    path = store_path or default_store_file()
    if file_mode(path) is None:
        shown = _store_shown(store_path)
        if not autobuild:
            raise click.ClickException(f"no store at {shown}; run `kg build` first")
        warn(f"No store at {shown}: building it from the bundled sample corpus first.")
        from kg.graph.ingest.build import build

        with SQLiteStore(path) as fresh:
            report = build(fresh)
        warn(f"Built {report.count('added')} documents into {shown}.")
    store = SQLiteStore(path, create=False)
    try:
        yield store
    finally:
        store.close()


#: terminal control characters (ESC, BEL, C1 controls ...): never printed, whatever a store holds
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _ControlFreeText:
    """A text stream that drops terminal control characters from everything written to it."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_CONTROLS.sub("", text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # writers must come through write(): click would otherwise reach past it
            raise AttributeError(name)
        return getattr(self._stream, name)


def guard_stdout() -> None:
    """Make stdout drop control characters, so no name or quote can drive the terminal (idempotent)."""
    if not isinstance(sys.stdout, _ControlFreeText):
        sys.stdout = _ControlFreeText(sys.stdout)


#: exit status after Ctrl-C (128 + SIGINT, as shells report it)
EXIT_INTERRUPTED = 130


def kg_errors(func: F) -> F:
    """Turn library errors into click errors: unknown names and bad arguments exit 2, other kg errors exit 1.

    Ctrl-C exits 130. SQLite and disk errors that escaped the library become one
    message naming the store, never a traceback; none of them advises deleting anything.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import sqlite3

        from kg.errors import AmbiguousNameError, InvalidArgumentError, KgError, UnknownNameError, UnknownQueryError

        _refuse_undecodable(kwargs)
        try:
            return func(*args, **kwargs)
        except (UnknownNameError, AmbiguousNameError, InvalidArgumentError, UnknownQueryError) as exc:
            raise click.UsageError(str(exc)) from exc
        except KgError as exc:
            from kg.redact import redact  # only when there is a message to clean

            raise click.ClickException(_CONTROLS.sub("", redact(str(exc)))) from exc
        except BrokenPipeError:
            sys.stderr.close()
            return None
        except KeyboardInterrupt:
            _exit_interrupted()
        except sqlite3.DatabaseError as exc:
            raise click.ClickException(_store_problem(exc, kwargs.get("store_path"))) from exc
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise click.ClickException(f"the disk is full ({exc.filename or exc.strerror}); free some space "
                                           "and run the command again") from exc
            raise

    return wrapper  # type: ignore[return-value]


def _refuse_undecodable(kwargs: dict[str, Any]) -> None:
    """A text argument holding bytes that are not UTF-8 (shown as surrogates) is a usage error, not a crash."""
    for name, value in kwargs.items():
        for text in value if isinstance(value, tuple | list) else (value,):
            if isinstance(text, str) and any("\udc80" <= ch <= "\udcff" for ch in text):
                shown = os.fsencode(text).decode("utf-8", "backslashreplace")
                raise click.BadParameter(f"'{shown}' is not valid UTF-8; names and document keys are UTF-8 text "
                                         "(check the terminal's encoding)", param_hint=name.replace("_", "-"))


def _exit_interrupted() -> NoReturn:
    """Say so and leave at once: a native query may still run in a thread that would delay a normal exit."""
    try:
        click.echo("interrupted", err=True)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(EXIT_INTERRUPTED)


def _store_shown(store_path: str | None) -> Path:
    """The store as messages name it: ``--store`` (or the default) as a ``Path`` (imported only for a message)."""
    from pathlib import Path

    from kg.settings import default_store_path

    return Path(store_path) if store_path else default_store_path()


def _store_problem(exc: Exception, store_path: str | None) -> str:
    path = _store_shown(store_path)
    text = str(exc)
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return (f"the store {path} is damaged ({text}); restore it from a backup, or build a new store "
                "with `kg build --store NEW_FILE`")
    if "readonly" in text or "read-only" in text:
        return f"the store {path} is read-only ({text}); choose a writable --store, or copy it somewhere writable"
    if "full" in text:
        return f"the disk is full ({text}) while writing {path}; the store is unchanged: free some space and retry"
    if "locked" in text or "busy" in text:
        return f"the store {path} is busy: another kg command is writing it; wait for it to finish and retry"
    return f"the store {path} cannot be used ({text}); check the file, or choose another --store"
