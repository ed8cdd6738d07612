"""The documents a store held at its last commit, asked by id from any process (the build's workers).

A build skips the extraction of documents the store already holds. Handing every worker the
set of those ids costs memory in each process in proportion to the store (about 100 bytes a
document: a rebuild of a million postings would hold 100 MB in every worker); a WAL store
lets each worker ask instead, on its own read-only connection, which sees the last commit
however long the build's write transaction has been open.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from pathlib import Path
from typing import Any

__all__ = ["CommittedIds"]


class CommittedIds:
    """``doc_id in ids``: whether the store file at ``path`` held that document at its last commit.

    Picklable by path: each process opens its own read-only connection on first use.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None

    def __contains__(self, doc_id: object) -> bool:
        if not isinstance(doc_id, str):
            return False
        if self._conn is None:
            uri = "file:" + urllib.parse.quote(str(self.path.resolve())) + "?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        return self._conn.execute("SELECT 1 FROM document WHERE id=?", (doc_id,)).fetchone() is not None

    def close(self) -> None:
        """Close this process's connection (it opens again when asked)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path = state["path"]
        self._conn = None
