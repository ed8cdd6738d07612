"""Against a live Neo4j: push idempotency (library answers are compared in tests/contract/)."""

from __future__ import annotations

import os

import pytest

from kg.graph.cypher.engine import open_engine
from kg.graph.cypher.neo4j import Neo4jSettings, Neo4jWriter

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="set NEO4J_URI to run against a live Neo4j")]


@pytest.fixture(scope="module")
def pushed(corpus_store_path):
    from kg.graph.store import SQLiteStore

    store = SQLiteStore(corpus_store_path, create=False)
    writer = Neo4jWriter(Neo4jSettings.from_env())
    first = writer.push(store)
    yield store, writer, first
    store.close()


def _snapshot() -> list[tuple]:
    engine = open_engine("neo4j", None)
    nodes = engine.query("MATCH (n) WHERE n.kg_version IS NOT NULL RETURN labels(n)[0] AS l, n.id AS id, "
                         "properties(n) AS p ORDER BY l, id").rows
    rels = engine.query("MATCH (a)-[r]->(b) WHERE r.kg_version IS NOT NULL RETURN type(r), a.id, b.id, "
                        "properties(r) ORDER BY type(r), a.id, b.id").rows
    return [*nodes, *rels]


def test_push_twice_changes_nothing(pushed) -> None:
    store, writer, first = pushed
    before = _snapshot()
    second = writer.push(store)
    assert second.merged == first.merged and second.pruned == 0
    assert _snapshot() == before
    counts = store.counts()
    assert sum(1 for row in before if row[0] == "Role") == counts["nodes"]["Role"]
