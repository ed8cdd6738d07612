"""Open a store file safely: refuse what is not a kg store, connect, create or migrate the schema, word errors.

kg writes only into its own stores or new files: an empty file, a file that is not
SQLite, or another application's database is refused before anything is written.
A store opens in WAL mode (readers see the last commit while a build writes); a
read-only file or folder opens immutable for reads. Every SQLite error becomes
one :class:`~kg.errors.StoreError` that says what to do, never "delete it".
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat

from kg.atomic import SQLITE_HEADER
from kg.errors import StoreError
from kg.graph.store.schema import KG_TABLES, MIGRATIONS, SCHEMA, SCHEMA_VERSION

__all__ = ["BUSY_SECONDS", "check_file", "file_mode", "connect", "ensure_schema", "store_error"]

#: how long a writer waits for another writer before saying the store is busy
BUSY_SECONDS = 5.0


def file_mode(path: str) -> int | None:
    """Return the ``st_mode`` of ``path``, or None when it does not exist (as ``Path.exists()`` tells it).

    Any other error (no permission to look) is raised, as ``Path.exists()`` raises it.
    """
    try:
        return os.stat(path).st_mode
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            raise
        return None


def check_file(path: str, create: bool) -> bool:
    """Refuse what is not a kg store or a new file; return True when the store can only be read.

    ``path`` is text (``os`` calls, no pathlib on a command's start); messages show it as a ``Path`` would.
    """
    mode = file_mode(path)
    if mode is None:
        if not create:
            raise StoreError(f"no store at {_shown(path)}; run `kg build` first")
        parent = _parent(path)
        try:
            os.makedirs(parent, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder {parent} for the store ({exc.strerror}); "
                             "choose another --store") from exc
        if not os.access(parent, os.W_OK):
            raise StoreError(f"cannot create a store in {parent}: the folder is read-only; "
                             "choose another --store")
        return False
    if stat.S_ISDIR(mode):
        raise StoreError(f"{_shown(path)} is a folder, not a kg store; give --store a file name")
    if not stat.S_ISREG(mode):
        raise StoreError(f"{_shown(path)} is not a regular file (a device, pipe or socket), not a kg store; "
                         "choose another --store")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"cannot read the store {_shown(path)} ({exc.strerror}); check its permissions") from exc
    if not head:
        raise StoreError(f"{_shown(path)} is an empty file, not a kg store; kg writes only into its own stores or "
                         "new files: choose another --store")
    if head != SQLITE_HEADER:
        raise StoreError(f"{_shown(path)} is not a kg store (not an SQLite database); choose another --store")
    return not (os.access(path, os.W_OK) and os.access(os.path.dirname(path) or ".", os.W_OK))


def _shown(path: str) -> str:
    """The path as messages show it (``Path``'s spelling: ``./a//b`` is ``a/b``); only errors pay for pathlib."""
    from pathlib import Path

    return str(Path(path))


def _parent(path: str) -> str:
    from pathlib import Path

    return str(Path(path).parent)


def connect(path: str | None, read_only: bool) -> sqlite3.Connection:
    """Connect to the store file (``None``: in memory); a read-only one opens immutable."""
    if path is None:
        conn = sqlite3.connect(":memory:", isolation_level=None)
    elif read_only:  # a read-only file or folder: no journal, no shared-memory file can be made
        import urllib.parse  # only read-only stores need a URI: not on every start

        uri = "file:" + urllib.parse.quote(os.path.realpath(path)) + "?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS)
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=OFF")
    return conn


def ensure_schema(conn: sqlite3.Connection, where: str, *, new: bool, read_only: bool, in_memory: bool) -> None:
    """Create the schema in a new file, migrate an older one in place, refuse anything else.

    ``where`` is the store file as text, or ``":memory:"``.
    """
    tables = _tables(conn)
    if not tables and new:
        conn.executescript(f"BEGIN IMMEDIATE;{SCHEMA}INSERT OR REPLACE INTO meta(key, value) VALUES "
                           f"('schema_version', '{SCHEMA_VERSION}');COMMIT;")
        _use_wal(conn, in_memory)
        return
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() if "meta" in tables else None
    if row is None or not str(row[0]).isdigit():
        others = ", ".join(sorted(tables - KG_TABLES)[:6]) or "no tables"
        raise StoreError(f"{_shown(where)} is not a kg store: it is an SQLite database of another application "
                         f"({others}); kg will not write into it: choose another --store")
    version = int(row[0])
    if version > SCHEMA_VERSION:
        raise StoreError(f"the store {_shown(where)} was written by a newer kg (schema version {version}; this kg "
                         f"knows up to {SCHEMA_VERSION}); upgrade kg (pip install -U career-kg), or choose "
                         "another --store")
    if version < SCHEMA_VERSION and not read_only:
        for step in range(version, SCHEMA_VERSION):
            conn.executescript(f"BEGIN IMMEDIATE;{MIGRATIONS[step]}COMMIT;")
        version = SCHEMA_VERSION
        tables = _tables(conn)
    missing = KG_TABLES - tables - (set() if version == SCHEMA_VERSION else {"node_doc"})
    if missing:
        raise StoreError(f"the store {_shown(where)} is damaged (tables missing: {', '.join(sorted(missing))}); "
                         "restore it from a backup, or build a new store with `kg build --store NEW_FILE`")
    if not read_only:
        _use_wal(conn, in_memory)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _use_wal(conn: sqlite3.Connection, in_memory: bool) -> None:
    """Readers see the last commit while a build writes (SQLite WAL); a busy store stays as it is."""
    if not in_memory:
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute("PRAGMA journal_mode=WAL")


def store_error(path: os.PathLike[str] | str, exc: BaseException) -> StoreError:
    """Turn an SQLite error into a :class:`StoreError` that says what happened and what to do (never "delete it")."""
    text = str(exc)
    low = text.lower()
    if "full" in low:
        return StoreError(f"the disk is full while writing the store {path}; the store is unchanged (the write was "
                          "rolled back): free some space and run the command again")
    if "locked" in low or "busy" in low:
        return StoreError(f"the store {path} is busy: another kg command is writing it; wait for it to finish and "
                          "try again")
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        return StoreError(f"the store {path} is damaged ({text}); restore it from a backup, or build a new store "
                          "with `kg build --store NEW_FILE`")
    if "readonly" in low or "read-only" in low:
        return StoreError(f"the store {path} is read-only ({text}); choose a writable --store, or copy it somewhere "
                          "writable")
    return StoreError(f"cannot use the store {path} ({text}); check the file and its folder, or choose another "
                      "--store")
