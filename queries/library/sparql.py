"""The SPARQL side of the question library (``queries/sparql/*.rq``): run a question with parameters, find routes.

The questions, their header grammar and parameters live in :mod:`kg.queries.library.questions`.
Parameters are always bound with ``initBindings``, never spliced into the query text, so a name
read from a document cannot change a query. Node parameters (``Role``, ``Skill``) take node ids and
become IRIs. A ``limit`` parameter keeps the first rows (SPARQL's LIMIT cannot take a variable).
When ``oxrdflib`` is installed the graph lives in Oxigraph behind the rdflib API.

>>> from kg.graph.examples import tiny_store
>>> g = sparql_graph(tiny_store(), backend="memory")
>>> [row["id"] for row in run_named(g, "skills-for-role", {"role": "cto"}).rows]
['budgeting', 'hiring']
>>> run_named(g, "path-exists", {"from": "engineer", "to": "cto"}).boolean
True
>>> sparql_route(g, "engineer", "cto")
['engineer', 'manager', 'cto']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kg.errors import SparqlError
from kg.plugins import require
from kg.queries.library.questions import NODE_KINDS, Question, bind, find_question, questions

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Identifier

    from kg.graph.protocols import GraphReader

__all__ = ["NODE_KINDS", "QueryDef", "SparqlResult", "library", "sparql_question", "sparql_graph",
           "run_named", "run_query", "refuse_remote", "sparql_route", "oxigraph_available", "answer"]

#: a query argument that is a question name rather than a query text
_NAME = re.compile(r"^[A-Za-z][\w-]*$")


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


def oxigraph_available() -> bool:
    """Return True when ``oxrdflib`` (Oxigraph behind the rdflib API) is installed."""
    import importlib.util

    return importlib.util.find_spec("oxrdflib") is not None


def sparql_graph(store: GraphReader, *, backend: str = "auto") -> Graph:
    """Project the store (without evidence) onto a graph for queries: ``oxigraph``, ``memory`` or ``auto``."""
    require("rdf", "rdflib", "SPARQL")
    from rdflib import Graph

    from kg.graph.rdf.project import store_graph

    if backend not in ("auto", "oxigraph", "memory"):
        raise SparqlError(f"unknown SPARQL backend {backend!r}; choose auto, oxigraph or memory")
    use_ox = backend == "oxigraph" or (backend == "auto" and oxigraph_available())
    if use_ox and not oxigraph_available():
        raise SparqlError("the oxigraph backend needs oxrdflib: pip install oxrdflib")
    return store_graph(store, evidence=False, graph=Graph(store="Oxigraph") if use_ox else Graph())


def run_named(graph: Graph, name: str, params: Mapping[str, Any]) -> SparqlResult:
    """Run question ``name`` (or an older alias); node parameters take node ids, the others literal values.

    Decimals (what rdflib makes of ``double / integer``) come back as floats, like the other engines' numbers.
    """
    q, text = sparql_question(name)
    values = bind(q, params)
    bindings = {p.name: _bind(p.kind, values[p.name]) for p in q.params if p.name != "limit"}
    result = run_query(graph, text, bindings)
    columns = tuple(c for c in result.columns if c not in values)
    rows = tuple({c: float(row[c]) if isinstance(row[c], Decimal) else row[c] for c in columns} for row in result.rows)
    if "limit" in values:
        rows = rows[:max(int(values["limit"]), 0)]
    return SparqlResult(columns, rows, result.boolean)


def run_query(graph: Graph, text: str, bindings: Mapping[str, Identifier] | None = None) -> SparqlResult:
    """Run a SELECT or ASK query with ``initBindings``; return the rows as Python values.

    A query naming another dataset (``SERVICE``, ``FROM``) is refused before it runs:
    kg never fetches anything. Ctrl-C stops a long query at once (see :mod:`kg.interrupt`).
    """
    require("rdf", "rdflib", "SPARQL")
    from kg.interrupt import interruptible

    require("rdf", "rdflib", "SPARQL")
    refuse_remote(text)
    return interruptible(lambda: _run_query(graph, text, bindings))


def _run_query(graph: Graph, text: str, bindings: Mapping[str, Identifier] | None) -> SparqlResult:
    from rdflib import Literal
    from rdflib.query import ResultRow

    try:
        result = graph.query(text, initBindings=dict(bindings or {}))
    except Exception as exc:  # rdflib and pyparsing raise many kinds for a bad query
        raise SparqlError(f"the query failed: {exc}; check it against https://www.w3.org/TR/sparql11-query/") from exc
    if result.type == "ASK":
        return SparqlResult((), (), bool(result.askAnswer))
    if result.type != "SELECT":
        raise SparqlError(f"only SELECT and ASK queries are supported here, not {result.type}")
    columns = tuple(str(v) for v in (result.vars or ()))
    rows = []
    for row in result:
        values: dict[str, Any] = row.asdict() if isinstance(row, ResultRow) else {}
        rows.append({c: (values[c].toPython() if isinstance(values.get(c), Literal) else
                         (str(values[c]) if c in values and values[c] is not None else None)) for c in columns})
    return SparqlResult(columns, tuple(rows))


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


def answer(store: GraphReader, query: str, params: Mapping[str, Any], *, backend: str = "auto") -> SparqlResult:
    """Run a library question by name (node parameters may be names: they are resolved) or a query text.

    A single word is a question name (an unknown one raises
    :class:`~kg.errors.UnknownQueryError` with "did you mean"). In a query text, a parameter
    value written ``<iri>`` is bound as an IRI, anything else as a string; ``auto`` then picks
    rdflib's memory store, which binds variables the SELECT does not project (Oxigraph binds
    only projected ones).
    """
    require("rdf", "rdflib", "SPARQL")
    from rdflib import Literal, URIRef

    if _NAME.match(query.strip()):
        q, _ = sparql_question(query.strip())
        ids = bind(q, params, store)
        return run_named(sparql_graph(store, backend=backend), q.name, ids)
    if not re.search(r"\b(SELECT|ASK)\b", query, re.IGNORECASE):
        raise SparqlError(f"{query[:60]!r} is neither a question name ({', '.join(library())}) nor a SELECT or "
                          "ASK query text")
    if params and backend == "auto":
        backend = "memory"
    graph = sparql_graph(store, backend=backend)
    bindings: dict[str, Identifier] = {
        p: URIRef(v[1:-1]) if isinstance(v, str) and v.startswith("<") and v.endswith(">") else Literal(v)
        for p, v in params.items()
    }
    return run_query(graph, query, bindings)


def _bind(kind: str, value: Any) -> Identifier:
    from rdflib import Literal

    from kg.graph.rdf.terms import node_iri

    if kind in NODE_KINDS:
        return node_iri(str(value))
    return Literal(value)  # bind() has typed it: bool, int, float or str


def sparql_route(graph: Graph, start: str, goal: str) -> list[str] | None:
    """Return the role ids of the best-supported fewest-move route, found with neighbour queries.

    The search is :func:`kg.queries.path.best_shortest_path` driven by the ``next-roles`` and
    ``previous-roles`` library questions, so it gives the same route as ``kg path``.
    """
    from kg.queries.path import best_shortest_path

    return best_shortest_path(_SparqlNeighbours(graph), start, goal)


class _SparqlNeighbours:
    """Weighted progression neighbours answered by SPARQL library queries (cached per search)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._cache: dict[tuple[str, str], list[tuple[str, float]]] = {}

    def out(self, node: str) -> list[tuple[str, float]]:
        return self._ask("next-roles", node)

    def into(self, node: str) -> list[tuple[str, float]]:
        return self._ask("previous-roles", node)

    def _ask(self, query: str, node: str) -> list[tuple[str, float]]:
        if (query, node) not in self._cache:
            rows = run_named(self.graph, query, {"role": node}).rows
            self._cache[(query, node)] = sorted((str(r["id"]), float(r["weight"])) for r in rows)
        return self._cache[(query, node)]
