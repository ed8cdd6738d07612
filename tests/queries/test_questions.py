"""The one library of questions: one header grammar for .cypher and .rq files, one set of names."""

from __future__ import annotations

import importlib

import pytest

from kg.errors import QueryError, QueryParameterError, UnknownQueryError
from kg.queries.library.questions import bind, find_question, parse_header, questions
from tests.data import REPO


def test_every_file_belongs_to_a_question_whose_headers_agree() -> None:
    stems = {p.name.split(".")[0] for p in (REPO / "queries" / "cypher").glob("*.cypher")}
    stems |= {p.stem for p in (REPO / "queries" / "sparql").glob("*.rq")}
    assert stems == set(questions()) and len(stems) >= 10
    for q in questions().values():
        for text in q.texts.values():
            assert parse_header(text) == q  # the same header, whatever the engine


def test_every_question_names_its_reference_and_uses_its_parameters() -> None:
    for q in questions().values():
        module, _, function = q.python.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), q.name
        assert q.summary.endswith(("?", ".")) and q.returns, q.name
        for engine, text in q.texts.items():
            body = "\n".join(line for line in text.splitlines() if not line.startswith(("//", "#")))
            for p in q.params:
                sigil = "?" if engine == "sparql" else "$"
                assert f"{sigil}{p.name}" in body or (engine == "sparql" and p.name == "limit"), (q.name, engine)
            for column in q.returns if "ASK" not in body else ():  # an ASK answers with its one boolean
                assert column in body, (q.name, engine, column)


def test_one_set_of_names() -> None:
    assert find_question("gap").name == "skill-gap" and find_question("unlock").name == "skills-for-role"
    assert find_question("successors").name == "next-roles"
    for q in questions().values():
        for p in q.params:
            assert p.name not in ("source", "target", "node"), (q.name, p.name)  # old names are aliases only


def test_bind_renames_types_and_defaults() -> None:
    q = find_question("similar-roles")
    assert bind(q, {"role": "cto"}) == {"role": "cto", "limit": 10}
    assert bind(q, {"role": "cto", "limit": "3"}) == {"role": "cto", "limit": 3}
    assert bind(find_question("path-exists"), {"source": "a", "target": "b"}) == {"from": "a", "to": "b"}


@pytest.mark.parametrize("name, params, error, message", [
    ("skil-gap", {}, UnknownQueryError, "Did you mean: skill-gap"),  # misspelt question
    ("skill-gap", {"from": "a"}, QueryParameterError, "needs --param to=ml-architect"),  # missing parameter
    ("skill-gap", {"from": "a", "to": "b", "too": "c"}, QueryParameterError, "Did you mean to"),  # misspelt
    ("similar-roles", {"role": "a", "limit": "ten"}, QueryParameterError, "must be an integer"),  # wrong type
])
def test_bad_calls_say_what_to_do(name, params, error, message) -> None:
    with pytest.raises(error, match=message):
        bind(find_question(name), params)


@pytest.mark.parametrize("text, message", [
    ("// summary: x?\n// returns: a\n// python: m:f\nRETURN 1", "lacks question"),  # no name
    ("// question: q\n// summary: x?\n// param n: Person - who\n// returns: a\n// python: m:f", "unknown kind"),
    ("// question: q\n// summary: x?\n// param n Role\n// returns: a\n// python: m:f", "cannot read"),
])
def test_a_broken_header_is_named(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_header(text)
