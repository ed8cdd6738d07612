"""A build into an empty store creates some indexes after its rows and aggregates every edge at commit: same
schema, same rows, same safety.

Real SQLite files and real builds of the bundled sample corpus: a store built in one
transaction from empty (indexes deferred) is compared with one built in two (the second
into a store that already holds a document, so nothing is deferred).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kg.graph.ingest.build import build, bundled_corpus_paths
from kg.graph.store import SQLiteStore
from kg.graph.store.deferred import DEFERRED, index_sql

pytest.importorskip("kg.loaders.extract")

_TABLES = ("document", "node", "alias", "edge", "evidence", "node_doc")


def _schema(path: Path) -> set[tuple[str, str, str, str]]:
    conn = sqlite3.connect(str(path))
    try:
        return set(conn.execute("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master"))
    finally:
        conn.close()


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(str(path))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in _TABLES}
    finally:
        conn.close()


def _statements(store: SQLiteStore) -> list[str]:
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    return seen


def test_every_deferred_index_is_one_a_new_store_has(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "new.sqlite").close()
    indexes = {(name, sql) for kind, name, _, sql in _schema(tmp_path / "new.sqlite") if kind == "index" and sql}
    for name in DEFERRED:  # the statement that restores it creates what the schema made
        assert (name, index_sql(name).replace(" IF NOT EXISTS", "")) in indexes
    with pytest.raises(LookupError, match="no_such_index"):
        index_sql("no_such_index")


def test_a_store_holding_only_imported_edges_or_aliases_is_not_empty(tmp_path: Path) -> None:
    from kg.graph.store.deferred import defer_indexes

    with SQLiteStore(tmp_path / "a.sqlite") as store:
        store.conn.execute("INSERT INTO alias VALUES ('python', 'py')")
        assert defer_indexes(store.conn) == ()


def test_a_build_from_empty_equals_one_that_defers_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the same load time in both stores
    paths = bundled_corpus_paths()
    with SQLiteStore(tmp_path / "one.sqlite") as store:
        schema_before = _schema(tmp_path / "one.sqlite")
        seen = _statements(store)
        build(store, paths, workers=1)
    assert [s for s in seen if s.startswith("DROP INDEX")] == [f"DROP INDEX IF EXISTS {n}" for n in DEFERRED]
    assert [s for s in seen if s.startswith("CREATE INDEX")] == [index_sql(n) for n in DEFERRED]
    with SQLiteStore(tmp_path / "two.sqlite") as store:
        build(store, paths[:1], workers=1)
        seen = _statements(store)
        build(store, paths, workers=1)
    ddl = [s for s in seen if s.startswith(("DROP INDEX", "CREATE INDEX"))]
    assert not ddl, "a store holding rows keeps its indexes row by row"
    assert _schema(tmp_path / "one.sqlite") == schema_before == _schema(tmp_path / "two.sqlite")
    one, two = _rows(tmp_path / "one.sqlite"), _rows(tmp_path / "two.sqlite")
    assert one["evidence"] and one == two


class _Boom(Exception):
    pass


def test_a_failed_build_into_an_empty_store_leaves_it_empty_with_its_indexes(tmp_path: Path) -> None:
    path = tmp_path / "kg.sqlite"
    paths = bundled_corpus_paths()
    with SQLiteStore(path) as store:
        schema_before = _schema(path)

        def progress(_: int) -> None:
            raise _Boom("stop after the first document")

        with pytest.raises(_Boom):
            build(store, paths, workers=1, progress=progress)
    assert _schema(path) == schema_before
    assert not any(_rows(path).values())
    with SQLiteStore(path, create=False) as store:  # and the store works on
        assert build(store, paths, workers=1).count("added") == len(paths)
    assert _schema(path) == schema_before


def test_rows_imported_into_the_same_fresh_transaction_keep_their_edges(tmp_path: Path) -> None:
    paths = bundled_corpus_paths()[:1]
    with SQLiteStore(tmp_path / "alone.sqlite") as alone:
        build(alone, paths, workers=1)
        expected = list(alone.edges())
    imported = ("REQUIRES_SKILL", "imported-role", "imported-skill", 7.5, 1, 3)  # not what its evidence sums to
    evidence = ("doc-x", "REQUIRES_SKILL", "imported-role", "imported-skill", "q", 0, 1, 1, 0.5, "{}")
    with SQLiteStore(tmp_path / "both.sqlite") as store:
        with store.transaction():
            build(store, paths, workers=1)  # into the empty store: its edges are aggregated at commit
            store.load_rows([], [], [], [imported], [evidence])
        edges = list(store.edges())
    assert [e for e in edges if e.src != "imported-role"] == expected
    assert [tuple(e) for e in edges if e.src == "imported-role"] == [(*imported[:4], True, 3)]
