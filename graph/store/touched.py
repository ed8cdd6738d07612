"""What an open transaction touched (edge keys, node ids), recomputed at commit: kept in temporary tables.

A transaction remembers which aggregated edges and which nodes its documents changed, so that
the commit recomputes only those. A build of 100,000 postings with distinct titles touches
about as many role nodes and ten times as many edges; held as Python sets that is a few hundred
bytes a row. Here at most :data:`BATCH` of each wait in memory; the rest go to two temporary
tables (the connection's temporary database, in SQLite's page cache and its temporary file),
part of the transaction like everything else: a rollback empties them too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from kg.graph.types import REL_TYPES

__all__ = ["Touched", "BATCH", "EDGES", "NODES"]

#: keys kept in memory before they are written to their table
BATCH = 4096
#: the temporary tables (the commit's recompute joins them)
EDGES, NODES = "touched_edge", "touched_node"


class Touched:
    """The edge keys ``(type, src, dst)`` and node ids a transaction changed (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._edges: set[tuple[str, str, str]] = set()
        self._nodes: set[str] = set()

    def add_edges(self, keys: Iterable[tuple[str, str, str]]) -> None:
        """Remember edge keys to recompute."""
        self._edges.update(keys)
        if len(self._edges) >= BATCH:
            self._write_edges()

    def add_nodes(self, ids: Iterable[str]) -> None:
        """Remember node ids to recompute (empty ids, the missing end of an attribute, are left out)."""
        self._nodes.update(ids)
        if len(self._nodes) >= BATCH:
            self._write_nodes()

    def add_stated_edges(self) -> None:
        """Remember the key of every edge the evidence states (but a document's own edges)."""
        self._create()
        self._conn.execute(f"INSERT OR IGNORE INTO temp.{EDGES}(type, src, dst) SELECT DISTINCT type, src, dst"
                           f" FROM evidence WHERE type IN ({','.join('?' * len(REL_TYPES))}) AND dst <> doc_id",
                           REL_TYPES)

    def in_memory(self) -> int:
        """Return how many keys wait in memory (never more than ``2 * BATCH``)."""
        return len(self._edges) + len(self._nodes)

    def edges_table(self) -> bool:
        """Write what waits; return True when the edge table lists any key (the commit then recomputes them)."""
        self._write_edges()
        return self._conn.execute(f"SELECT 1 FROM temp.{EDGES} LIMIT 1").fetchone() is not None

    def nodes_table(self) -> bool:
        """Write what waits; return True when the node table lists any id."""
        self._write_nodes()
        return self._conn.execute(f"SELECT 1 FROM temp.{NODES} LIMIT 1").fetchone() is not None

    def clear(self) -> None:
        """Empty the tables and forget what waits (after the commit's recompute, inside the transaction)."""
        self.forget()
        self._create()
        self._conn.execute(f"DELETE FROM temp.{EDGES}")
        self._conn.execute(f"DELETE FROM temp.{NODES}")

    def forget(self) -> None:
        """Forget what waits in memory (after a rollback, which emptied the tables)."""
        self._edges.clear()
        self._nodes.clear()

    def _write_edges(self) -> None:
        self._create()
        if self._edges:
            self._conn.executemany(f"INSERT OR IGNORE INTO temp.{EDGES}(type, src, dst) VALUES (?,?,?)",
                                   sorted(self._edges))
            self._edges.clear()

    def _write_nodes(self) -> None:
        self._create()
        if self._nodes:
            self._conn.executemany(f"INSERT OR IGNORE INTO temp.{NODES}(id) VALUES (?)",
                                   ((i,) for i in sorted(self._nodes) if i))
            self._nodes.clear()

    def _create(self) -> None:
        self._conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {EDGES}(type TEXT NOT NULL, src TEXT NOT NULL,"
                           " dst TEXT NOT NULL, PRIMARY KEY (type, src, dst)) WITHOUT ROWID")
        self._conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {NODES}(id TEXT PRIMARY KEY) WITHOUT ROWID")
