"""The JSON-LD export, streamed, and its published ``@context``.

The context (``ontology/context.jsonld``, made by :func:`build_context`) binds the prefixes and
*coerces* every typed property to its one datatype (``"kg:weight": {"@type": "xsd:double"}``) and the
SKOS labels to ``@en``, so a spec-compliant processor (pyld, Oxigraph) reads exactly the triples of the
Turtle export, datatypes included. Numbers and booleans are JSON numbers and ``true``/``false``: a
JSON number under a double-coerced property becomes the canonical ``xsd:double`` (``1.0E0``), which is
the form the Turtle export writes (:func:`kg.graph.rdf.terms.canonical_double`). A literal that does
not fit its property's definition is written as an explicit value object
(``{"@value": ..., "@type": ...}``), which no context coerces.

:func:`export_jsonld` writes one node object per subject of each block of
:func:`kg.graph.rdf.project.triple_blocks` as soon as the block is made, so memory stays flat however
big the store is. A subject met in several blocks (a role, with the shortcut links of its facts) gets
several node objects with the same ``@id``, which JSON-LD merges.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib.term import Node as RdfNode

    from kg.graph.protocols import GraphReader
    from kg.graph.rdf.terms import CompactNames

__all__ = ["build_context", "export_jsonld", "node_objects"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: a finite xsd:double (NaN and INF stay strings: JSON has no such numbers)
_FINITE = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")


def build_context() -> dict[str, Any]:
    """Return the ``@context``: the export prefixes, then one coercing definition per typed or tagged property."""
    from kg.graph.rdf.terms import DATATYPES, LANGUAGE, LANGUAGE_TAGGED, CompactNames, prefixes

    names = CompactNames(prefixes())
    context: dict[str, Any] = dict(sorted(prefixes().items()))
    for predicate in sorted(DATATYPES, key=names.term):
        context[names.term(predicate)] = {"@id": names.term(predicate), "@type": names.term(DATATYPES[predicate])}
    for predicate in sorted(LANGUAGE_TAGGED, key=names.term):
        context[names.term(predicate)] = {"@id": names.term(predicate), "@language": LANGUAGE}
    return context


def export_jsonld(store: GraphReader, out: Path) -> None:
    """Write the whole store as JSON-LD with the published context inlined (deterministic, streamed)."""
    from kg.graph.rdf.project import jsonld_context, triple_blocks
    from kg.graph.rdf.terms import CompactNames, prefixes

    context = jsonld_context()
    names = CompactNames(prefixes())
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write('{\n "@context": ' + json.dumps(context, ensure_ascii=False, indent=1).replace("\n", "\n ")
                 + ',\n "@graph": [')
        first = True
        for block in triple_blocks(store):
            for text in _object_texts(block, context, names):
                fh.write(("\n  " if first else ",\n  ") + text)
                first = False
        fh.write("\n ]\n}\n")


def node_objects(block: Iterable[tuple[RdfNode, RdfNode, RdfNode]], context: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the node objects of one block: one per subject, sorted by ``@id``; values sorted, repeats dropped."""
    from kg.graph.rdf.terms import CompactNames, prefixes

    return [json.loads(text) for text in _object_texts(block, context, CompactNames(prefixes()))]


def _object_texts(block: Iterable[tuple[RdfNode, RdfNode, RdfNode]], context: dict[str, Any],
                  names: CompactNames) -> list[str]:
    """Return each node object of a block as the JSON ``json.dumps(obj, sort_keys=True)`` would write."""
    from rdflib.term import Literal

    by_subject: dict[str, dict[str, set[str]]] = {}
    for s, p, o in block:
        props = by_subject.setdefault(names.term(str(s)), {})
        key = "@type" if str(p) == _RDF_TYPE else names.term(str(p))
        if key == "@type":
            value: Any = names.term(str(o))
        elif isinstance(o, Literal):
            value = _literal(o, context.get(key), names)
        else:
            value = {"@id": names.term(str(o))}
        props.setdefault(key, set()).add(json.dumps(value, ensure_ascii=False, sort_keys=True))
    out = []
    for subject in sorted(by_subject):
        props = by_subject[subject]
        props["@id"] = {json.dumps(subject, ensure_ascii=False)}
        parts = []
        for key in sorted(props):
            values = sorted(props[key])
            parts.append(json.dumps(key, ensure_ascii=False) + ": "
                         + (values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"))
        out.append("{" + ", ".join(parts) + "}")
    return out


def _literal(lit: Any, definition: Any, names: CompactNames) -> Any:
    """Return a literal in the shortest form the property's context definition reads back as the same literal."""
    from kg.graph.rdf.terms import canonical_double

    text = str(lit)
    datatype = str(lit.datatype) if lit.datatype is not None else None
    if isinstance(definition, dict):
        coerced = definition.get("@type")
        if coerced is not None and datatype is not None and names.term(datatype) == coerced:
            if datatype == _XSD + "integer" and re.fullmatch(r"-?[1-9][0-9]*|0", text) and abs(int(text)) < 2**53:
                return int(text)
            if datatype == _XSD + "boolean" and text in ("true", "false"):
                return text == "true"
            if datatype == _XSD + "double" and _FINITE.fullmatch(text):
                return float(canonical_double(float(text)))  # read back as the canonical form Turtle has
            return text
        if definition.get("@language") is not None and lit.language == definition["@language"]:
            return text
    elif datatype is None and lit.language is None:
        return text
    value: dict[str, Any] = {"@value": text}
    if lit.language:
        value["@language"] = lit.language
    elif datatype is not None:
        value["@type"] = names.term(datatype)
    return value
