"""Cypher without a server: an embedded ladybug (Kùzu fork) database built from the store, cached next to it.

The database lives in ``<store>.ladybug/<fingerprint>/`` and is rebuilt when the
store's fingerprint (counts, documents, projection version) changes. Ladybug
wants its schema first: one node table per label, one relationship table per
type, with the properties of :mod:`kg.graph.cypher.builders`. Each table is then
written to a CSV file in the build folder and loaded by ``COPY`` (see
:mod:`kg.graph.cypher.ladybug_csv`); a table the CSV path cannot carry falls back to
batched, parameterised ``UNWIND $rows AS row CREATE …`` (``build_fallbacks`` names it).

Its dialect differs from Neo4j's (e.g. ``-[:T* SHORTEST 1..10]->`` instead of
``shortestPath()``, ``properties(nodes(p), 'id')`` instead of list comprehensions,
no ``toFloat``); :mod:`kg.graph.cypher.dialect` lists them. Every query passes
:func:`kg.graph.cypher.guard.guard` first (one statement, every ``$param`` given,
variable-length patterns bounded with trail semantics) and runs under a timeout.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from decimal import Decimal
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.atomic import build_folder
from kg.errors import CsvValueError, CypherQueryError
from kg.graph.cypher.builders import NODE_PROPERTIES, REL_PROPERTIES
from kg.graph.cypher.dialect import hint
from kg.graph.cypher.engine import CypherResult
from kg.graph.cypher.guard import DEFAULT_MAX_HOPS, guard
from kg.graph.cypher.ladybug_csv import copy_statement, write_csv
from kg.graph.cypher.rows import batched, node_rows, rel_rows, store_fingerprint
from kg.graph.types import REL_ENDPOINTS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from kg.graph.protocols import GraphReader

__all__ = ["LadybugEngine", "schema_statements", "create_nodes", "create_relationships", "BATCH", "SMALL_TABLE",
           "DEFAULT_TIMEOUT", "DEFAULT_MEMORY_MB"]

#: seconds a query may run before the engine stops it (0 = no limit)
DEFAULT_TIMEOUT = 20.0
#: megabytes of buffer pool a query may use (ladybug's own default is most of the machine's memory)
DEFAULT_MEMORY_MB = 1024

BATCH = 2000
#: tables of up to this many rows load by one CREATE: faster than a COPY, which costs 40-100 ms whatever the size
SMALL_TABLE = 500
_DIALECT_HINT = ("the embedded engine speaks ladybug (Kùzu) Cypher, not Neo4j's: see `kg cypher --help`, "
                 "or set NEO4J_URI to run on Neo4j")


class LadybugEngine:
    """A read-only Cypher engine over an embedded ladybug database mirroring ``store``."""

    name = "ladybug"
    dialect = "ladybug"
    read_only = True

    @classmethod
    def open(cls, store: GraphReader | None, **options: Any) -> LadybugEngine:
        """Return the engine for ``store`` (building its database mirror first when it is stale)."""
        if store is None:
            raise CypherQueryError("the embedded Cypher engine needs a store; pass --store or build one")
        return cls(store, **options)

    def __init__(self, store: GraphReader, cache_dir: Path | None = None, *, timeout: float = DEFAULT_TIMEOUT,
                 max_hops: int = DEFAULT_MAX_HOPS, paths: str = "trail", memory_mb: int = DEFAULT_MEMORY_MB,
                 progress: Callable[[str], None] | None = None) -> None:
        """Open (building first when stale) the mirror of ``store``.

        Args:
            timeout: seconds a query may run before it is stopped (0: no limit).
            max_hops: the bound of an unbounded ``*`` and the largest bound allowed.
            paths: variable-length semantics, ``trail`` (Neo4j's), ``acyclic`` or ``walk`` (ladybug's).
            memory_mb: the buffer pool a query may fill before it is stopped (0: ladybug's default).
            progress: called with a line before and after a build (the CLI prints it on stderr).
        """
        import ladybug

        self.timeout, self.max_hops, self.paths, self.memory_mb = timeout, max_hops, paths, memory_mb
        self.build_seconds: float | None = None
        self.build_fallbacks: tuple[str, ...] = ()
        fingerprint = store_fingerprint(store)
        if cache_dir is None and (store.path is None or not _writable_cache(Path(str(store.path) + ".ladybug"))):
            self._tmp = tempfile.TemporaryDirectory(prefix="kg-ladybug-")  # a read-only store: cache elsewhere
            cache_dir = Path(self._tmp.name)
        cache = cache_dir or Path(str(store.path) + ".ladybug")
        target = cache / fingerprint
        for attempt in (1, 2):
            if not target.exists():
                if progress is not None:
                    total = sum(store.counts()["nodes"].values()), sum(store.counts()["edges"].values())
                    progress(f"building the embedded Cypher database for this store ({total[0]} nodes, {total[1]} "
                             f"relationships; once per store change) in {cache} …")
                self.build_seconds, self.build_fallbacks = _build(store, cache, target)
                if progress is not None:
                    progress(f"built in {self.build_seconds:.1f} s")
            try:
                self._db = ladybug.Database(str(target / "db"), read_only=True,
                                            buffer_pool_size=max(memory_mb, 0) * 1024 * 1024)
                self._conn = ladybug.Connection(self._db)
                if timeout > 0:
                    self._conn.set_query_timeout(int(timeout * 1000))
                break
            except RuntimeError:
                if attempt == 2:
                    raise
                shutil.rmtree(target, ignore_errors=True)  # a broken cache (an interrupted build): build it again
        self.path = target

    def query(self, text: str, params: dict[str, Any] | None = None) -> CypherResult:
        """Run one read query (checked and bounded by :func:`~kg.graph.cypher.guard.guard`) and return plain values.

        Ctrl-C stops it at once; past :attr:`timeout` seconds the engine stops it.

        Raises:
            CypherQueryError: the engine rejected the query (with the dialect hint), or it ran too long.
            QueryParameterError: a ``$param`` without a value.
        """
        from kg.interrupt import interruptible

        guarded = guard(text, params or {}, max_hops=self.max_hops, paths=self.paths)
        result = interruptible(lambda: self._query(guarded.text, params))
        return CypherResult(result.columns, result.rows, self.name, guarded.notes)

    def _query(self, text: str, params: dict[str, Any] | None) -> CypherResult:
        try:
            result = self._conn.execute(text, params or {})
        except RuntimeError as exc:
            message = str(exc).strip()
            if message == "Interrupted." and self.timeout > 0:
                raise CypherQueryError(f"the query ran past the {self.timeout:g} s timeout and was stopped; narrow "
                                       "it (a bound on * patterns, a LIMIT, a start node), or raise --timeout"
                                       ) from exc
            if "buffer pool is full" in message and self.memory_mb > 0:
                raise CypherQueryError(f"the query needed more than the {self.memory_mb} MB memory limit and was "
                                       "stopped; narrow it (a bound on * patterns, a LIMIT, a start node), or "
                                       "raise --memory") from exc
            advice = hint(message)
            raise CypherQueryError(f"{message} ({advice + '; ' if advice else ''}{_DIALECT_HINT})") from exc
        if isinstance(result, list):  # guard() let one statement through: one result
            result = result[-1]
        columns = tuple(result.get_column_names())
        rows = tuple(tuple(_plain(v) for v in row) for row in result.get_all())
        return CypherResult(columns, rows, self.name)

    def close(self) -> None:
        """Close the connection and the database."""
        self._conn.close()
        self._db.close()


def schema_statements() -> list[str]:
    """Return the DDL: node tables per label, relationship tables per type (ladybug needs schema first)."""
    out = []
    for label, props in NODE_PROPERTIES.items():
        cols = ", ".join(f"{k} {t}" for k, t in props)
        out.append(f"CREATE NODE TABLE {label}({cols}, PRIMARY KEY(id))")
    rel_cols = ", ".join(f"{k} {t}" for k, t in REL_PROPERTIES)
    for rel_type, (src, dst) in REL_ENDPOINTS.items():
        out.append(f"CREATE REL TABLE {rel_type}(FROM {src} TO {dst}, {rel_cols})")
    return out


def create_nodes(label: str) -> str:
    """Return the batched ``UNWIND $rows AS row CREATE`` of one label's nodes."""
    fields = ", ".join(f"{k}: row.{k}" for k, _ in NODE_PROPERTIES[label])
    return f"UNWIND $rows AS row CREATE (:{label} {{{fields}}})"


def create_relationships(rel_type: str) -> str:
    """Return the batched ``UNWIND $rows AS row MATCH … CREATE`` of one type's relationships."""
    src, dst = REL_ENDPOINTS[rel_type]
    fields = ", ".join(f"{k}: row.{k}" for k, _ in REL_PROPERTIES)
    return (f"UNWIND $rows AS row MATCH (a:{src} {{id: row.src}}), (b:{dst} {{id: row.dst}}) "
            f"CREATE (a)-[:{rel_type} {{{fields}}}]->(b)")


def _writable_cache(cache: Path) -> bool:
    """Return True if the cache folder exists writable or can be made (a read-only store's folder cannot)."""
    if cache.is_dir():
        return os.access(cache, os.W_OK)
    return os.access(cache.parent, os.W_OK)


def _build(store: GraphReader, cache: Path, target: Path) -> tuple[float, tuple[str, ...]]:
    """Build the database in a temporary folder, then move it into place and drop older builds.

    Returns the seconds taken and the tables loaded by ``CREATE`` instead of ``COPY``.
    A failed build (disk full, Ctrl-C) leaves no folder behind; folders left by builds
    whose process died are removed first.

    Raises:
        CypherQueryError: the disk filled up or the cache folder cannot be written.
    """
    started = time.perf_counter()
    try:
        work = build_folder(cache)
    except OSError as exc:
        raise _cache_error(cache, exc) from exc
    try:
        fallbacks = _build_in(store, work, target)
    except (OSError, RuntimeError) as exc:
        raise _cache_error(cache, exc) from exc
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    for old in cache.iterdir():
        if old != target and not old.name.startswith(".build-"):
            shutil.rmtree(old, ignore_errors=True)
    return time.perf_counter() - started, tuple(fallbacks)


def _cache_error(cache: Path, exc: BaseException) -> CypherQueryError:
    text = str(exc).strip()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "space" in text.lower() or "full" in text.lower():
        return CypherQueryError(f"the disk is full: cannot build the embedded Cypher cache in {cache}; nothing was "
                                "left behind: free some space and run the query again")
    return CypherQueryError(f"cannot build the embedded Cypher cache in {cache} ({text}); check that folder, "
                            "or set NEO4J_URI to query Neo4j instead")


def _build_in(store: GraphReader, work: Path, target: Path) -> list[str]:
    """Write every table into a new database in ``work``, then rename it to ``target``."""
    import ladybug

    fallbacks: list[str] = []
    db = ladybug.Database(str(work / "db"))
    conn = ladybug.Connection(db)
    try:
        for statement in schema_statements():
            conn.execute(statement)
        csv_dir = work / "csv"
        csv_dir.mkdir()
        for label, props in NODE_PROPERTIES.items():
            if not _load(conn, label, props, partial(node_rows, store, label), create_nodes(label), csv_dir):
                fallbacks.append(label)
        rel_columns = (("src", "STRING"), ("dst", "STRING"), *REL_PROPERTIES)
        for rel_type in REL_ENDPOINTS:
            if not _load(conn, rel_type, rel_columns, partial(rel_rows, store, rel_type),
                         create_relationships(rel_type), csv_dir):
                fallbacks.append(rel_type)
        shutil.rmtree(csv_dir)
    finally:
        conn.close()
        db.close()
    try:
        work.rename(target)
    except OSError:
        if not target.exists():  # another process may have built the same fingerprint meanwhile
            raise
    return fallbacks


def _load(conn: Any, table: str, columns: tuple[tuple[str, str], ...],
          rows: Callable[[], Iterator[dict[str, Any]]], create: str, csv_dir: Path) -> bool:
    """Load one table; return False if it had to fall back from ``COPY`` to batched ``CREATE``.

    A table of at most :data:`SMALL_TABLE` rows goes in by one ``CREATE``; larger
    ones are written to CSV and copied. The fallback, streaming the rows again,
    covers what the CSV path cannot carry: a list element holding the list
    separator, text that is not valid UTF-8, or anything ladybug's CSV reader or
    ``COPY`` rejects (a failed ``COPY`` loads nothing, so the table is still empty).
    """
    stream = rows()
    head = list(islice(stream, SMALL_TABLE + 1))
    if len(head) <= SMALL_TABLE:
        if head:
            conn.execute(create, {"rows": head})
        return True
    path = csv_dir / f"{table}.csv"
    try:
        write_csv(path, columns, chain(head, stream))
        conn.execute(copy_statement(table, columns, path))
        return True
    except (CsvValueError, UnicodeEncodeError, RuntimeError):
        for batch in batched(rows(), BATCH):
            conn.execute(create, {"rows": batch})
        return False
    finally:
        path.unlink(missing_ok=True)


def _plain(value: Any) -> Any:
    """Turn ladybug values (nodes, rels, paths as dicts with internal ids) into plain JSON-able values."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in ("_ID", "_SRC", "_DST")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    if isinstance(value, Decimal):  # sum() of integers comes back as an INT128 Decimal
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)
