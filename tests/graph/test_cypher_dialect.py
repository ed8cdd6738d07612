"""The dialect table is true: each row's probe, run on the real embedded engine, does what the row says."""

from __future__ import annotations

import ast
from collections import Counter

import pytest
from click.testing import CliRunner

from kg.cli.main import cli
from kg.errors import CypherQueryError, QueryParameterError
from kg.graph.cypher.dialect import DIFFERENCES, Difference, markdown_table
from kg.graph.cypher.ladybug import LadybugEngine
from kg.graph.examples import tiny_store
from tests.data import REPO


@pytest.fixture(scope="module")
def tiny() -> LadybugEngine:
    return LadybugEngine(tiny_store())


@pytest.mark.parametrize("row", DIFFERENCES, ids=[d.topic for d in DIFFERENCES])
def test_each_row_shows_what_happens(tiny: LadybugEngine, row: Difference) -> None:
    if row.outcome.startswith("error: "):
        with pytest.raises((CypherQueryError, QueryParameterError)) as caught:
            tiny.query(row.probe)
        assert row.outcome.removeprefix("error: ") in str(caught.value)
        if row.error:  # the message carries the row's advice
            assert row.embedded in str(caught.value)
    else:
        assert tiny.query(row.probe).rows == tuple(ast.literal_eval(row.outcome))


def test_the_table_is_in_the_help_and_the_readme() -> None:
    help_text = " ".join(CliRunner().invoke(cli, ["cypher", "--help"], terminal_width=400).stdout.split())
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for row in DIFFERENCES:
        assert f"{row.topic}: Neo4j {row.neo4j}; here {row.embedded}" in help_text, row.topic
    assert markdown_table() in readme, "README's dialect table is stale: paste kg.graph.cypher.dialect.markdown_table()"


def _paths(store, start: str, hops: int, *, trail: bool) -> int:
    """Count the paths of 1..hops PROGRESSES_TO moves from ``start``: walks, or trails (no edge twice)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for e in store.edges("PROGRESSES_TO"):
        out.setdefault(e.src, []).append((e.src, e.dst))

    def count(node: str, used: frozenset, left: int) -> int:
        if left == 0:
            return 0
        return sum(1 + count(edge[1], used | {edge}, left - 1) for edge in out.get(node, ())
                   if not (trail and edge in used))

    return count(start, frozenset(), hops)


@pytest.mark.slow
def test_trail_is_the_default_and_walk_is_ladybugs_own(corpus_store, tmp_path) -> None:
    query = "MATCH p = (a:Role {id: 'ml-engineer'})-[:PROGRESSES_TO*1..6]->(b:Role) RETURN count(p) AS n"
    trail = LadybugEngine(corpus_store, cache_dir=tmp_path)
    walk = LadybugEngine(corpus_store, cache_dir=tmp_path, paths="walk")
    want_trail, want_walk = (_paths(corpus_store, "ml-engineer", 6, trail=t) for t in (True, False))
    assert want_walk > want_trail  # the corpus has cycles: the two semantics differ
    assert trail.query(query).rows == ((want_trail,),) and walk.query(query).rows == ((want_walk,),)
    assert any("trail semantics" in n for n in trail.query(query).notes)


@pytest.mark.slow
def test_the_unbounded_progression_query_returns_on_the_corpus(corpus_store, tmp_path) -> None:
    engine = LadybugEngine(corpus_store, cache_dir=tmp_path)
    result = engine.query("MATCH p = (a:Role)-[:PROGRESSES_TO*]->(b:Role) RETURN count(p) AS n")
    roles = [n.id for n in corpus_store.nodes("Role")]
    assert result.rows == ((sum(_paths(corpus_store, r, 20, trail=True) for r in roles),),)
    assert any("bounded to 1..20" in n for n in result.notes)


@pytest.mark.slow
def test_a_long_query_stops_at_the_timeout_with_a_message(corpus_store, tmp_path) -> None:
    engine = LadybugEngine(corpus_store, cache_dir=tmp_path, timeout=0.5)
    with pytest.raises(CypherQueryError, match="ran past the 0.5 s timeout"):
        engine.query("MATCH (a:Skill), (b:Skill), (c:Skill), (d:Skill) WHERE a.name + b.name + c.name < d.name "
                     "RETURN count(*)")
    assert engine.query("MATCH (r:Role) RETURN count(r)").rows[0][0] > 0  # the connection still works


def test_the_build_says_so_once(tmp_path) -> None:
    notes: list[str] = []
    store = tiny_store()
    LadybugEngine(store, cache_dir=tmp_path, progress=notes.append).close()
    assert len(notes) == 2 and notes[0].startswith("building the embedded Cypher database for this store (")
    assert notes[1].startswith("built in ")
    again: list[str] = []
    LadybugEngine(store, cache_dir=tmp_path, progress=again.append).close()
    assert again == []  # the cache is reused: nothing to say


def test_notes_repeat_once_per_kind(tiny: LadybugEngine) -> None:
    notes = tiny.query("MATCH (a)-[:PROGRESSES_TO*]->(b)-[:PROGRESSES_TO*]->(c) RETURN count(*)").notes
    assert sorted(Counter(n.split(" ")[1] for n in notes).values()) == [1, 1]


@pytest.mark.slow
def test_a_query_filling_the_memory_limit_stops_with_a_message(corpus_store, tmp_path) -> None:
    engine = LadybugEngine(corpus_store, cache_dir=tmp_path, memory_mb=16, paths="walk", max_hops=30)
    with pytest.raises(CypherQueryError, match="more than the 16 MB memory limit"):
        engine.query("MATCH p = (a:Role)-[:PROGRESSES_TO*]->(b:Role) RETURN p")
    assert engine.query("MATCH (r:Role) RETURN count(r)").rows[0][0] > 0  # small queries still run
