"""The Cypher side of the question library: run a question, or ad-hoc Cypher, on a Cypher engine.

The questions, their header grammar and their parameters live in
:mod:`kg.queries.library.questions`; ``queries/cypher/NAME.cypher`` holds each question in
Neo4j's dialect and ``NAME.ladybug.cypher`` the embedded engine's variant where its dialect
forces one (:mod:`kg.graph.cypher.dialect` lists the differences).

>>> sorted(library())[:3]
['certifications-for-role', 'most-demanded-skills', 'next-roles']
>>> from kg.graph.examples import tiny_store
>>> from kg.graph.cypher.ladybug import LadybugEngine
>>> store = tiny_store()
>>> run_library_query(LadybugEngine(store), "next-roles", {"role": "Engineer"}, store).rows[0][:2]
('manager', 'Manager')
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kg.errors import CypherQueryError
from kg.graph.cypher.engine import CypherResult
from kg.queries.library.questions import Question, bind, find_question, questions

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader, QueryEngine

__all__ = ["library", "get_query", "run_library_query", "run_cypher", "parse_value"]


def library() -> dict[str, Question]:
    """Return the questions that have a Cypher text, by name."""
    return {name: q for name, q in questions().items() if q.text_for("neo4j") is not None}


def get_query(name: str) -> Question:
    """Return the question ``name`` (or an older alias); one without a Cypher text is an error."""
    q = find_question(name)
    if q.text_for("neo4j") is None:
        raise CypherQueryError(f"{q.name} has no Cypher text yet; ask it with `kg sparql {q.name}`")
    return q


def run_library_query(engine: QueryEngine, name: str, params: dict[str, Any] | None = None,
                      store: GraphReader | None = None) -> CypherResult:
    """Run question ``name`` on ``engine``: parameters bound by :func:`~kg.queries.library.questions.bind`.

    With ``store``, role and skill parameters may be names or aliases (resolved to ids, "did you
    mean" when unknown); without it they must be ids.
    """
    q = get_query(name)
    values = bind(q, params or {}, store)
    text = q.text_for(engine.dialect)
    assert text is not None  # get_query checked
    return engine.query(text, values)


def run_cypher(engine: QueryEngine, text: str, params: dict[str, Any] | None = None) -> CypherResult:
    """Run ad-hoc Cypher on ``engine`` (read-only on the embedded engine)."""
    if not text.strip():
        raise CypherQueryError("empty Cypher query; give a MATCH … RETURN … or a library name (`kg cypher --list`)")
    return engine.query(text, params or {})


def parse_value(text: str) -> Any:
    """Read a ``--param`` value: JSON when it parses (numbers, true, lists), else the text itself.

    >>> parse_value("10"), parse_value("ml-engineer"), parse_value('["a"]')
    (10, 'ml-engineer', ['a'])
    """
    try:
        return json.loads(text)
    except ValueError:
        return text
