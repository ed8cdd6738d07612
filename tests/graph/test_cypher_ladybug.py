"""The embedded Cypher engine: built from the store, cached by fingerprint, rebuilt when the store changes."""

from __future__ import annotations

import pytest

from kg.graph.cypher_engine import CypherQueryError
from kg.graph.ladybug_store import LadybugStore
from kg.graph.store import SQLiteStore
from kg.queries.testing import tiny_store


def test_built_once_then_reused_and_rebuilt_after_a_change(tmp_path, corpus_store_path) -> None:
    import shutil

    path = tmp_path / "kg.sqlite"
    shutil.copy(corpus_store_path, path)
    with SQLiteStore(path, create=False) as store:
        first = LadybugStore(store)
        assert first.build_seconds is not None and first.path.parent == tmp_path / "kg.sqlite.ladybug"
        count = first.query("MATCH (d:Document) RETURN count(d) AS n").rows[0][0]
        first.close()
        again = LadybugStore(store)
        assert again.build_seconds is None and again.path == first.path
        again.close()
        store.remove_document(store.documents()[0].id)
        rebuilt = LadybugStore(store)
        assert rebuilt.build_seconds is not None and rebuilt.path != first.path
        assert rebuilt.query("MATCH (d:Document) RETURN count(d) AS n").rows[0][0] == count - 1
        assert [p.name for p in rebuilt.path.parent.iterdir()] == [rebuilt.path.name]  # old build dropped
        rebuilt.close()


def test_counts_match_the_store(corpus_store, tmp_path) -> None:
    engine = LadybugStore(corpus_store, cache_dir=tmp_path)
    counts = corpus_store.counts()
    for label, n in counts["nodes"].items():
        assert engine.query(f"MATCH (x:{label}) RETURN count(x)").rows[0][0] == n
    for rel, n in counts["edges"].items():
        assert engine.query(f"MATCH ()-[r:{rel}]->() RETURN count(r)").rows[0][0] == n


@pytest.mark.parametrize("text, message", [
    ("MATCH p = shortestPath((a)-->(b)) RETURN p", "ladybug"),  # Neo4j-only syntax names the dialect
    ("MATCH (n:Person) RETURN n", "ladybug"),  # label outside the schema
    ("CREATE (:Role {id: 'x'})", "read"),  # the embedded database is read-only
])
def test_errors_name_the_dialect(text, message) -> None:
    with pytest.raises(CypherQueryError, match=message):
        LadybugStore(tiny_store()).query(text)


def test_values_are_plain(tmp_path) -> None:
    engine = LadybugStore(tiny_store())
    row = engine.query("MATCH (r:Role {id: 'cto'}) RETURN r, r.aliases").records()[0]
    assert row["r"]["id"] == "cto" and "_ID" not in row["r"] and row["r.aliases"] == []
