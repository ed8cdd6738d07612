"""kg.graph.store: the embedded SQLite store (schema, row conversions, the store itself)."""

from kg.graph.store.sqlite import LoadOutcome, SQLiteStore

__all__ = ["SQLiteStore", "LoadOutcome"]
