"""The SPARQL query library (``queries/sparql/*.rq``): load it, run a named query with parameters, find routes.

Parameters are always bound with ``initBindings``, never spliced into the query text, so a name
read from a document cannot change a query. Node parameters (``Role``, ``Skill``) take node ids and
become IRIs. When ``oxrdflib`` is installed the graph lives in Oxigraph behind the rdflib API.

>>> from kg.graph.examples import tiny_store
>>> g = sparql_graph(tiny_store(), backend="memory")
>>> [row["id"] for row in run_named(g, "unlock", {"role": "cto"}).rows]
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
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kg.errors import SparqlError
from kg.graph.types import NAMED_TYPES
from kg.plugins import bundled_texts, require

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Identifier

    from kg.graph.protocols import GraphReader

__all__ = ["NODE_KINDS", "QueryDef", "SparqlResult", "library", "sparql_graph",
           "run_named", "run_query", "refuse_remote", "sparql_route", "oxigraph_available", "answer"]

#: the query library, one file per question (explicit registry; a test compares it with the folder)
#: parameter kinds whose values are node ids (bound as IRIs); the others are literals
NODE_KINDS = NAMED_TYPES
_LITERAL_KINDS = ("string", "integer", "decimal", "boolean")
_PARAM = re.compile(r"^#\s*param\s+(\w+):\s*(\w+)\s*-\s*(.*)$")


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


@lru_cache(maxsize=1)
def library() -> dict[str, QueryDef]:
    """Return the bundled queries by name, with the parameters their header comments declare."""
    out: dict[str, QueryDef] = {}
    for name, text in bundled_texts("kg.queries", "sparql", ".rq").items():
        header = [line for line in text.splitlines() if line.startswith("#")]
        summary = header[0].split(":", 1)[1].strip() if header else name
        params = {m[1]: (m[2], m[3].strip()) for line in header if (m := _PARAM.match(line))}
        for kind, _ in params.values():
            if kind not in NODE_KINDS + _LITERAL_KINDS:
                raise SparqlError(f"{name}.rq declares a parameter of unknown kind {kind!r}")
        out[name] = QueryDef(name, summary, params, text)
    return out


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


def run_named(graph: Graph, name: str, params: Mapping[str, str]) -> SparqlResult:
    """Run library query ``name``; node parameters take node ids, the others literal values."""
    qdef = library().get(name)
    if qdef is None:
        raise SparqlError(f"no query named {name!r}; choose one of: {', '.join(library())} (kg sparql --list)")
    missing = [p for p in qdef.params if p not in params]
    unknown = [p for p in params if p not in qdef.params]
    if missing or unknown:
        raise SparqlError(f"query {name!r} takes {', '.join(qdef.params) or 'no parameters'}"
                          + (f"; missing {', '.join(missing)}" if missing else "")
                          + (f"; unknown {', '.join(unknown)}" if unknown else ""))
    bindings = {p: _bind(qdef.params[p][0], value) for p, value in params.items()}
    result = run_query(graph, qdef.text, bindings)
    columns = tuple(c for c in result.columns if c not in qdef.params)
    rows = tuple({c: row[c] for c in columns} for row in result.rows)
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


def answer(store: GraphReader, query: str, params: Mapping[str, str], *, backend: str = "auto") -> SparqlResult:
    """Run a library query by name (node parameters may be names: they are resolved) or a query text.

    In a query text, a parameter value written ``<iri>`` is bound as an IRI, anything else as a string;
    ``auto`` then picks rdflib's memory store, which binds variables the SELECT does not project
    (Oxigraph binds only projected ones).
    """
    require("rdf", "rdflib", "SPARQL")
    from rdflib import Literal, URIRef

    from kg.queries.resolve import resolve

    qdef = library().get(query)
    if qdef is None and not re.search(r"\b(SELECT|ASK)\b", query, re.IGNORECASE):
        raise SparqlError(f"no query named {query!r}; choose one of: {', '.join(library())}, or pass a query text")
    if qdef is None and params and backend == "auto":
        backend = "memory"
    graph = sparql_graph(store, backend=backend)
    if qdef is not None:
        ids = {p: resolve(store, v, qdef.params[p][0]).id if qdef.params.get(p, ("",))[0] in NODE_KINDS else v
               for p, v in params.items()}
        return run_named(graph, query, ids)
    bindings: dict[str, Identifier] = {
        p: URIRef(v[1:-1]) if v.startswith("<") and v.endswith(">") else Literal(v) for p, v in params.items()
    }
    return run_query(graph, query, bindings)


def _bind(kind: str, value: str) -> Identifier:
    from rdflib import Literal
    from rdflib.namespace import XSD

    from kg.graph.rdf.terms import node_iri

    if kind in NODE_KINDS:
        return node_iri(value)
    if kind == "boolean":
        return Literal(value.lower() in ("1", "true", "yes"), datatype=XSD.boolean)
    if kind in ("integer", "decimal"):
        try:
            return Literal(int(value) if kind == "integer" else float(value))
        except ValueError as exc:
            raise SparqlError(f"{value!r} is not a{'n' if kind == 'integer' else ''} {kind}") from exc
    return Literal(value)


def sparql_route(graph: Graph, start: str, goal: str) -> list[str] | None:
    """Return the role ids of the best-supported fewest-move route, found with neighbour queries.

    The search is :func:`kg.queries.path.best_shortest_path` driven by the ``successors`` and
    ``predecessors`` library queries, so it gives the same route as ``kg path``.
    """
    from kg.queries.path import best_shortest_path

    return best_shortest_path(_SparqlNeighbours(graph), start, goal)


class _SparqlNeighbours:
    """Weighted progression neighbours answered by SPARQL library queries (cached per search)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._cache: dict[tuple[str, str], list[tuple[str, float]]] = {}

    def out(self, node: str) -> list[tuple[str, float]]:
        return self._ask("successors", node)

    def into(self, node: str) -> list[tuple[str, float]]:
        return self._ask("predecessors", node)

    def _ask(self, query: str, node: str) -> list[tuple[str, float]]:
        if (query, node) not in self._cache:
            rows = run_named(self.graph, query, {"node": node}).rows
            self._cache[(query, node)] = sorted((str(r["id"]), float(r["weight"])) for r in rows)
        return self._cache[(query, node)]
