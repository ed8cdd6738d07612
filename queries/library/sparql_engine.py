"""SPARQL engines over the whole graph (evidence and documents included): Oxigraph on disk, or rdflib in memory.

Both answer a library question by name or a query text (SELECT, ASK, CONSTRUCT, DESCRIBE) with the same
parameters, resolved the same way, and return a :class:`SparqlAnswer` in the W3C results model, which
:mod:`kg.queries.library.sparql_format` writes as a table, JSON, CSV, TSV or Turtle.

- :class:`OxigraphEngine` opens the persistent store of :mod:`kg.graph.rdf.oxistore` (built once per
  change of the SQLite store) read-only; values are bound with Oxigraph's substitutions (SEP-0007),
  or, for a variable a SELECT does not project, with a trailing ``VALUES`` clause whose terms
  Oxigraph itself has written, so a value can never change the query.
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
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import AmbiguousNameError, SparqlError, UnknownNameError
from kg.queries.library.sparql import NODE_KINDS, SparqlResult, library, refuse_remote

if TYPE_CHECKING:
    from pathlib import Path

    from kg.graph.protocols import GraphReader
    from kg.graph.rdf.oxistore import Progress

__all__ = ["SparqlAnswer", "SparqlEngine", "OxigraphEngine", "RdflibEngine", "ENGINES", "open_engine",
           "ask", "bind_params", "node_term", "sparql_oxigraph", "sparql_rdflib", "Term"]

#: a term as the W3C SPARQL 1.1 results JSON writes it: {"type": "uri"|"literal"|"bnode", "value": ..., ...}
Term = dict[str, str]
#: engine names for --engine
ENGINES = ("oxigraph", "rdflib")
XSD = "http://www.w3.org/2001/XMLSchema#"
_NODE_NS = "https://w3id.org/career-kg/id/"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                               "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
                               "unsignedShort", "unsignedByte")}
_FLOATS = {XSD + "double", XSD + "float"}
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
#: what cannot hold a brace or keyword: strings, IRIs, comments (as in kg.queries.library.sparql.refuse_remote)
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r"|<[^<>\s]*>|#[^\n]*")


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
                found = self.ox.query(text[:at] + _values_block(terms) + text[at:])
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


def ask(engine: SparqlEngine, store: GraphReader, query: str, params: Mapping[str, str]) -> SparqlAnswer:
    """Answer a library question by name, or a query text, with ``params`` (see :func:`bind_params`)."""
    qdef = library().get(query)
    if qdef is None and not _FORM.search(query):
        raise SparqlError(f"no query named {query!r}; choose one of: {', '.join(library())}, or pass a query text")
    refuse_remote(qdef.text if qdef is not None else query)
    bindings = bind_params(store, query, params)
    found = engine.query(qdef.text if qdef is not None else query, bindings)
    return found.without(tuple(qdef.params)) if qdef is not None else found


def bind_params(store: GraphReader, query: str, params: Mapping[str, str]) -> dict[str, Term]:
    """Return the terms for ``params`` of library question ``query`` (or of a query text).

    A question's node parameters (``Role``, ``Skill`` ...) are resolved by id, name or alias as
    ``kg path`` resolves roles (exit 2 with "did you mean" when unknown); the others become typed literals.
    In a query text, ``<iri>`` is that IRI, ``"text"`` a string, a value that names one node that
    node's IRI, and anything else a string.
    """
    from kg.queries.resolve import resolve

    qdef = library().get(query)
    if qdef is None:
        return {p: _adhoc(store, v) for p, v in params.items()}
    missing = [p for p in qdef.params if p not in params]
    unknown = [p for p in params if p not in qdef.params]
    if missing or unknown:
        raise SparqlError(f"query {query!r} takes {', '.join(qdef.params) or 'no parameters'}"
                          + (f"; missing {', '.join(missing)}" if missing else "")
                          + (f"; unknown {', '.join(unknown)}" if unknown else ""))
    out: dict[str, Term] = {}
    for p, value in params.items():
        kind = qdef.params[p][0]
        out[p] = node_term(resolve(store, value, kind).id) if kind in NODE_KINDS else _literal(kind, value)
    return out


def node_term(node_id: str) -> Term:
    """Return the IRI term of a node (the same IRI as :func:`kg.graph.rdf.terms.node_iri`, without rdflib)."""
    from urllib.parse import quote

    return {"type": "uri", "value": _NODE_NS + quote(node_id, safe="")}


def _adhoc(store: GraphReader, value: str) -> Term:
    from kg.graph.types import NAMED_TYPES
    from kg.queries.resolve import resolve

    if len(value) >= 2 and value.startswith("<") and value.endswith(">"):
        return {"type": "uri", "value": value[1:-1]}
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return {"type": "literal", "value": value[1:-1]}
    node = store.node(value.strip())
    if node is not None:
        return node_term(node.id)
    found: dict[str, str] = {}
    for type_ in NAMED_TYPES:
        try:
            found[resolve(store, value, type_).id] = type_
        except (UnknownNameError, AmbiguousNameError):
            continue
    if len(found) > 1:
        raise AmbiguousNameError(value, "node", sorted(found))
    return node_term(next(iter(found))) if found else {"type": "literal", "value": value}


def _literal(kind: str, value: str) -> Term:
    if kind == "boolean":
        return {"type": "literal", "value": "true" if value.lower() in ("1", "true", "yes") else "false",
                "datatype": XSD + "boolean"}
    if kind in ("integer", "decimal"):
        try:
            number = str(int(value)) if kind == "integer" else str(Decimal(value))
        except (ValueError, InvalidOperation) as exc:
            raise SparqlError(f"{value!r} is not a{'n' if kind == 'integer' else ''} {kind}") from exc
        return {"type": "literal", "value": number, "datatype": XSD + kind}
    return {"type": "literal", "value": value}


def python_value(term: Term) -> Any:
    """Return a W3C JSON term as a Python value: IRIs and plain text as str, numbers and booleans typed."""
    value, datatype = term["value"], term.get("datatype")
    try:
        if datatype in _INTEGERS:
            return int(value)
        if datatype in _FLOATS:
            return float(value)
        if datatype == XSD + "decimal":
            return Decimal(value)
        if datatype == XSD + "boolean":
            return value in ("true", "1")
    except (ValueError, InvalidOperation):
        return value
    return value


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


def _values_block(terms: Mapping[Any, Any]) -> str:
    """Return ``VALUES (?a ?b) { (term term) }``: names checked and terms written by pyoxigraph, never raw input."""
    names = " ".join(str(v) for v in terms)
    row = " ".join(str(t) for t in terms.values())
    return f" VALUES ({names}) {{ ({row}) }} "


def where_start(text: str) -> int | None:
    """Return the offset just inside the query's WHERE pattern (after its ``{``), or None if it has none.

    Strings, IRIs and comments are blanked first, so a brace or keyword inside them is never taken.
    A CONSTRUCT template is skipped; a DESCRIBE without a pattern gives None.

    >>> q = 'SELECT ?x WHERE { ?x <http://x/p> "{" }'
    >>> q[:where_start(q)]
    'SELECT ?x WHERE {'
    >>> q = 'PREFIX s: <http://x/{> CONSTRUCT { ?a ?b ?c } WHERE { ?a ?b ?c }'
    >>> q[where_start(q):]
    ' ?a ?b ?c }'
    >>> where_start("DESCRIBE <http://x/a>") is None
    True
    """
    blank = _OPAQUE.sub(lambda m: " " * len(m[0]), text)
    form = _FORM.search(blank)
    if form is None:
        return None
    at = form.end()
    if form[1].upper() == "CONSTRUCT":
        rest = blank[at:].lstrip()
        if not rest.upper().startswith("WHERE"):
            at = _after_group(blank, blank.find("{", at))
            if at < 0:
                return None
    brace = blank.find("{", at)
    return None if brace < 0 else brace + 1


def _after_group(blank: str, start: int) -> int:
    """Return the offset after the ``}`` that closes the ``{`` at ``start`` (-1 when unbalanced)."""
    if start < 0:
        return -1
    depth = 0
    for i in range(start, len(blank)):
        if blank[i] == "{":
            depth += 1
        elif blank[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def sparql_oxigraph(store: GraphReader, query: str, params: Mapping[str, str] | None = None) -> SparqlResult:
    """Answer a question (name or SELECT/ASK text) on the persistent Oxigraph store; Python values."""
    return ask(OxigraphEngine(store), store, query, params or {}).result()


def sparql_rdflib(store: GraphReader, query: str, params: Mapping[str, str] | None = None) -> SparqlResult:
    """Answer a question (name or SELECT/ASK text) on an rdflib memory graph; Python values."""
    return ask(RdflibEngine(store), store, query, params or {}).result()
