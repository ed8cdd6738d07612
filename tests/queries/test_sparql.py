"""The SPARQL side of the question library (answers are compared with Python in tests/contract/)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from kg.errors import QueryError, SparqlError
from kg.graph.examples import tiny_store
from kg.graph.store import SQLiteStore
from kg.queries.library.sparql import (
    library,
    oxigraph_available,
    run_named,
    run_query,
    sparql_graph,
    sparql_route,
)
from kg.queries.path import shortest_role_path
from tests.data import REPO

BACKENDS = ["memory", pytest.param("oxigraph", marks=pytest.mark.skipif(
    not oxigraph_available(), reason="oxrdflib is not installed (pip install oxrdflib)"))]


@pytest.fixture(params=["tiny", pytest.param("corpus", marks=pytest.mark.slow)])
def store(request: pytest.FixtureRequest, corpus_store_path: Path) -> Iterator[SQLiteStore]:
    if request.param == "tiny":
        yield tiny_store()
    else:
        with SQLiteStore(corpus_store_path, create=False) as s:
            yield s


@pytest.fixture(params=BACKENDS)
def graph_of(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _roles(store: SQLiteStore) -> list[str]:
    return [n.id for n in store.nodes("Role")]


def test_library_matches_the_folder() -> None:
    assert sorted(p.stem for p in (REPO / "queries" / "sparql").glob("*.rq")) == list(library())
    for q in library().values():
        assert q.text.startswith(f"# question: {q.name}\n# summary: "), f"{q.name}.rq needs a header comment"


def test_the_route_search_on_sparql_finds_the_python_route(store: SQLiteStore, graph_of: str) -> None:
    g = sparql_graph(store, backend=graph_of)
    roles = _roles(store)[:15]
    for a in roles:
        for b in roles:
            assert sparql_route(g, a, b) == shortest_role_path(store, a, b), (a, b)


def test_a_name_full_of_sparql_stays_a_value() -> None:
    g = sparql_graph(tiny_store(), backend="memory")
    evil = 'cto> } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    assert run_named(g, "skills-for-role", {"role": evil}).rows == ()
    rows = run_query(g, "SELECT ?s WHERE { ?s ?p ?name }", {"name": Literal(evil)}).rows
    assert rows == ()
    assert len(g) > 0


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("nope", {}, "no library question 'nope'"),  # unknown query
        ("unlock", {}, "needs --param role"),  # parameter left out
        ("unlock", {"role": "cto", "x": "1"}, "takes no parameter 'x'"),  # parameter the query does not take
    ],
)
def test_bad_calls_say_what_to_do(name: str, params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_named(Graph(), name, params)


def test_a_broken_query_text_raises_sparql_error() -> None:
    with pytest.raises(SparqlError, match="the query failed"):
        run_query(Graph(), "SELECT ?x WHERE { ?x")
