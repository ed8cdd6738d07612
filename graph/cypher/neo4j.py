"""Write the store to Neo4j (constraints, then batched ``UNWIND $rows MERGE``) and run Cypher on it.

A push is idempotent: nodes and relationships are merged on stable ids and
stamped with the store fingerprint, so pushing the same store again changes
nothing, and what a changed store no longer holds is pruned (only entities an
earlier push stamped are ever deleted). Rows are streamed from the store in
batches: memory stays bounded by the batch size. The neo4j driver is imported
only here, on first use.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.errors import CypherQueryError, Neo4jUnavailableError
from kg.graph.cypher import builders as build
from kg.graph.cypher.engine import CypherResult
from kg.graph.cypher.rows import batched, node_rows, rel_rows, store_fingerprint
from kg.graph.types import REL_ENDPOINTS
from kg.plugins import require
from kg.redact import redact, redact_uri

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["Neo4jSettings", "Neo4jWriter", "Neo4jEngine", "PushReport", "push_plan"]

DEFAULT_BATCH = 2000


@dataclass(frozen=True)
class Neo4jSettings:
    """Where Neo4j is: URI, user, database; the password is kept out of repr and never logged."""

    uri: str
    user: str
    database: str | None = None
    password: str = field(default="", repr=False)

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None, database: str | None = None,
                 password: str | None = None) -> Neo4jSettings:
        """Fill missing values from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE."""
        found = uri or os.environ.get("NEO4J_URI")
        if not found:
            raise Neo4jUnavailableError("no Neo4j URI: pass --uri or set NEO4J_URI (e.g. neo4j://localhost:7687)")
        return cls(found, user or os.environ.get("NEO4J_USERNAME", "neo4j"),
                   database or os.environ.get("NEO4J_DATABASE") or None,
                   password if password is not None else os.environ.get("NEO4J_PASSWORD", ""))


@dataclass
class PushReport:
    """What a push wrote: rows merged per label/type, entities pruned."""

    version: str
    merged: dict[str, int] = field(default_factory=dict)
    pruned: int = 0


def push_plan(store: GraphReader, batch: int = DEFAULT_BATCH) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    """Yield (label or type, statement, rows) batches in write order: every node label, then every type."""
    for label in build.NODE_PROPERTIES:
        for rows in batched(node_rows(store, label), batch):
            yield label, build.merge_nodes(label), rows
    for rel_type in REL_ENDPOINTS:
        for rows in batched(rel_rows(store, rel_type), batch):
            yield rel_type, build.merge_relationships(rel_type), rows


#: seconds to open a connection, and to get one from the pool (the Bolt handshake included)
CONNECT_TIMEOUT = 5.0
ACQUIRE_TIMEOUT = 10.0


@contextmanager
def _driver(settings: Neo4jSettings) -> Iterator[Any]:
    import neo4j
    from neo4j import exceptions as nx

    logging.getLogger("neo4j").addHandler(logging.NullHandler())  # failures surface as one error, not log noise
    where = redact_uri(settings.uri)
    try:
        driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                            connection_timeout=CONNECT_TIMEOUT,
                                            connection_acquisition_timeout=ACQUIRE_TIMEOUT)
    except (ValueError, nx.ConfigurationError) as exc:
        raise Neo4jUnavailableError(f"bad Neo4j URI {where!r}: {redact(str(exc))}") from None
    try:
        driver.verify_connectivity()
        yield driver
    except nx.AuthError as exc:
        raise Neo4jUnavailableError(f"Neo4j at {where} refused user {settings.user!r}: check "
                                    "NEO4J_USERNAME / NEO4J_PASSWORD") from exc
    except nx.UnsupportedServerProduct as exc:
        raise Neo4jUnavailableError(f"the server at {where} does not speak Bolt as Neo4j does "
                                    f"({redact(str(exc))}); check NEO4J_URI") from None
    except (nx.ServiceUnavailable, nx.SessionExpired, nx.DriverError, OSError) as exc:
        reason = " ".join(redact(str(exc)).split()) or type(exc).__name__
        low = reason.lower()
        if any(w in low for w in ("timed out", "timeout", "deadline")) or isinstance(exc, TimeoutError):
            raise Neo4jUnavailableError(f"Neo4j at {where} did not answer within {ACQUIRE_TIMEOUT:g} s ({reason}); "
                                        "is it running, and is NEO4J_URI right?") from None
        if any(w in low for w in ("looks like http", "handshake", "protocol version", "unexpected")):
            raise Neo4jUnavailableError(f"the server at {where} does not speak Bolt as Neo4j does ({reason}); "
                                        "check NEO4J_URI") from None
        raise Neo4jUnavailableError(f"cannot reach Neo4j at {where}: is it running? ({reason})") from None
    finally:
        driver.close()


class Neo4jWriter:
    """Push a whole store into Neo4j."""

    def __init__(self, settings: Neo4jSettings, batch: int = DEFAULT_BATCH) -> None:
        self.settings = settings
        self.batch = batch

    def push(self, store: GraphReader, progress: Callable[[int], None] | None = None) -> PushReport:
        """Create constraints, merge every node and relationship in batches, then prune stale ones.

        ``progress`` is called with the number of rows of each batch written.
        """
        require("neo4j", "neo4j", "kg neo4j push")
        from neo4j import exceptions as nx

        report = PushReport(store_fingerprint(store))
        with _driver(self.settings) as driver, driver.session(database=self.settings.database) as session:
            try:
                for statement in build.constraints():
                    session.run(statement).consume()
                for name, statement, rows in push_plan(store, self.batch):
                    session.execute_write(_write, statement, {"rows": rows, "version": report.version})
                    report.merged[name] = report.merged.get(name, 0) + len(rows)
                    if progress is not None:
                        progress(len(rows))
                report.pruned = self._prune(session, report.version)
            except nx.Neo4jError as exc:
                raise CypherQueryError(f"Neo4j rejected the push: {redact(str(exc.message or exc))}") from exc
        return report

    def _prune(self, session: Any, version: str) -> int:
        total = 0
        statements = [build.prune_relationships(t) for t in REL_ENDPOINTS]
        statements += [build.prune_nodes(label) for label in build.NODE_PROPERTIES]
        for statement in statements:
            while deleted := session.execute_write(_count, statement, {"version": version}):
                total += deleted
        return total


def _write(tx: Any, statement: str, params: dict[str, Any]) -> None:
    tx.run(statement, params).consume()


def _count(tx: Any, statement: str, params: dict[str, Any]) -> int:
    return int(tx.run(statement, params).single()["deleted"])


class Neo4jEngine:
    """Run read queries on Neo4j (the settings come from NEO4J_* variables)."""

    name = "neo4j"
    dialect = "neo4j"
    read_only = True

    def __init__(self, settings: Neo4jSettings, timeout: float = 0) -> None:
        self.settings = settings
        self.timeout = timeout

    @classmethod
    def open(cls, store: GraphReader | None = None, *, timeout: float = 0, **_embedded_only: Any) -> Neo4jEngine:
        """Return an engine for the Neo4j named by the environment (the store is not needed).

        ``timeout`` (seconds, 0 = the server's) becomes the transaction timeout; the embedded
        engine's path options are ignored: Neo4j has trail semantics and no bound of its own.
        """
        return cls(Neo4jSettings.from_env(), timeout)

    def query(self, text: str, params: dict[str, Any] | None = None) -> CypherResult:
        """Run one query in a read transaction and return plain values."""
        from neo4j import Query
        from neo4j import exceptions as nx

        with _driver(self.settings) as driver:
            try:
                query = Query(text, timeout=self.timeout) if self.timeout > 0 else text
                records, _, keys = driver.execute_query(query, params or {}, database_=self.settings.database,
                                                        routing_="r")
            except nx.Neo4jError as exc:
                raise CypherQueryError(f"Neo4j rejected the query: {redact(str(exc.message or exc))}") from exc
        return CypherResult(tuple(keys), tuple(tuple(_plain(v) for v in r.values()) for r in records), self.name)

    def close(self) -> None:
        """Nothing to close: each query opens and closes its own driver."""


def _plain(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_LABEL": next(iter(value.labels), None), **dict(value)}
    if isinstance(value, Relationship):
        return {"_LABEL": value.type, **dict(value)}
    if isinstance(value, Path):
        return {"_NODES": [_plain(n) for n in value.nodes], "_RELS": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
