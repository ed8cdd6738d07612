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
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kg.errors import AmbiguousNameError, UnknownNameError
from kg.queries.library.questions import NODE_KINDS, bind
from kg.queries.library.sparql import sparql_question

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
#: a query argument that is a question name rather than a query text
_NAME = re.compile(r"^[A-Za-z][\w-]*$")
FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
#: what cannot hold a brace or keyword: strings, IRIs, comments (as in kg.queries.library.sparql.refuse_remote)
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r"|<[^<>\s]*>|#[^\n]*")


def bind_params(store: GraphReader, query: str, params: Mapping[str, Any]) -> dict[str, Term]:
    """Return the terms for ``params`` of library question ``query`` (or of a query text).

    A question (by its name or an older one) binds as every engine does
    (:func:`kg.queries.library.questions.bind`: older parameter names renamed, types checked,
    defaults filled, node parameters resolved by id, name or alias as ``kg path`` resolves roles,
    exit 2 with "did you mean" when unknown); node values become IRIs, the others typed literals.
    In a query text, ``<iri>`` is that IRI, ``"text"`` a string, a value that names one node that
    node's IRI, and anything else a string.
    """
    if not _NAME.match(query.strip()):
        return {p: _adhoc(store, str(v)) for p, v in params.items()}
    question, _ = sparql_question(query.strip())
    values = bind(question, params, store)
    return {p.name: node_term(str(values[p.name])) if p.kind in NODE_KINDS else _literal(values[p.name])
            for p in question.params if values[p.name] is not None}


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


def _literal(value: Any) -> Term:
    """A typed literal for a bound value (bool, int and float as XSD types, anything else a string)."""
    if isinstance(value, bool):
        return {"type": "literal", "value": "true" if value else "false", "datatype": XSD + "boolean"}
    if isinstance(value, int):
        return {"type": "literal", "value": str(value), "datatype": XSD + "integer"}
    if isinstance(value, float):
        return {"type": "literal", "value": str(Decimal(repr(value))), "datatype": XSD + "decimal"}
    return {"type": "literal", "value": str(value)}


def python_value(term: Term) -> Any:
    """Return a W3C JSON term as a Python value: IRIs and plain text as str, numbers and booleans typed.

    Decimals come back as floats (what ``double / integer`` gives in SPARQL), like the other engines' numbers.
    """
    value, datatype = term["value"], term.get("datatype")
    try:
        if datatype in _INTEGERS:
            return int(value)
        if datatype in _FLOATS or datatype == XSD + "decimal":
            return float(value)
        if datatype == XSD + "boolean":
            return value in ("true", "1")
    except ValueError:
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
