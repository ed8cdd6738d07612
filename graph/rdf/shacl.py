"""Check an RDF graph of the store against ``ontology/shapes.ttl`` with pySHACL; report violations readably."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from kg.plugins import require

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.graph.protocols import GraphReader

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


def validate_store(store: GraphReader) -> ValidationReport:
    """Export the store to RDF and validate it against the shapes."""
    require("rdf", "pyshacl", "SHACL validation")
    from kg.graph.rdf.project import store_graph

    return validate_graph(store_graph(store))


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` against the shapes (no inference: the export asserts every class it relies on)."""
    require("rdf", "pyshacl", "SHACL validation")
    from pyshacl import validate
    from rdflib import RDF
    from rdflib.namespace import SH

    conforms, results, _ = validate(data, shacl_graph=shapes_graph(), inference="none", advanced=False,
                                    allow_warnings=True)
    violations = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        value = results.value(r, SH.value)
        severity = results.value(r, SH.resultSeverity)
        violations.append(Violation(
            focus=_short(data, results.value(r, SH.focusNode)),
            path=_short(data, results.value(r, SH.resultPath)),
            message=str(results.value(r, SH.resultMessage) or "does not conform"),
            severity=_short(data, severity).split("#")[-1].replace("sh:", "") if severity else "Violation",
            value=_short(data, value) if value is not None else None,
            shape=_short(data, results.value(r, SH.sourceShape)),
        ))
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value or ""))
    return ValidationReport(bool(conforms), len(data), tuple(violations))


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
