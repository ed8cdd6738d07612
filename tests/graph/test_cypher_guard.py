"""What the embedded engine checks and rewrites before a query runs (strings and comments left alone)."""

from __future__ import annotations

import pytest

from kg.errors import CypherQueryError, QueryParameterError
from kg.graph.cypher.guard import guard, parameters, statements


@pytest.mark.parametrize("text, expected", [
    ("MATCH (a)-[:T*]->(b) RETURN b", "MATCH (a)-[:T* TRAIL 1..20]->(b) RETURN b"),  # unbounded
    ("MATCH (a)-[r:T*2..]->(b) RETURN b", "MATCH (a)-[r:T* TRAIL 2..20]->(b) RETURN b"),  # no upper bound
    ("MATCH (a)-[:T*..5 {w: 1}]->(b) RETURN b", "MATCH (a)-[:T* TRAIL 1..5 {w: 1}]->(b) RETURN b"),  # with props
    ("MATCH (a)-[:T*3]->(b) RETURN b", "MATCH (a)-[:T* TRAIL 3..3]->(b) RETURN b"),  # exactly three
    ("MATCH (a)<-[*]-(b) RETURN b", "MATCH (a)<-[* TRAIL 1..20]-(b) RETURN b"),  # untyped, reversed
    ("MATCH p = (a)-[:T* ALL SHORTEST 1..20]->(b) RETURN p",
     "MATCH p = (a)-[:T* ALL SHORTEST 1..20]->(b) RETURN p"),  # shortest paths are trails already
    ("MATCH (a)-[:T* acyclic]->(b) RETURN b", "MATCH (a)-[:T* ACYCLIC 1..20]->(b) RETURN b"),  # kept, bounded
    ("MATCH (a {n: '-[*]-'})-->(b) RETURN [x IN [1] | x * 2]",
     "MATCH (a {n: '-[*]-'})-->(b) RETURN [x IN [1] | x * 2]"),  # a string and a product are not patterns
    ("MATCH (a)-[:T*]->(b) RETURN b;", "MATCH (a)-[:T* TRAIL 1..20]->(b) RETURN b"),  # a final ; is fine
])
def test_variable_length_patterns_get_a_bound_and_trail_semantics(text: str, expected: str) -> None:
    assert guard(text, {}).text == expected


def test_walk_keeps_ladybugs_semantics_and_says_nothing_about_trails() -> None:
    guarded = guard("MATCH (a)-[:T*1..3]->(b) RETURN b", {}, paths="walk")
    assert guarded.text == "MATCH (a)-[:T* 1..3]->(b) RETURN b" and guarded.notes == ()


@pytest.mark.parametrize("text, params, error, message", [
    ("MATCH (a)-[:T*1..25]->(b) RETURN b", {}, CypherQueryError, "allows up to 25 hops"),  # over --max-hops
    ("RETURN 1; RETURN 2", {}, CypherQueryError, "2 statements; nothing was run"),  # two statements
    ("MATCH (r {id: $role}) RETURN r", {"rol": "x"}, QueryParameterError, r"\$role but no value"),  # missing
    ("MATCH (r) RETURN r", {}, CypherQueryError, "unknown path semantics"),  # bad --paths (below)
])
def test_refused_before_anything_runs(text: str, params: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        guard(text, params, paths="zigzag" if "semantics" in message else "trail")


def test_strings_and_comments_hide_semicolons_and_parameters() -> None:
    text = "MATCH (r) WHERE r.name = 'a; $b' // c; $d\nRETURN r.id, $e /* ; */"
    assert statements(text) == [text] and parameters(text) == ["e"]
