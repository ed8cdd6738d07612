"""Check an RDF graph of the store against ``ontology/shapes.ttl`` with pySHACL; report violations readably."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from kg.plugins import require

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node as RdfNode

    from kg.graph.protocols import GraphReader

    Triple = tuple[RdfNode, RdfNode, RdfNode]

__all__ = ["Violation", "ValidationReport", "validate_graph", "validate_store", "shapes_graph"]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the property path, what is wrong and the offending value."""

    focus: str
    path: str
    message: str
    severity: str
    value: str | None
    shape: str

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: {self.focus} {self.path}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation: ``conforms`` and the violations, sorted by focus node and path."""

    conforms: bool
    triples: int
    violations: tuple[Violation, ...]


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """Return the bundled SHACL shapes (``ontology/shapes.ttl``), parsed once."""
    from rdflib import Graph

    text = resources.files("kg.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def validate_store(store: GraphReader, *, chunk_triples: int = 50_000) -> ValidationReport:
    """Export the store to RDF and validate it against the shapes, a few blocks at a time (memory stays flat).

    The shapes are node-local, so the projection's blocks (:func:`kg.graph.rdf.project.triple_blocks`) are
    checked in chunks of about ``chunk_triples`` triples. Each chunk also gets the ``rdf:type`` triples of
    every other node it names (from the store: the classes the export gives them), so ``sh:class`` sees
    what it would in the whole graph. A node described in another chunk (a role that a fact's shortcut
    names) is checked only for what this chunk says of it: its missing-value (``sh:minCount``) results
    are left to the chunk that describes it. The report equals :func:`validate_graph` of the whole export.
    """
    require("rdf", "pyshacl", "SHACL validation")
    from kg.graph.rdf.project import triple_blocks

    context = _TypeContext(store)
    violations: set[Violation] = set()
    triples = 0
    chunk: list[Triple] = []
    for block in triple_blocks(store):
        chunk.extend(block)
        if len(chunk) >= chunk_triples:
            triples += _validate_chunk(chunk, context, violations)
            chunk = []
    if chunk or not triples:
        triples += _validate_chunk(chunk, context, violations)
    return _report(violations, triples)


class _TypeContext:
    """The ``rdf:type`` triples of any node, document, category or organisation a chunk names."""

    def __init__(self, store: GraphReader) -> None:
        from kg.graph.rdf.terms import DOCUMENT_CLASSES, doc_iri, node_classes, node_iri

        self.classes: dict[str, tuple[URIRef, ...]] = {str(node_iri(n.id)): node_classes(n.type)
                                                         for n in store.nodes()}
        self.classes.update((str(doc_iri(d.id)), DOCUMENT_CLASSES) for d in store.documents())

    def learn(self, chunk: list[Triple]) -> set[str]:
        """Remember the classes of things described once (categories, organisations); return the typed subjects.

        Facts and evidence are not remembered: nothing outside their own block names them.
        """
        from rdflib import RDF

        from kg.ontology.namespace import KG_CATEGORY, KG_ORG

        typed: dict[str, list[URIRef]] = {}
        for s, p, o in chunk:
            if p == RDF.type:
                typed.setdefault(str(s), []).append(o)  # type: ignore[arg-type]
        for subject, classes in typed.items():
            if subject.startswith((str(KG_CATEGORY), str(KG_ORG))):
                self.classes.setdefault(subject, tuple(classes))
        return set(typed)

    def types_of(self, terms: set[str]) -> list[Triple]:
        from rdflib import RDF, URIRef

        return [(URIRef(t), RDF.type, cls) for t in sorted(terms) for cls in self.classes.get(t, ())]


def _validate_chunk(chunk: list[Triple], context: _TypeContext, violations: set[Violation]) -> int:
    """Validate one chunk (with the types of what it names); add its violations; return its triple count."""
    from rdflib import Graph, URIRef

    from kg.graph.rdf.terms import prefixes

    home = context.learn(chunk)
    data = Graph()
    for prefix, ns in prefixes().items():
        data.bind(prefix, ns, override=True, replace=True)
    for triple in chunk:
        data.add(triple)
    count = len(data)
    named = {str(t) for s, _, o in chunk for t in (s, o) if isinstance(t, URIRef)} - home
    for triple in context.types_of(named):
        data.add(triple)
    for v, focus, component in _results(data):
        if focus in home or not component.endswith("#MinCountConstraintComponent"):
            violations.add(v)
    return count


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` against the shapes (no inference: the export asserts every class it relies on)."""
    require("rdf", "pyshacl", "SHACL validation")
    return _report({v for v, _, _ in _results(data)}, len(data))


def _report(violations: set[Violation], triples: int) -> ValidationReport:
    ordered = sorted(violations, key=lambda v: (v.focus, v.path, v.message, v.value or ""))
    return ValidationReport(all(v.severity != "Violation" for v in ordered), triples, tuple(ordered))


def _results(data: Graph) -> list[tuple[Violation, str, str]]:
    """Run pySHACL on ``data``; return each result with its focus node IRI and constraint component."""
    from pyshacl import validate
    from rdflib import RDF
    from rdflib.namespace import SH

    _, results, _ = validate(data, shacl_graph=shapes_graph(), inference="none", advanced=False,
                             allow_warnings=True)
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        value = results.value(r, SH.value)
        severity = results.value(r, SH.resultSeverity)
        focus = results.value(r, SH.focusNode)
        out.append((Violation(
            focus=_short(data, focus),
            path=_short(data, results.value(r, SH.resultPath)),
            message=str(results.value(r, SH.resultMessage) or "does not conform"),
            severity=_short(data, severity).split("#")[-1].replace("sh:", "") if severity else "Violation",
            value=_short(data, value) if value is not None else None,
            shape=_short(data, results.value(r, SH.sourceShape)),
        ), str(focus), str(results.value(r, SH.sourceConstraintComponent))))
    return out


def _short(g: Graph, term: object) -> str:
    from rdflib import BNode, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return g.namespace_manager.normalizeUri(term)
        except ValueError:
            return f"<{term}>"
    if isinstance(term, BNode):
        return "[]"
    return str(term)
