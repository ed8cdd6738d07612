"""The Cypher side of the question library (answers are compared with Python in tests/contract/)."""

from __future__ import annotations

import pytest

from kg.errors import CypherQueryError, QueryError
from kg.graph.cypher.ladybug import LadybugEngine
from kg.graph.examples import tiny_store
from kg.queries.library.cypher import get_query, run_library_query


@pytest.fixture(scope="module")
def tiny():
    store = tiny_store()
    return store, LadybugEngine(store)


def test_names_are_resolved_when_a_store_is_given(tiny) -> None:
    store, engine = tiny
    assert run_library_query(engine, "next-roles", {"role": "Engineer"}, store).records()[0]["id"] == "manager"
    assert run_library_query(engine, "next-roles", {"role": "Engineer"}).rows == ()  # without it: ids only


@pytest.mark.parametrize("name, params, message", [
    ("no-such-query", {}, "no library question"),  # unknown name lists the library
    ("next-roles", {}, "needs --param role"),  # missing parameter
    ("next-roles", {"role": "engineer", "rol": 1}, "takes no parameter 'rol'. Did you mean role"),  # misspelt
    ("similar-roles", {"role": "engineer", "limit": "many"}, "must be an integer"),  # wrong type
])
def test_bad_calls_say_what_to_do(tiny, name, params, message) -> None:
    with pytest.raises(QueryError, match=message):
        run_library_query(tiny[1], name, params)


def test_dialect_variants_exist_only_where_needed() -> None:
    assert "ladybug" in get_query("shortest-career-path").texts
    assert "ladybug" not in get_query("skills-for-role").texts


def test_a_question_without_cypher_says_where_to_ask_it(monkeypatch) -> None:
    from kg.queries.library import questions as module

    q = module.find_question("path-exists")
    monkeypatch.setitem(module.questions(), "path-exists", type(q)(**{**vars(q), "texts": {"sparql": "ASK {}"}}))
    with pytest.raises(CypherQueryError, match="kg sparql path-exists"):
        get_query("path-exists")
