"""Contract tests over every graph backend: what GraphReader, GraphWriter and QueryEngine promise."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kg.graph.examples import tiny_store
from kg.graph.protocols import GraphReader, GraphStore, GraphWriter, QueryEngine
from kg.graph.store import SQLiteStore
from kg.graph.types import PROGRESSES_TO, REQUIRES_SKILL, ROLE


def _file_store(tmp_path: Path) -> SQLiteStore:
    from kg.graph.rdf.project import store_graph
    from kg.graph.rdf.read import import_graph

    store = SQLiteStore(tmp_path / "kg.sqlite")
    import_graph(store, store_graph(tiny_store()))  # the same tiny graph, through the RDF round trip
    return store


#: every registered backend, built holding the tiny example graph
BACKENDS: dict[str, Callable[[Path], GraphStore]] = {
    "sqlite-memory": lambda _: tiny_store(),
    "sqlite-file": _file_store,
}


@pytest.fixture(params=sorted(BACKENDS))
def graph(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    store = BACKENDS[request.param](tmp_path)
    yield store
    if isinstance(store, SQLiteStore):
        store.close()


def test_backend_implements_the_protocols(graph: GraphStore) -> None:
    assert isinstance(graph, GraphReader) and isinstance(graph, GraphWriter)
    assert isinstance(graph.ordered_streams, bool) and isinstance(graph.transactional, bool)


def test_streams_come_in_type_and_key_order(graph: GraphStore) -> None:
    if not graph.ordered_streams:
        pytest.skip("backend does not promise ordered streams")
    nodes = [(n.type, n.id) for n in graph.nodes()]
    edges = [(e.type, e.src, e.dst) for e in graph.edges()]
    evidence = [(e.type, e.src, e.dst) for e in graph.all_evidence()]
    assert nodes == sorted(nodes) and edges == sorted(edges) and evidence == sorted(evidence)


def test_lookups_agree_with_the_streams(graph: GraphStore) -> None:
    moves = {(e.src, e.dst) for e in graph.edges(PROGRESSES_TO)}
    assert moves == {("engineer", "manager"), ("manager", "cto")}
    assert graph.successors(PROGRESSES_TO, "engineer") == ["manager"]
    assert graph.predecessors(PROGRESSES_TO, "cto") == ["manager"]
    assert [e.dst for e in graph.out_edges(PROGRESSES_TO, "manager")] == ["cto"]
    assert [e.src for e in graph.in_edges(PROGRESSES_TO, "manager")] == ["engineer"]
    assert [n.id for n in graph.targets_lacking(REQUIRES_SKILL, "manager", "engineer")] == ["hiring"]
    degrees = graph.degrees(ROLE)
    assert degrees["manager"] == sum(1 for e in graph.edges() if "manager" in (e.src, e.dst))
    assert list(graph.dangling_ends()) == []
    assert graph.has_documents() and not graph.is_empty()
    assert graph.counts()["totals"]["documents"] == len(graph.documents())


def test_failed_transaction_leaves_the_graph_as_it_was(graph: GraphStore) -> None:
    if not graph.transactional:
        pytest.skip("backend is not transactional")
    before = graph.counts()
    doc = graph.documents()[0]
    with pytest.raises(RuntimeError), graph.transaction():
        graph.remove_document(doc.id)
        raise RuntimeError("killed mid-write")
    assert graph.counts() == before


def test_embedded_cypher_engine_is_a_query_engine() -> None:
    from kg.graph.cypher.engine import open_engine

    engine = open_engine("embedded", tiny_store())
    try:
        assert isinstance(engine, QueryEngine) and engine.read_only and engine.dialect == "ladybug"
        assert engine.query("MATCH (r:Role {id: $id}) RETURN r.name", {"id": "cto"}).rows == (("CTO",),)
    finally:
        engine.close()


def test_unknown_engine_lists_the_registered_ones() -> None:
    from kg.errors import CypherQueryError
    from kg.graph.cypher.engine import open_engine

    with pytest.raises(CypherQueryError, match="unknown Cypher engine 'spark'; choose one of: embedded, neo4j"):
        open_engine("spark", None)
