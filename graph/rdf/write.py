"""Export the store as N-Triples or Turtle, streamed block by block (no whole-graph rdflib ``Graph``).

Both writers read :func:`kg.graph.rdf.project.triple_blocks` (one block per node, fact and document, in store
order) and write each block as soon as it is made, so memory stays flat however big the store is.
Inside a block the lines are sorted and repeats dropped, which keeps the bytes identical for the same
store. The files hold exactly the triples of :func:`kg.graph.rdf.project.store_graph`; an N-Triples line is the
line rdflib's own serializer would write for the same triple.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ExportError
from kg.graph.rdf.terms import CompactNames, canonical_double

if TYPE_CHECKING:
    from rdflib.term import Literal
    from rdflib.term import Node as RdfNode

    from kg.graph.protocols import GraphReader

__all__ = ["export_ntriples", "export_turtle"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"
#: characters an IRIREF may not hold (N-Triples and Turtle grammar); the IRIs made from store keys are
#: percent-encoded, so only a link read from a property can trip this
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
#: local names written as ``prefix:local``; anything else (``%``, ``.``, non-ASCII) stays a full <IRI>


def export_ntriples(store: GraphReader, out: Path) -> None:
    """Write the whole store as N-Triples: one triple per line, blocks in store order, lines sorted in a block."""
    from rdflib.term import Literal

    def term(t: RdfNode) -> str:
        return _literal(t, _iri) if isinstance(t, Literal) else _iri(str(t))

    _write_blocks(store, out, lambda block: "".join(sorted({f"{term(s)} {term(p)} {term(o)} .\n"
                                                            for s, p, o in block})))


def export_turtle(store: GraphReader, out: Path) -> None:
    """Write the whole store as Turtle: the published prefixes, then one paragraph per block."""
    from kg.graph.rdf.terms import prefixes

    names = CompactNames(prefixes(), _iri)
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes().items())) + "\n"
    _write_blocks(store, out, lambda block: _turtle_block(block, names) + "\n", header)


def _write_blocks(store: GraphReader, out: Path, render: Callable[[list[tuple[RdfNode, RdfNode, RdfNode]]], str],
                  header: str = "") -> None:
    """Render each block of the projection and write it out at once (buffered by the file object)."""
    from kg.graph.rdf.project import triple_blocks

    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(header)
        for block in triple_blocks(store):
            fh.write(render(block))


def _turtle_block(block: list[tuple[RdfNode, RdfNode, RdfNode]], names: CompactNames) -> str:
    """Return one block as Turtle statements: a subject, then its predicates (``a`` first) and objects, sorted."""
    from rdflib.term import Literal

    by_subject: dict[str, set[tuple[bool, str, str]]] = {}
    for s, p, o in block:
        obj = _literal(o, names.term) if isinstance(o, Literal) else names.term(str(o))
        pair = (False, "a", obj) if str(p) == _RDF_TYPE else (True, names.term(str(p)), obj)
        by_subject.setdefault(names.term(str(s)), set()).add(pair)
    parts: list[str] = []
    for subject, pairs in by_subject.items():
        body = " ;\n    ".join(f"{p} " + ", ".join(o for _, _, o in group)
                               for (_, p), group in groupby(sorted(pairs), key=lambda pair: pair[:2]))
        parts.append(f"{subject} {body} .\n")
    return "".join(parts)


def _iri(iri: str) -> str:
    if _BAD_IRI.search(iri):
        raise ExportError(f"cannot write the IRI {iri!r} in RDF (it holds a space, quote, brace or control "
                          "character); percent-encode it in the store, e.g. as exact_match of the node")
    return f"<{iri}>"


def _literal(lit: Literal, iri: Callable[[str], str]) -> str:
    """Return a literal as N-Triples / Turtle text, escaped exactly as rdflib's N-Triples serializer does.

    Doubles are written in the canonical form JSON-LD processors give them (``1.0E0``), so the three
    exports read as the same literals in every processor.
    """
    lexical = str(lit)
    if lit.datatype is not None and str(lit.datatype) == _XSD_DOUBLE:
        lexical = canonical_double(float(lit))
    text = '"' + lexical.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
    if lit.language:
        return f"{text}@{lit.language}"
    return f"{text}^^{iri(str(lit.datatype))}" if lit.datatype else text
