"""SPARQL engines over the whole graph (evidence and documents included): Oxigraph on disk, or rdflib in memory.

Both answer a library question by name or a query text (SELECT, ASK, CONSTRUCT, DESCRIBE) with the same
parameters, resolved the same way, and return a :class:`SparqlAnswer` in the W3C results model, which
:mod:`kg.queries.library.sparql_format` writes as a table, JSON, CSV, TSV or Turtle.

- :class:`OxigraphEngine` opens the persistent store of :mod:`kg.graph.rdf.oxistore` (built once per
  change of the SQLite store) read-only. Values are bound by a ``VALUES`` block placed just inside the
  ``WHERE`` pattern (:func:`~kg.queries.library.sparql_bind.where_start`), its variable names checked
  and its terms written by pyoxigraph, so a value can never change the query; Oxigraph plans around
  it (its SEP-0007 substitutions are applied after planning: 8 s instead of 0.04 s for ``unlock`` at M).
  A query without a pattern (``DESCRIBE ?x``) uses the substitutions.
- :class:`RdflibEngine` projects the store into an rdflib memory graph (kept per store object
  while the store is unchanged) and binds with ``initBindings``.

For a test suite that runs every question on every engine, :func:`sparql_oxigraph` and
:func:`sparql_rdflib` take a store, a question name (or text) and parameters, and return a
:class:`~kg.queries.library.sparql.SparqlResult` of Python values.

>>> from kg.graph.examples import tiny_store
>>> [row["id"] for row in sparql_rdflib(tiny_store(), "unlock", {"role": "CTO"}).rows]
['budgeting', 'hiring']
"""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import SparqlError
from kg.queries.library.sparql import SparqlResult, library, refuse_remote, sparql_question
from kg.queries.library.sparql_bind import FORM, Term, bind_params, node_term, python_value, values_block, where_start

if TYPE_CHECKING:
    from pathlib import Path

    from kg.graph.protocols import GraphReader
    from kg.graph.rdf.oxistore import Progress

__all__ = ["SparqlAnswer", "SparqlEngine", "OxigraphEngine", "RdflibEngine", "ENGINES", "open_engine",
           "ask", "bind_params", "node_term", "where_start", "sparql_oxigraph", "sparql_rdflib", "Term"]

#: engine names for --engine
ENGINES = ("oxigraph", "rdflib")


@dataclass(frozen=True)
class SparqlAnswer:
    """An answer in the W3C results model: ``form`` is SELECT, ASK or GRAPH (CONSTRUCT and DESCRIBE).

    ``columns`` and ``rows`` (variable -> term, unbound variables absent) for SELECT, ``boolean`` for
    ASK, ``turtle`` for a graph.
    """

    form: str
    columns: tuple[str, ...] = ()
    rows: tuple[dict[str, Term], ...] = ()
    boolean: bool | None = None
    turtle: str | None = None

    def w3c_json(self) -> dict[str, Any]:
        """Return the SPARQL 1.1 Query Results JSON document (SELECT and ASK)."""
        if self.form == "ASK":
            return {"head": {}, "boolean": bool(self.boolean)}
        if self.form != "SELECT":
            raise SparqlError("a CONSTRUCT or DESCRIBE answer is a graph: it is written as Turtle")
        return {"head": {"vars": list(self.columns)}, "results": {"bindings": [dict(r) for r in self.rows]}}

    def result(self) -> SparqlResult:
        """Return the rows as Python values (IRIs as strings, typed literals as int, float, bool ...)."""
        if self.form == "ASK":
            return SparqlResult((), (), self.boolean)
        if self.form != "SELECT":
            raise SparqlError("a CONSTRUCT or DESCRIBE answer is a graph, not rows")
        rows = tuple({c: python_value(r[c]) if c in r else None for c in self.columns} for r in self.rows)
        return SparqlResult(self.columns, rows)

    def without(self, columns: tuple[str, ...]) -> SparqlAnswer:
        """Return the answer without ``columns`` (a library question's parameters, projected for Oxigraph)."""
        if not columns or self.form != "SELECT":
            return self
        keep = tuple(c for c in self.columns if c not in columns)
        return SparqlAnswer("SELECT", keep, tuple({c: r[c] for c in keep if c in r} for r in self.rows))


class SparqlEngine(Protocol):
    """What both engines offer: a name and one query call."""

    name: str

    def query(self, text: str, bindings: Mapping[str, Term] | None = None) -> SparqlAnswer:
        """Run a query text with variables bound to terms; Ctrl-C stops it at once."""
        ...


class OxigraphEngine:
    """Queries over the persistent, read-only Oxigraph store of the whole graph."""

    name = "oxigraph"

    def __init__(self, store: GraphReader, *, cache_dir: Path | None = None, progress: Progress | None = None) -> None:
        from kg.graph.rdf.oxistore import open_oxigraph

        self.ox = open_oxigraph(store, cache_dir=cache_dir, progress=progress)

    def query(self, text: str, bindings: Mapping[str, Term] | None = None) -> SparqlAnswer:
        """Run ``text`` (SELECT, ASK, CONSTRUCT or DESCRIBE) with ``bindings``; Ctrl-C stops it at once."""
        from kg.interrupt import interruptible

        refuse_remote(text)
        return interruptible(lambda: self._query(text, dict(bindings or {})))

    def _query(self, text: str, bindings: dict[str, Term]) -> SparqlAnswer:
        import pyoxigraph as ox

        try:
            terms = {ox.Variable(k): _ox_term(v) for k, v in bindings.items()}
            at = where_start(text) if terms else None
            if at is None:
                found = self.ox.query(text, substitutions=terms)
            else:  # Oxigraph plans around a VALUES block; substitutions are applied after the plan (slow at M)
                found = self.ox.query(text[:at] + values_block(terms) + text[at:])
            if isinstance(found, ox.QueryBoolean):
                return SparqlAnswer("ASK", boolean=bool(found))
            if isinstance(found, ox.QuerySolutions):
                data = json.loads(found.serialize(format=ox.QueryResultsFormat.JSON) or b"{}")
                return SparqlAnswer("SELECT", tuple(data["head"].get("vars", [])),
                                    tuple(data["results"]["bindings"]))
            from kg.graph.rdf.terms import prefixes

            turtle = ox.serialize(found, format=ox.RdfFormat.TURTLE, prefixes=prefixes())
            return SparqlAnswer("GRAPH", turtle=(turtle or b"").decode("utf-8"))
        except (SyntaxError, RuntimeError, OSError, ValueError) as exc:
            raise SparqlError(f"the query failed: {exc}; check it against "
                              "https://www.w3.org/TR/sparql11-query/") from exc


class RdflibEngine:
    """Queries over an rdflib memory graph of the whole store (rebuilt when the store changes)."""

    name = "rdflib"
    _graphs: weakref.WeakKeyDictionary[Any, tuple[str, Any]] = weakref.WeakKeyDictionary()

    def __init__(self, store: GraphReader) -> None:
        from kg.graph.cypher.rows import store_fingerprint
        from kg.graph.rdf.project import store_graph

        fingerprint = store_fingerprint(store)
        cached = self._graphs.get(store)
        if cached is None or cached[0] != fingerprint:
            cached = (fingerprint, store_graph(store))
            self._graphs[store] = cached
        self.graph = cached[1]

    def query(self, text: str, bindings: Mapping[str, Term] | None = None) -> SparqlAnswer:
        """Run ``text`` with ``initBindings``; Ctrl-C stops it at once."""
        from kg.interrupt import interruptible

        refuse_remote(text)
        return interruptible(lambda: self._query(text, dict(bindings or {})))

    def _query(self, text: str, bindings: dict[str, Term]) -> SparqlAnswer:
        try:
            found = self.graph.query(text, initBindings={k: _rdflib_term(v) for k, v in bindings.items()})
            if found.type == "ASK":
                return SparqlAnswer("ASK", boolean=bool(found.askAnswer))
            if found.type == "SELECT":
                data = json.loads(found.serialize(format="json") or b"{}")
                return SparqlAnswer("SELECT", tuple(data["head"].get("vars", [])),
                                    tuple(data["results"]["bindings"]))
            from kg.graph.rdf.terms import prefixes

            assert found.graph is not None
            for prefix, ns in prefixes().items():
                found.graph.bind(prefix, ns, override=True, replace=True)
            return SparqlAnswer("GRAPH", turtle=found.graph.serialize(format="turtle"))
        except SparqlError:
            raise
        except Exception as exc:  # rdflib and pyparsing raise many kinds for a bad query
            raise SparqlError(f"the query failed: {exc}; check it against "
                              "https://www.w3.org/TR/sparql11-query/") from exc


def open_engine(store: GraphReader, engine: str = "auto", *, progress: Progress | None = None) -> SparqlEngine:
    """Return the ``oxigraph`` or ``rdflib`` engine for ``store``; ``auto`` is Oxigraph when pyoxigraph is installed."""
    import importlib.util

    from kg.plugins import require

    if engine == "auto":
        engine = "oxigraph" if importlib.util.find_spec("pyoxigraph") is not None else "rdflib"
    if engine == "oxigraph":
        return OxigraphEngine(store, progress=progress)
    if engine == "rdflib":
        require("rdf", "rdflib", "the rdflib SPARQL engine")
        return RdflibEngine(store)
    raise SparqlError(f"unknown SPARQL engine {engine!r}; choose one of: auto, {', '.join(ENGINES)}")


def ask(engine: SparqlEngine, store: GraphReader, query: str, params: Mapping[str, Any]) -> SparqlAnswer:
    """Answer a library question by name (or an older name), or a query text, with ``params``
    (see :func:`bind_params`); an unknown name raises :class:`~kg.errors.UnknownQueryError` ("did you mean")."""
    name = query.strip()
    if _NAME.match(name):
        question, text = sparql_question(name)
        bindings = bind_params(store, name, params)
        limit = bindings.pop("limit", None)  # LIMIT cannot take a bound variable: the first rows are kept here
        found = engine.query(text, bindings).without(tuple(p.name for p in question.params))
        if limit is None or found.form != "SELECT":
            return found
        return SparqlAnswer("SELECT", found.columns, found.rows[:max(int(limit["value"]), 0)])
    if not FORM.search(query):
        raise SparqlError(f"{query[:60]!r} is neither a question name ({', '.join(library())}) nor a SELECT, ASK, "
                          "CONSTRUCT or DESCRIBE query text")
    refuse_remote(query)
    return engine.query(query, bind_params(store, query, params))


_NAME = re.compile(r"^[A-Za-z][\w-]*$")


def _ox_term(term: Term) -> Any:
    import pyoxigraph as ox

    try:
        if term["type"] == "uri":
            return ox.NamedNode(term["value"])
        if "xml:lang" in term:
            return ox.Literal(term["value"], language=term["xml:lang"])
        if "datatype" in term:
            return ox.Literal(term["value"], datatype=ox.NamedNode(term["datatype"]))
        return ox.Literal(term["value"])
    except ValueError as exc:
        raise SparqlError(f"{term['value']!r} cannot be bound: {exc}; write an IRI as <https://...>") from exc


def _rdflib_term(term: Term) -> Any:
    from rdflib import Literal, URIRef

    if term["type"] == "uri":
        return URIRef(term["value"])
    return Literal(term["value"], lang=term.get("xml:lang"),
                   datatype=URIRef(term["datatype"]) if "datatype" in term else None)


def sparql_oxigraph(store: GraphReader, query: str, params: Mapping[str, str] | None = None) -> SparqlResult:
    """Answer a question (name or SELECT/ASK text) on the persistent Oxigraph store; Python values."""
    return ask(OxigraphEngine(store), store, query, params or {}).result()


def sparql_rdflib(store: GraphReader, query: str, params: Mapping[str, str] | None = None) -> SparqlResult:
    """Answer a question (name or SELECT/ASK text) on an rdflib memory graph; Python values."""
    return ask(RdflibEngine(store), store, query, params or {}).result()
