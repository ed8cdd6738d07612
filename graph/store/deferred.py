"""Secondary indexes that a transaction into an empty store builds once, after its rows are in.

SQLite keeps every index up to date row by row; for a build into a new store, creating
an index over the finished table (one sort) costs less: three of ``evidence``'s four
indexes cost about 40% of its inserts when kept row by row, a third of that when built
at the end. The indexes are dropped when such a transaction begins and created again
from :data:`~kg.graph.store.schema.SCHEMA` before its commit recomputes edges and nodes,
inside the same transaction: a build that fails or is killed rolls the drop back with
everything else, and a committed store has exactly the schema of any other.

Only indexes nothing reads while a build writes are deferred: ``evidence_by_doc`` (a
document's own edges, a replaced document's retraction), ``document_by_source`` and the
primary keys stay.

Such a transaction keeps no edge keys either: every edge it commits is new, so its commit
aggregates every fact the evidence states in one pass (:func:`aggregate_every_edge`) instead of
joining the evidence with the keys its documents touched.
"""

from __future__ import annotations

import re
import sqlite3

from kg.graph.store.schema import SCHEMA
from kg.graph.types import REL_TYPES

__all__ = ["DEFERRED", "defer_indexes", "restore_indexes", "aggregate_every_edge", "index_sql"]

#: every table of the store: "empty" means none holds a row (an import may bring edges or aliases alone)
_TABLES = ("evidence", "node_doc", "node", "document", "edge", "alias")

#: the indexes a transaction into an empty store creates at its end
DEFERRED = ("evidence_by_fact", "evidence_by_dst", "evidence_by_src", "node_doc_by_node")


def defer_indexes(conn: sqlite3.Connection) -> tuple[str, ...]:
    """Drop the :data:`DEFERRED` indexes when the store holds no rows they index; return the ones dropped.

    Runs inside the open transaction (its first statement after ``BEGIN``).
    """
    holds_rows = " UNION ALL ".join(f"SELECT 1 FROM {table}" for table in _TABLES)
    if conn.execute(holds_rows + " LIMIT 1").fetchone() is not None:
        return ()
    for name in DEFERRED:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    return DEFERRED


def restore_indexes(conn: sqlite3.Connection, names: tuple[str, ...]) -> None:
    """Create the dropped indexes again, as the schema defines them (before the commit's recompute reads them)."""
    for name in names:
        conn.execute(index_sql(name))


def index_sql(name: str) -> str:
    """The schema's ``CREATE INDEX`` statement of one index.

    >>> index_sql("evidence_by_src")
    'CREATE INDEX IF NOT EXISTS evidence_by_src ON evidence(src)'
    """
    found = re.search(rf"CREATE INDEX IF NOT EXISTS {name} ON [^;]+", SCHEMA)
    if found is None:
        raise LookupError(f"no index {name!r} in the store schema")
    return found.group(0)


def aggregate_every_edge(conn: sqlite3.Connection) -> None:
    """Write the edge of every fact the evidence states, but those pointing at a document (its own edges,
    written as it came, from its evidence alone): the commit of a transaction into an empty store.

    The same aggregate as the recompute of touched edges (a document's strongest cue, summed over
    documents), over all the evidence.
    """
    conn.execute(
        f"""INSERT OR REPLACE INTO edge(type, src, dst, weight, required, doc_count)
           SELECT type, src, dst, ROUND(SUM(s), 6), MAX(r), COUNT(*) FROM (
               SELECT e.type, e.src, e.dst, e.doc_id, MAX(e.strength) AS s, MAX(e.required) AS r
               FROM evidence e WHERE e.type IN ({",".join("?" * len(REL_TYPES))}) AND e.dst <> e.doc_id
               GROUP BY e.type, e.src, e.dst, e.doc_id)
           GROUP BY type, src, dst""", REL_TYPES)
