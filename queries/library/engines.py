"""Ask library questions on any engine the same way: Python reference, embedded Cypher, Neo4j, SPARQL.

Every engine binds parameters with :func:`kg.queries.library.questions.bind` (names and aliases
resolved against the store) and answers with the question's ``returns`` columns, so answers
compare directly. Engines are registered by name; :func:`engine_unavailable` says why one
cannot run here (the contract suite skips it with that reason).

>>> from kg.graph.examples import tiny_store
>>> with open_questions("python", tiny_store()) as engine:
...     engine.ask("skill-gap", {"from": "Engineer", "to": "manager"})
[{'id': 'hiring', 'name': 'Hiring', 'required': True, 'weight': 1.0}]
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from types import TracebackType
from typing import TYPE_CHECKING, Any

from kg.errors import BackendUnavailableError
from kg.queries.library.questions import Question, bind, find_question

if TYPE_CHECKING:
    from collections.abc import Mapping

    from kg.graph.protocols import GraphReader

__all__ = ["ENGINE_NAMES", "QuestionEngine", "PythonQuestions", "CypherQuestions", "SparqlQuestions",
           "engine_unavailable", "open_questions"]

Rows = list[dict[str, Any]]

#: every engine a question can be asked on, reference first
ENGINE_NAMES = ("python", "ladybug", "sparql-memory", "sparql-oxigraph", "neo4j")


class QuestionEngine:
    """Asks library questions of one store on one engine; subclasses implement :meth:`run`."""

    name = "engine"
    #: the text key of :attr:`Question.texts` this engine needs, or None (the Python reference)
    needs: str | None = None

    def __init__(self, store: GraphReader) -> None:
        self.store = store

    def has(self, question: Question) -> bool:
        """Return True if this engine can answer ``question`` (it has a text for it)."""
        return self.needs is None or question.text_for(self.needs) is not None

    def bind(self, question: Question, params: Mapping[str, Any]) -> dict[str, Any]:
        """Return the bound parameters (names and aliases resolved against the store)."""
        return bind(question, params, self.store)

    def ask(self, name: str, params: Mapping[str, Any] | None = None) -> Rows:
        """Return the answer to question ``name`` as rows holding its ``returns`` columns."""
        question = find_question(name)
        rows = self.run(question, self.bind(question, params or {}))
        return [{c: row.get(c) for c in question.returns} for row in rows]

    def run(self, question: Question, values: dict[str, Any]) -> Rows:
        """Answer ``question`` with bound ``values``."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what the engine holds."""

    def __enter__(self) -> QuestionEngine:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class PythonQuestions(QuestionEngine):
    """The reference: the :mod:`kg.queries.library.reference` function the question's header names."""

    name = "python"

    def run(self, question: Question, values: dict[str, Any]) -> Rows:
        module, _, function = question.python.partition(":")
        rows: Rows = getattr(importlib.import_module(module), function)(self.store, **values)
        return rows


class CypherQuestions(QuestionEngine):
    """The question's Cypher text on a Cypher engine (the embedded ladybug database or Neo4j)."""

    needs = "neo4j"

    def __init__(self, store: GraphReader, engine_name: str) -> None:
        from kg.graph.cypher.engine import open_engine

        super().__init__(store)
        self.engine = open_engine(engine_name, store)
        self.name = "ladybug" if engine_name == "embedded" else engine_name

    def run(self, question: Question, values: dict[str, Any]) -> Rows:
        text = question.text_for(self.engine.dialect)
        assert text is not None
        return self.engine.query(text, values).records()

    def close(self) -> None:
        self.engine.close()


class SparqlQuestions(QuestionEngine):
    """The question's SPARQL text as ``kg sparql`` runs it: the persistent Oxigraph store of the
    whole graph (``sparql-oxigraph``) or the graph in rdflib's memory store (``sparql-memory``)."""

    needs = "sparql"

    def __init__(self, store: GraphReader, backend: str) -> None:
        from kg.queries.library.sparql_engine import OxigraphEngine, RdflibEngine

        super().__init__(store)
        self.engine = OxigraphEngine(store) if backend == "oxigraph" else RdflibEngine(store)
        self.name = f"sparql-{backend}"

    def run(self, question: Question, values: dict[str, Any]) -> Rows:
        from kg.queries.library.sparql_engine import ask

        result = ask(self.engine, self.store, question.name, values).result()
        if result.boolean is not None:
            return [{question.returns[0]: result.boolean}]
        return list(result.rows)


def engine_unavailable(name: str) -> str | None:
    """Return why engine ``name`` cannot run here (a module or a server missing), or None when it can."""
    needs = {"ladybug": "ladybug", "sparql-memory": "rdflib", "sparql-oxigraph": "pyoxigraph", "neo4j": "neo4j"}
    if name not in ENGINE_NAMES:
        return f"unknown engine {name!r}; choose one of {', '.join(ENGINE_NAMES)}"
    module = needs.get(name)
    if module is not None and importlib.util.find_spec(module) is None:
        return f"{module} is not installed (pip install {module})"
    if name == "neo4j" and not os.environ.get("NEO4J_URI"):
        return "set NEO4J_URI to run against a live Neo4j"
    return None


def open_questions(name: str, store: GraphReader) -> QuestionEngine:
    """Return engine ``name`` (one of :data:`ENGINE_NAMES`) over ``store``.

    Raises:
        BackendUnavailableError: the engine cannot run here; the message says why.
    """
    reason = engine_unavailable(name)
    if reason is not None:
        raise BackendUnavailableError(f"engine {name} cannot run: {reason}")
    if name == "python":
        return PythonQuestions(store)
    if name in ("ladybug", "neo4j"):
        return CypherQuestions(store, "embedded" if name == "ladybug" else "neo4j")
    return SparqlQuestions(store, name.removeprefix("sparql-"))
