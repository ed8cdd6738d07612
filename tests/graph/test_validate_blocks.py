"""`kg validate` on a store checks it a few blocks at a time and reports exactly what whole-graph SHACL reports."""

from __future__ import annotations

import pytest

from kg.graph.examples import tiny_store
from kg.graph.rdf.project import store_graph
from kg.graph.rdf.shacl import validate_graph, validate_store
from kg.graph.store import SQLiteStore


def _broken_store() -> SQLiteStore:
    """The tiny store with faults of every reach: node-local, a missing end, an untyped link target."""
    store = tiny_store()
    store.conn.execute("UPDATE node SET props=json_set(props, '$.seniority', 9) WHERE id='cto'")  # 0..6
    store.conn.execute("UPDATE node SET name='' WHERE id='python'")  # an empty label
    store.conn.execute("INSERT INTO edge(type, src, dst, weight, required, doc_count) "
                       "VALUES ('REQUIRES_SKILL', 'cto', 'ghost', 1.0, 1, 1)")  # no such skill, no evidence
    store.conn.execute("INSERT INTO edge(type, src, dst, weight, required, doc_count) "
                       "VALUES ('PROGRESSES_TO', 'manager', 'budgeting', 0.0, 1, 1)")  # to a skill, weight 0
    return store


@pytest.mark.parametrize("chunk", [1, 7, 60, 10**6])
def test_block_validation_equals_whole_graph_validation(chunk: int) -> None:
    store = _broken_store()
    whole = validate_graph(store_graph(store))
    blocks = validate_store(store, chunk_triples=chunk)
    assert not whole.conforms and len(whole.violations) >= 5
    assert blocks == whole


def test_a_conforming_store_conforms_in_blocks() -> None:
    store = tiny_store()
    report = validate_store(store, chunk_triples=5)
    assert report.conforms and report.violations == ()
    assert report.triples == len(store_graph(store))


@pytest.mark.slow
def test_corpus_blocks_equal_the_whole_graph(corpus_store: SQLiteStore) -> None:
    whole = validate_graph(store_graph(corpus_store))
    assert validate_store(corpus_store, chunk_triples=2_000) == whole
    assert whole.conforms, [str(v) for v in whole.violations[:10]]
