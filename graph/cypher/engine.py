"""Cypher engines kg can run queries on: a live Neo4j or the embedded ladybug database built from the store.

Engines are registered by name as ``"module:Class"`` strings and imported on
first use (the neo4j driver costs 0.6 s to import, ladybug 0.2 s).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import CypherQueryError

if TYPE_CHECKING:
    from kg.graph.store import SQLiteStore

__all__ = ["CypherResult", "CypherEngine", "ENGINES", "open_engine"]


@dataclass(frozen=True)
class CypherResult:
    """Rows of a Cypher query: column names and plain values (str, numbers, bools, lists, dicts, None)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    engine: str

    def records(self) -> list[dict[str, Any]]:
        """Return the rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class CypherEngine(Protocol):
    """Run read queries; ``dialect`` names which library variant (``neo4j`` or ``ladybug``) it speaks."""

    name: str
    dialect: str

    def query(self, text: str, params: dict[str, Any] | None = None) -> CypherResult: ...

    def close(self) -> None: ...


#: engine name -> "module:Class"; each class takes (store) and is imported on first use
ENGINES: dict[str, str] = {
    "neo4j": "kg.graph.cypher.neo4j:Neo4jEngine",
    "embedded": "kg.graph.cypher.ladybug:LadybugStore",
}


def open_engine(name: str, store: SQLiteStore | None) -> CypherEngine:
    """Return the engine registered as ``name``: ``neo4j`` (from NEO4J_* settings) or ``embedded``."""
    target = ENGINES.get(name)
    if target is None:
        raise CypherQueryError(f"unknown Cypher engine {name!r}; choose one of: {', '.join(sorted(ENGINES))}")
    module_name, class_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    engine: CypherEngine = cls.from_settings() if name == "neo4j" else cls(store)
    return engine
