"""Cypher engines kg can run queries on: a live Neo4j or the embedded ladybug database built from the store.

Engines are registered by name as ``"module:Class.open"`` strings and imported on
first use (the neo4j driver costs 0.6 s to import, ladybug 0.2 s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.errors import CypherQueryError
from kg.graph.protocols import CypherResult
from kg.plugins import Registry

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader, QueryEngine

__all__ = ["CypherResult", "ENGINES", "open_engine"]


#: engine name -> "module:Class.open"; every ``open`` takes the store (Neo4j reads NEO4J_* instead) and
#: returns a :class:`~kg.graph.protocols.QueryEngine`
ENGINES = Registry("Cypher engine", {
    "neo4j": "kg.graph.cypher.neo4j:Neo4jEngine.open",
    "embedded": "kg.graph.cypher.ladybug:LadybugEngine.open",
}, CypherQueryError, requires={"neo4j": ("neo4j", "neo4j"), "embedded": ("embedded", "ladybug")})


def open_engine(name: str, store: GraphReader | None, **options: Any) -> QueryEngine:
    """Return the engine registered as ``name``: ``neo4j`` (from NEO4J_* settings) or ``embedded``.

    ``options`` go to the engine's ``open`` (``timeout`` for both; ``max_hops``, ``paths``,
    ``progress`` for the embedded one, which Neo4j ignores).
    """
    engine: QueryEngine = ENGINES.load(name)(store, **options)
    return engine
