"""The SPARQL texts of the question library (``queries/sparql/*.rq``) and the guard against remote datasets.

The questions, their header grammar and parameters live in :mod:`kg.queries.library.questions`;
:mod:`kg.queries.library.sparql_engine` runs them (on Oxigraph, or rdflib's memory store), binding
parameters as values, never splicing them into the query text.

>>> sorted(library())[:3]
['certifications-for-role', 'most-demanded-skills', 'next-roles']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kg.errors import SparqlError
from kg.queries.library.questions import Question, find_question, questions

__all__ = ["QueryDef", "SparqlResult", "library", "sparql_question", "refuse_remote"]


@dataclass(frozen=True)
class QueryDef:
    """A library query: its name, what it answers, its parameters (name -> (kind, description)) and text."""

    name: str
    summary: str
    params: dict[str, tuple[str, str]]
    text: str


@dataclass(frozen=True)
class SparqlResult:
    """Rows of a SELECT (``columns`` in order, values as Python values and IRIs as strings) or an ASK's ``boolean``."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    boolean: bool | None = None


def library() -> dict[str, QueryDef]:
    """Return the questions that have a SPARQL text, by name, with the parameters their headers declare."""
    return {name: QueryDef(name, q.summary, {p.name: (p.kind, p.description) for p in q.params}, text)
            for name, q in questions().items() if (text := q.text_for("sparql")) is not None}


def sparql_question(name: str) -> tuple[Question, str]:
    """Return the question ``name`` (or an older name of it) and its SPARQL text."""
    q = find_question(name)
    text = q.text_for("sparql")
    if text is None:
        raise SparqlError(f"{q.name} has no SPARQL text (SPARQL paths cannot list routes); ask it with "
                          f"`kg cypher {q.name}`")
    return q, text


#: what cannot hold a keyword: strings, IRIs and comments (blanked before looking for SERVICE or FROM)
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r"|<[^<>\s]*>|#[^\n]*")
_REMOTE = re.compile(r"(?<![\w?$:])(SERVICE|FROM)(?![\w:-])", re.IGNORECASE)


def refuse_remote(text: str) -> None:
    """Raise :class:`SparqlError` if a query names a remote or other dataset (``SERVICE``, ``FROM``).

    >>> refuse_remote('SELECT ?service WHERE { ?s <http://x/from> "SERVICE" }')
    >>> refuse_remote("SELECT * WHERE { SERVICE <http://127.0.0.1/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.errors.SparqlError: the query asks for a remote dataset (SERVICE); ...
    """
    found = _REMOTE.search(_OPAQUE.sub(" ", text))
    if found:
        raise SparqlError(f"the query asks for a remote dataset ({found[1].upper()}); kg answers only from its own "
                          "graph and never fetches SERVICE or FROM sources: remove that clause")
