"""The SPARQL side of the question library, asked through the engine `kg sparql` runs (answers are compared
with Python in tests/contract/)."""

from __future__ import annotations

import pytest

from kg.errors import QueryError, SparqlError
from kg.graph.examples import tiny_store
from kg.queries.library.sparql import library, refuse_remote
from kg.queries.library.sparql_engine import RdflibEngine, ask
from tests.data import REPO


def test_library_matches_the_folder() -> None:
    assert sorted(p.stem for p in (REPO / "queries" / "sparql").glob("*.rq")) == list(library())
    for q in library().values():
        assert q.text.startswith(f"# question: {q.name}\n# summary: "), f"{q.name}.rq needs a header comment"


def test_a_library_question_answers_with_names_resolved() -> None:
    store = tiny_store()
    found = ask(RdflibEngine(store), store, "skills-for-role", {"role": "CTO"})
    assert [row["id"]["value"] for row in found.rows] == ["budgeting", "hiring"]
    assert ask(RdflibEngine(store), store, "path-exists", {"from": "engineer", "to": "cto"}).boolean is True


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("nope", {}, "no library question 'nope'"),  # unknown query
        ("unlock", {}, "needs --param role"),  # parameter left out
        ("unlock", {"role": "cto", "x": "1"}, "takes no parameter 'x'"),  # parameter the query does not take
    ],
)
def test_bad_calls_say_what_to_do(name: str, params: dict[str, str], message: str) -> None:
    store = tiny_store()
    with pytest.raises(QueryError, match=message):
        ask(RdflibEngine(store), store, name, params)


def test_a_broken_query_text_raises_sparql_error() -> None:
    store = tiny_store()
    with pytest.raises(SparqlError, match="the query failed"):
        ask(RdflibEngine(store), store, "SELECT ?x WHERE { ?x", {})


def test_a_remote_dataset_is_refused_before_anything_runs() -> None:
    refuse_remote('SELECT ?service WHERE { ?s <http://x/from> "SERVICE" }')  # words in strings and IRIs are data
    with pytest.raises(SparqlError, match="remote dataset"):
        refuse_remote("SELECT * WHERE { SERVICE <http://127.0.0.1/sparql> { ?s ?p ?o } }")
