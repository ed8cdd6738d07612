"""A long build recomputes edges and nodes as it goes (bounded memory): the store is the same as in one go."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore, sqlite


def _snapshot(store: SQLiteStore) -> tuple[object, ...]:
    return (store.counts(), sorted((e.type, e.src, e.dst, e.weight, e.doc_count) for e in store.edges()),
            sorted((n.id, n.name, n.aliases) for n in store.nodes()))


def test_recomputing_mid_build_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with SQLiteStore(tmp_path / "one-go.sqlite") as store:
        build(store, None, workers=1)
        want = _snapshot(store)
    monkeypatch.setattr(sqlite, "_FLUSH_AT", 10)  # recompute after nearly every document
    with SQLiteStore(tmp_path / "as-it-goes.sqlite") as store:
        build(store, None, workers=1)
        assert _snapshot(store) == want
