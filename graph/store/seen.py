"""A set of strings kept on disk, for a build that must remember every row it met with flat memory.

A dataset build remembers each row's source so that, at the end, it can retract the rows a
rebuild no longer finds. A Python set of them grows with the file (about 100 bytes a row even
as 8-byte digests: 10 MB at 100,000 rows, 100 MB at a million); this one keeps 16-byte digests
in a private temporary SQLite database (SQLite's own temporary file, deleted when it closes), so
memory is SQLite's page cache however many rows there are.
"""

from __future__ import annotations

import hashlib
import sqlite3

__all__ = ["DiskSet"]


class DiskSet:
    """Strings added in any number, kept on disk; ``in`` asks whether one was added.

    >>> with DiskSet() as seen:
    ...     seen.add("jobs.csv#1")
    ...     ("jobs.csv#1" in seen, "jobs.csv#2" in seen, len(seen))
    (True, False, 1)
    """

    #: digests kept in memory before they are written (one ``executemany`` each)
    BATCH = 1024
    #: SQLite page cache of the set's database, in KiB (SQLite's default size, stated)
    CACHE_KIB = 2048

    def __init__(self) -> None:
        self._conn = sqlite3.connect("", isolation_level=None)  # "": a private temporary database on disk
        self._conn.execute(f"PRAGMA cache_size=-{self.CACHE_KIB}")
        self._conn.execute("CREATE TABLE seen(digest BLOB PRIMARY KEY) WITHOUT ROWID")
        self._conn.execute("BEGIN")  # never committed: the database is thrown away on close
        self._pending: list[tuple[bytes]] = []

    def add(self, text: str) -> None:
        """Remember ``text``."""
        self._pending.append((_digest(text),))
        if len(self._pending) >= self.BATCH:
            self._flush()

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str):
            return False
        self._flush()
        return self._conn.execute("SELECT 1 FROM seen WHERE digest=?", (_digest(text),)).fetchone() is not None

    def __len__(self) -> int:
        self._flush()
        count: int = self._conn.execute("SELECT COUNT(*) FROM seen").fetchone()[0]
        return count

    def pending(self) -> int:
        """Return how many digests wait in memory to be written (never more than :attr:`BATCH`)."""
        return len(self._pending)

    def close(self) -> None:
        """Drop the set (SQLite deletes its file)."""
        self._pending.clear()
        self._conn.close()

    def __enter__(self) -> DiskSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _flush(self) -> None:
        if self._pending:
            self._conn.executemany("INSERT OR IGNORE INTO seen(digest) VALUES (?)", self._pending)
            self._pending.clear()


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).digest()
