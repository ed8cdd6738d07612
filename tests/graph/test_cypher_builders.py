"""Cypher text and parameters checked without a server: vocabulary, escaping, statement shapes."""

from __future__ import annotations

import re

import pytest

from kg.errors import CypherBuildError
from kg.graph.cypher import builders as build
from kg.graph.cypher.neo4j import push_plan
from kg.graph.cypher.rows import node_rows, rel_rows, row_counts, store_fingerprint
from kg.graph.examples import tiny_store
from kg.graph.types import NODE_TYPES, REL_ENDPOINTS

TRICKY = [
    "it's",  # single quote closes the literal
    "back\\slash \\' x",  # a backslash before a quote must not escape it
    "tick ` `` `x`",  # backticks are plain characters inside string literals
    "new\nline\r\ttab",  # control characters become escapes
    "ctl \x01 \x1f é 😀",  # other control characters and non-ASCII
    '"double" quotes',
    "*/ // comment-like /*",  # comment markers inside strings
]


def test_labels_and_types_come_from_the_model() -> None:
    assert tuple(build.NODE_PROPERTIES) == NODE_TYPES
    assert set(build.lint_schema()["relationshipTypes"]) == set(REL_ENDPOINTS)


@pytest.mark.parametrize("name", ["Person", "Role`) DETACH DELETE n //", "requires_skill"])
def test_names_outside_the_vocabulary_are_refused(name: str) -> None:
    with pytest.raises(CypherBuildError, match="not a label"):
        build.quote_name(name)


@pytest.mark.parametrize("text", TRICKY)
def test_string_literals_round_trip_through_a_cypher_parser(text: str) -> None:
    import ladybug

    conn = ladybug.Connection(ladybug.Database())
    assert conn.execute("RETURN " + build.cypher_literal(text)).get_all()[0][0] == text


def test_literals_of_maps_lists_and_scalars() -> None:
    assert build.cypher_literal({"id": "a", "odd key": [1, 2.5, None, True]}) == \
        "{id: 'a', `odd key`: [1, 2.5, null, true]}"
    assert build.cypher_literal(float("nan")) == "null"
    with pytest.raises(CypherBuildError, match="cannot write"):
        build.cypher_literal(object())


def test_statements_carry_no_values_only_parameters() -> None:
    statements = [*build.constraints()]
    statements += [build.merge_nodes(label) for label in NODE_TYPES]
    statements += [build.merge_relationships(t) for t in REL_ENDPOINTS]
    for statement in statements[len(NODE_TYPES):]:
        assert statement.startswith("UNWIND $rows AS row\n")
        assert "'" not in statement and '"' not in statement
        assert "$version" in statement


def test_constraints_come_first_one_per_label() -> None:
    constraints = build.constraints()
    assert len(constraints) == len(NODE_TYPES)
    assert all(re.match(r"CREATE CONSTRAINT kg_\w+_id IF NOT EXISTS FOR \(n:`\w+`\) REQUIRE n.`id` IS UNIQUE", c)
               for c in constraints)


def test_merge_sets_every_property_of_the_label() -> None:
    statement = build.merge_nodes("SalaryRange")
    for key, _ in build.NODE_PROPERTIES["SalaryRange"][1:]:
        assert f"n.`{key}` = row.`{key}`" in statement
    assert "MERGE (n:`SalaryRange` {`id`: row.`id`})" in statement


def test_push_plan_batches_rows_with_the_declared_keys() -> None:
    store = tiny_store()
    plan = list(push_plan(store, batch=2))
    assert all(len(rows) <= 2 for _, _, rows in plan)
    written = {}
    for name, _statement, rows in plan:
        written[name] = written.get(name, 0) + len(rows)
        keys = {k for k, _ in build.NODE_PROPERTIES[name]} if name in NODE_TYPES else \
            {"src", "dst", *(k for k, _ in build.REL_PROPERTIES)}
        assert all(set(row) == keys for row in rows)
    counts = row_counts(store)
    assert written == {k: v for k, v in counts.items() if v}
    labels = [name for name, _, _ in plan]
    assert labels.index("Role") < labels.index("REQUIRES_SKILL")  # nodes before relationships


def test_relationship_rows_carry_documents_and_quotes() -> None:
    rows = {(r["src"], r["dst"]): r for r in rel_rows(tiny_store(), "PROGRESSES_TO")}
    move = rows[("engineer", "manager")]
    assert move["doc_count"] == 3 and len(move["documents"]) == 3
    assert move["evidence"] == ["Engineer -> Manager"]


def test_role_rows_aggregate_years() -> None:
    assert {r["id"]: r["min_years"] for r in node_rows(tiny_store(), "Role")} == \
        {"cto": 3.0, "engineer": 3.0, "manager": 3.0}


def test_fingerprint_changes_with_the_store(corpus_store) -> None:
    first = store_fingerprint(corpus_store)
    assert first == store_fingerprint(corpus_store)
    assert first != store_fingerprint(tiny_store())
