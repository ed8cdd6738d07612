"""kg.graph.store: the embedded SQLite store (schema, row conversions, the store itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.graph.store.sqlite import LoadOutcome, SQLiteStore

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["SQLiteStore", "LoadOutcome", "open_store"]


def open_store(path: Path | str | None = None, *, create: bool = True) -> SQLiteStore:
    """Open the store at ``path`` (default ``$KG_STORE``, else the per-user data folder).

    ``create=False`` raises :class:`~kg.errors.StoreError` when no store file exists yet;
    ``":memory:"`` gives a throw-away store.

    >>> store = open_store(":memory:")
    >>> store.counts()["totals"]
    {'documents': 0, 'evidence': 0}
    """
    from kg.settings import default_store_file

    return SQLiteStore(default_store_file() if path is None else path, create=create)
