"""Cypher engines kg can run queries on: a live Neo4j or the embedded ladybug database built from the store.

Engines are registered by name as ``"module:Class.open"`` strings and imported on
first use (the neo4j driver costs 0.6 s to import, ladybug 0.2 s).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import CypherQueryError
from kg.plugins import Registry

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader, QueryEngine

__all__ = ["CypherResult", "ENGINES", "open_engine"]


@dataclass(frozen=True)
class CypherResult:
    """Rows of a Cypher query: column names and plain values (str, numbers, bools, lists, dicts, None)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    engine: str

    def records(self) -> list[dict[str, Any]]:
        """Return the rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


#: engine name -> "module:Class.open"; every ``open`` takes the store (Neo4j reads NEO4J_* instead) and
#: returns a :class:`~kg.graph.protocols.QueryEngine`
ENGINES = Registry("Cypher engine", {
    "neo4j": "kg.graph.cypher.neo4j:Neo4jEngine.open",
    "embedded": "kg.graph.cypher.ladybug:LadybugEngine.open",
}, CypherQueryError)


def open_engine(name: str, store: GraphReader | None) -> QueryEngine:
    """Return the engine registered as ``name``: ``neo4j`` (from NEO4J_* settings) or ``embedded``."""
    engine: QueryEngine = ENGINES.load(name)(store)
    return engine
