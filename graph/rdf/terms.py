"""The mapping between the property graph and its RDF mirror: IRIs, fact classes, property terms.

Shared by the projection (:mod:`kg.graph.rdf.project`) and the importer (:mod:`kg.graph.rdf.read`) so the
two stay each other's inverse. Every IRI is a pure function of store keys (no blank nodes), which
is what makes exports byte-identical and re-imports isomorphic.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from rdflib.term import URIRef

from kg.graph.types import (
    CERTIFICATION,
    DEGREE,
    DESCRIBED_IN,
    DOCUMENT,
    HAS_SALARY,
    MENTIONED_IN,
    PROGRESSES_TO,
    RECOMMENDS_CERTIFICATION,
    REQUIRES_EDUCATION,
    REQUIRES_EXPERIENCE,
    REQUIRES_ONE_OF,
    REQUIRES_SKILL,
    ROLE,
    SALARY_RANGE,
    SKILL,
    VALIDATES,
)
from kg.ontology.namespace import ESCO, KG, KG_CATEGORY, KG_DOC, KG_EVIDENCE, KG_FACT, KG_ID, SCHEMA

if TYPE_CHECKING:
    from kg.graph.model import Evidence

__all__ = [
    "FactTerms", "FACT_TERMS", "NODE_CLASSES", "NODE_EXTRA_CLASSES", "NODE_PROPS", "EVIDENCE_PROPS",
    "EVIDENCE_LINKS",
    "node_iri", "doc_iri", "fact_iri", "evidence_iri", "category_iri", "iri_id", "prefixes", "leftover_json",
]


@dataclass(frozen=True)
class FactTerms:
    """How one fact type appears in RDF: the qualified class, its two link properties, the shortcut."""

    cls: URIRef
    src: URIRef
    dst: URIRef | None
    shortcut: URIRef | None
    dst_is_document: bool = False


#: fact type (edge type or evidence-only type) -> its RDF terms
FACT_TERMS: dict[str, FactTerms] = {
    REQUIRES_SKILL: FactTerms(KG.SkillRequirement, KG.role, KG.skill, KG.requiresSkill),
    PROGRESSES_TO: FactTerms(KG.Progression, KG.fromRole, KG.toRole, KG.progressesTo),
    RECOMMENDS_CERTIFICATION: FactTerms(KG.CertificationRecommendation, KG.role, KG.certification,
                                          KG.recommendsCertification),
    VALIDATES: FactTerms(KG.SkillValidation, KG.certification, KG.skill, KG.validatesSkill),
    REQUIRES_EDUCATION: FactTerms(KG.EducationRequirement, KG.role, KG.degree, KG.requiresEducation),
    HAS_SALARY: FactTerms(KG.SalaryObservation, KG.role, KG.salaryRange, KG.hasSalary),
    DESCRIBED_IN: FactTerms(KG.RoleDescription, KG.role, KG.document, KG.describedIn, True),
    MENTIONED_IN: FactTerms(KG.Mention, KG.mentionOf, KG.document, None, True),
    REQUIRES_EXPERIENCE: FactTerms(KG.ExperienceRequirement, KG.role, None, None),
    REQUIRES_ONE_OF: FactTerms(KG.SkillAlternatives, KG.role, None, None),
}

#: node type -> kg class
NODE_CLASSES: dict[str, URIRef] = {
    ROLE: KG.Role, SKILL: KG.Skill, CERTIFICATION: KG.Certification, DEGREE: KG.Degree,
    SALARY_RANGE: KG.SalaryRange, DOCUMENT: KG.Document,
}


#: node type -> the aligned class also asserted (so consumers without a reasoner see it)
NODE_EXTRA_CLASSES: dict[str, URIRef] = {
    ROLE: ESCO.Occupation, SKILL: ESCO.Skill,
    CERTIFICATION: SCHEMA.EducationalOccupationalCredential,
    DEGREE: SCHEMA.EducationalOccupationalCredential,
    SALARY_RANGE: SCHEMA.MonetaryAmountDistribution,
}

#: node type -> {property key -> predicate}; "category" is special (skos:broader a category IRI)
NODE_PROPS: dict[str, dict[str, URIRef]] = {
    ROLE: {"seniority": KG.seniority, "track": KG.track, "min_years": KG.minYears, "max_years": KG.maxYears,
             "curated": KG.curated},
    SKILL: {"kind": KG.skillKind, "curated": KG.curated},
    CERTIFICATION: {"issuer": KG.issuer, "curated": KG.curated},
    DEGREE: {"level": SCHEMA.educationalLevel, "field": KG.fieldOfStudy},
    SALARY_RANGE: {"min": SCHEMA.minValue, "max": SCHEMA.maxValue, "median": SCHEMA.median,
                    "currency": SCHEMA.currency, "period": KG.period, "region": KG.region, "year": KG.year,
                    "kind": KG.salaryKind},
    DOCUMENT: {},
}

#: evidence property key -> predicate
EVIDENCE_PROPS: dict[str, URIRef] = {
    "basis": KG.basis, "min_years": KG.minYears, "max_years": KG.maxYears, "what": KG.experienceOf,
}


#: evidence property key whose value lists node ids -> predicate linking the evidence to each node
#: (written besides the JSON in ``kg:properties``, which the importer reads back)
EVIDENCE_LINKS: dict[str, URIRef] = {"members": KG.alternative}


def node_iri(node_id: str) -> URIRef:
    """Return the IRI of a node: the ``id/`` namespace plus the percent-encoded slug."""
    return URIRef(KG_ID[quote(node_id, safe="")])


def doc_iri(doc_id: str) -> URIRef:
    """Return the IRI of a document (its content hash, percent-encoded)."""
    return URIRef(KG_DOC[quote(doc_id, safe="")])


def category_iri(category: str) -> URIRef:
    """Return the IRI of a skill category concept."""
    return URIRef(KG_CATEGORY[quote(category, safe="")])


def fact_iri(type_: str, src: str, dst: str) -> URIRef:
    """Return the IRI of a qualified relation: a hash of its key, stable across runs."""
    return URIRef(KG_FACT[_digest(type_, src, dst)])


def evidence_iri(e: Evidence, ordinal: int = 0) -> URIRef:
    """Return the IRI of one evidence row (``ordinal`` tells exact duplicates apart)."""
    props = json.dumps(e.props, sort_keys=True, ensure_ascii=False)
    return URIRef(KG_EVIDENCE[_digest(e.doc_id, e.type, e.src, e.dst, str(e.start), str(e.end), e.quote,
                               str(e.required), repr(e.strength), props, str(ordinal))])


def iri_id(iri: object, namespace: str) -> str | None:
    """Return the id an IRI of ``namespace`` encodes, or None when it lies elsewhere."""
    text = str(iri)
    return unquote(text[len(namespace):]) if text.startswith(namespace) else None


def prefixes() -> dict[str, str]:
    """Return the prefixes bound in every serialisation (also the JSON-LD context's)."""
    return {
        "kg": str(KG._NS), "kgid": str(KG_ID), "kgdoc": str(KG_DOC), "kgfact": str(KG_FACT),
        "kgev": str(KG_EVIDENCE), "kgcat": str(KG_CATEGORY), "esco": str(ESCO),
        "schema": "https://schema.org/", "skos": "http://www.w3.org/2004/02/skos/core#",
        "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    }


def leftover_json(props: dict[str, Any], mapped: dict[str, Any]) -> str | None:
    """Return the properties without a term of their own as sorted JSON (None when there are none)."""
    rest = {k: v for k, v in props.items() if k not in mapped or not _scalar(v)}
    return json.dumps(rest, sort_keys=True, ensure_ascii=False) if rest else None


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
