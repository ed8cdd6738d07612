"""The mapping between the property graph and its RDF mirror: IRIs, fact classes, property terms.

Shared by the projection (:mod:`kg.graph.rdf.project`) and the importer (:mod:`kg.graph.rdf.read`) so the
two stay each other's inverse. Every IRI is a pure function of store keys (no blank nodes), which
is what makes exports byte-identical and re-imports isomorphic.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from rdflib.namespace import SKOS, XSD
from rdflib.term import Literal, URIRef

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
from kg.ontology.namespace import ESCO, KG, KG_CATEGORY, KG_DOC, KG_EVIDENCE, KG_FACT, KG_ID, KG_ORG, SCHEMA

if TYPE_CHECKING:
    from kg.graph.model import Evidence

__all__ = [
    "FactTerms", "FACT_TERMS", "NODE_CLASSES", "NODE_EXTRA_CLASSES", "NODE_PROPS", "EVIDENCE_PROPS",
    "EVIDENCE_LINKS", "DATATYPES", "DOCUMENT_CLASSES", "CREDENTIAL_CATEGORY", "LANGUAGE", "LANGUAGE_TAGGED",
    "PAY_PERIODS", "node_classes",
    "node_iri", "doc_iri", "fact_iri", "evidence_iri", "category_iri", "org_iri", "iri_id", "prefixes",
    "leftover_json", "typed_literal", "canonical_double", "label",
]


@dataclass(frozen=True)
class FactTerms:
    """How one fact type appears in RDF: the qualified class, its two link properties, the shortcut.

    ``aligned`` is the schema.org property also linking source and target (``schema:skills`` ...);
    ``aligned_if_required`` says it holds only for required facts (``schema:educationRequirements``
    is what is *needed*, so a preferred degree is not one).
    """

    cls: URIRef
    src: URIRef
    dst: URIRef | None
    shortcut: URIRef | None
    dst_is_document: bool = False
    aligned: URIRef | None = None
    aligned_if_required: bool = False


#: fact type (edge type or evidence-only type) -> its RDF terms
FACT_TERMS: dict[str, FactTerms] = {
    REQUIRES_SKILL: FactTerms(KG.SkillRequirement, KG.role, KG.skill, KG.requiresSkill, aligned=SCHEMA.skills),
    PROGRESSES_TO: FactTerms(KG.Progression, KG.fromRole, KG.toRole, KG.progressesTo),
    RECOMMENDS_CERTIFICATION: FactTerms(KG.CertificationRecommendation, KG.role, KG.certification,
                                          KG.recommendsCertification, aligned=SCHEMA.qualifications,
                                          aligned_if_required=True),
    VALIDATES: FactTerms(KG.SkillValidation, KG.certification, KG.skill, KG.validatesSkill),
    REQUIRES_EDUCATION: FactTerms(KG.EducationRequirement, KG.role, KG.degree, KG.requiresEducation,
                                  aligned=SCHEMA.educationRequirements, aligned_if_required=True),
    HAS_SALARY: FactTerms(KG.SalaryObservation, KG.role, KG.salaryRange, KG.hasSalary,
                          aligned=SCHEMA.estimatedSalary),
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


#: node type -> the aligned classes also asserted (the superclasses of ``kg.ttl``, so consumers without a
#: reasoner see them: ``?r a schema:Occupation`` finds every role)
NODE_EXTRA_CLASSES: dict[str, tuple[URIRef, ...]] = {
    ROLE: (SCHEMA.Occupation, ESCO.Occupation, SKOS.Concept),
    SKILL: (ESCO.Skill, SKOS.Concept, SCHEMA.DefinedTerm),
    CERTIFICATION: (SCHEMA.EducationalOccupationalCredential,),
    DEGREE: (SCHEMA.EducationalOccupationalCredential,),
    SALARY_RANGE: (SCHEMA.MonetaryAmount,),
}
#: the classes of a document
DOCUMENT_CLASSES: tuple[URIRef, ...] = (KG.Document, URIRef("http://www.w3.org/ns/prov#Entity"), SCHEMA.CreativeWork)


def node_classes(type_: str) -> tuple[URIRef, ...]:
    """Return every class a node of ``type_`` is typed with in the export (kg's, then the aligned ones)."""
    return (NODE_CLASSES[type_], *NODE_EXTRA_CLASSES.get(type_, ()))


#: node type -> schema:credentialCategory of a credential
CREDENTIAL_CATEGORY: dict[str, str] = {CERTIFICATION: "certification", DEGREE: "degree"}

#: node type -> {property key -> predicate}; "category" is special (skos:broader a category IRI)
NODE_PROPS: dict[str, dict[str, URIRef]] = {
    ROLE: {"seniority": KG.seniority, "track": KG.track, "min_years": KG.minYears, "max_years": KG.maxYears,
             "curated": KG.curated},
    SKILL: {"kind": KG.skillKind, "curated": KG.curated},
    CERTIFICATION: {"curated": KG.curated},  # "issuer" is special: schema:recognizedBy an Organization
    DEGREE: {"level": SCHEMA.educationalLevel, "field": KG.fieldOfStudy},
    SALARY_RANGE: {"min": SCHEMA.minValue, "max": SCHEMA.maxValue, "currency": SCHEMA.currency,
                    "period": KG.payPeriod, "region": KG.region, "year": KG.year, "kind": KG.salaryKind},
    DOCUMENT: {},
}

#: evidence property key -> predicate
EVIDENCE_PROPS: dict[str, URIRef] = {
    "basis": KG.basis, "min_years": KG.minYears, "max_years": KG.maxYears, "what": KG.experienceOf,
}


#: evidence property key whose value lists node ids -> predicate linking the evidence to each node
#: (written besides the JSON in ``kg:properties``, which the importer reads back)
EVIDENCE_LINKS: dict[str, URIRef] = {"members": KG.alternative}

#: predicate -> the one datatype its literals carry; the JSON-LD context coerces each to it, so
#: every processor reads the same typed literal as from the Turtle export
DATATYPES: dict[URIRef, URIRef] = {
    KG.weight: XSD.double, KG.strength: XSD.double, KG.minYears: XSD.double, KG.maxYears: XSD.double,
    SCHEMA.minValue: XSD.double, SCHEMA.maxValue: XSD.double, SCHEMA.monthsOfExperience: XSD.double,
    KG.documentCount: XSD.integer, KG.start: XSD.integer, KG.end: XSD.integer, KG.characters: XSD.integer,
    KG.seniority: XSD.integer, KG.year: XSD.integer,
    KG.required: XSD.boolean, KG.curated: XSD.boolean,
    KG.payPeriod: XSD.duration,
}

#: the language of concept labels (the vocabulary and the extractor read English)
LANGUAGE = "en"
#: predicates whose literals carry the ``@en`` tag (what SKOS consumers expect of labels)
LANGUAGE_TAGGED: frozenset[URIRef] = frozenset({SKOS.prefLabel, SKOS.altLabel})

#: pay period word -> ISO 8601 duration (``kg:payPeriod``)
PAY_PERIODS: dict[str, str] = {"hour": "PT1H", "day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y"}


def node_iri(node_id: str) -> URIRef:
    """Return the IRI of a node: the ``id/`` namespace plus the percent-encoded slug."""
    return URIRef(KG_ID[quote(node_id, safe="")])


def doc_iri(doc_id: str) -> URIRef:
    """Return the IRI of a document (its content hash, percent-encoded)."""
    return URIRef(KG_DOC[quote(doc_id, safe="")])


def category_iri(category: str) -> URIRef:
    """Return the IRI of a skill category concept."""
    return URIRef(KG_CATEGORY[quote(category, safe="")])


def org_iri(name: str) -> URIRef:
    """Return the IRI of an organisation (a certification issuer): its name, lower-cased and percent-encoded."""
    return URIRef(KG_ORG[quote(" ".join(name.lower().split()), safe="")])


def fact_iri(type_: str, src: str, dst: str) -> URIRef:
    """Return the IRI of a qualified relation: a hash of its key, stable across runs."""
    return URIRef(KG_FACT[_digest(type_, src, dst)])


def evidence_iri(e: Evidence, ordinal: int = 0) -> URIRef:
    """Return the IRI of one evidence row (``ordinal`` tells exact duplicates apart).

    The properties are hashed as the export states them (nulls left out, numbers in their declared
    type), so a store imported from an export gives the same IRIs again.
    """
    props = json.dumps(_as_exported(e.props), sort_keys=True, ensure_ascii=False)
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
        "kgev": str(KG_EVIDENCE), "kgcat": str(KG_CATEGORY), "kgorg": str(KG_ORG), "esco": str(ESCO),
        "schema": "https://schema.org/", "skos": "http://www.w3.org/2004/02/skos/core#",
        "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    }


def leftover_json(props: dict[str, Any], mapped: dict[str, Any]) -> str | None:
    """Return the properties without a term of their own as sorted JSON, nulls left out (None when none are left)."""
    rest = {k: v for k, v in props.items() if v is not None and (k not in mapped or not _scalar(v))}
    return json.dumps(rest, sort_keys=True, ensure_ascii=False) if rest else None


def typed_literal(predicate: URIRef, value: Any) -> Literal:
    """Return ``value`` as the literal ``predicate`` carries: its declared datatype when the value fits it.

    A value that does not fit (a text seniority, say) keeps its own type, so SHACL reports it.

    >>> typed_literal(KG.weight, 1).n3()
    '"1.0"^^<http://www.w3.org/2001/XMLSchema#double>'
    >>> typed_literal(KG.payPeriod, "year").n3()
    '"P1Y"^^<http://www.w3.org/2001/XMLSchema#duration>'
    """
    datatype = DATATYPES.get(predicate)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if datatype == XSD.double and number:
        return Literal(float(value))  # the files write it in canonical form: see canonical_double
    if datatype == XSD.integer and number and float(value).is_integer():
        return Literal(int(value))
    if datatype == XSD.duration and isinstance(value, str) and value.lower() in PAY_PERIODS:
        return Literal(PAY_PERIODS[value.lower()], datatype=XSD.duration)
    if predicate in LANGUAGE_TAGGED and isinstance(value, str):
        return Literal(value, lang=LANGUAGE)
    return Literal(value)


def canonical_double(value: float) -> str:
    """Return the canonical ``xsd:double`` form JSON-LD processors write, of ``value`` kept to 15 digits.

    JSON-LD turns every JSON number it reads as a double into this form (``1.0E0``, ``8.0E-1``), so the
    Turtle and N-Triples exports write it too and a JSON number in the JSON-LD export is the same literal
    (rdflib's in-memory literals keep rdflib's own form; rdflib reads both forms as the same literal). Keeping 15
    significant digits makes processors that print the shortest form (Oxigraph) and those that print
    15 digits (pyld) agree.

    >>> canonical_double(0.8), canonical_double(150000.0), canonical_double(2.3000000000000003)
    ('8.0E-1', '1.5E5', '2.3E0')
    """
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "INF" if value > 0 else "-INF"
    mantissa, exponent = f"{value:.14E}".split("E")
    mantissa = mantissa.rstrip("0")
    return f"{mantissa}0E{int(exponent)}" if mantissa.endswith(".") else f"{mantissa}E{int(exponent)}"


def label(text: str) -> Literal:
    """Return a concept label: the text tagged ``@en``."""
    return Literal(text, lang=LANGUAGE)


def _as_exported(props: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None:
            continue
        predicate = EVIDENCE_PROPS.get(key)
        if predicate is not None and DATATYPES.get(predicate) == XSD.double and isinstance(value, int) \
                and not isinstance(value, bool):
            value = float(value)
        out[key] = value
    return out


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")


class CompactNames:
    """Write IRIs as ``prefix:local`` where the local name is plain, else through ``full``
    (``<IRI>`` in Turtle, the bare IRI in JSON-LD)."""

    def __init__(self, prefixes: dict[str, str], full: Callable[[str], str] = str) -> None:
        self.by_namespace = {ns: prefix for prefix, ns in prefixes.items()}
        self.full = full

    def term(self, iri: str) -> str:
        """Return ``iri`` in its shortest safe written form."""
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = self.by_namespace.get(iri[:cut])
        local = iri[cut:]
        return f"{prefix}:{local}" if prefix is not None and _PLAIN_LOCAL.match(local) else self.full(iri)

