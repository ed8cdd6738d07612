"""Terms for SPARQL parameters and results, engine-neutral (W3C results JSON terms): binding, reading, placing.

- :func:`bind_params` turns ``-p NAME=VALUE`` into terms: a library question's node parameters are resolved
  like ``kg path``'s roles, the others typed literals; in a query text a value naming a node is its IRI.
- :func:`python_value` reads a result term as a Python value (the same for every engine).
- :func:`where_start` finds where a ``VALUES`` block of bound terms goes: just inside the ``WHERE`` pattern.

>>> node_term("ml-engineer")
{'type': 'uri', 'value': 'https://w3id.org/career-kg/id/ml-engineer'}
>>> python_value({"type": "literal", "value": "2", "datatype": XSD + "integer"})
2
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from kg.errors import AmbiguousNameError, SparqlError, UnknownNameError
from kg.queries.library.sparql import NODE_KINDS, library

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["Term", "XSD", "FORM", "bind_params", "node_term", "python_value", "values_block", "where_start"]

#: a term as the W3C SPARQL 1.1 results JSON writes it: {"type": "uri"|"literal"|"bnode", "value": ..., ...}
Term = dict[str, str]
XSD = "http://www.w3.org/2001/XMLSchema#"
_NODE_NS = "https://w3id.org/career-kg/id/"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                               "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
                               "unsignedShort", "unsignedByte")}
_FLOATS = {XSD + "double", XSD + "float"}
FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
#: what cannot hold a brace or keyword: strings, IRIs, comments (as in kg.queries.library.sparql.refuse_remote)
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r"|<[^<>\s]*>|#[^\n]*")


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


def values_block(terms: Mapping[Any, Any]) -> str:
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
    form = FORM.search(blank)
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
