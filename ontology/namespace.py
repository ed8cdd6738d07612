"""The closed kg vocabulary: every class and property of ``kg.ttl``, one annotated term per line.

``KG.Role`` is the IRI of the class; a misspelt term raises ``AttributeError`` (``_fail = True``).
A test keeps this class and ``kg.ttl`` equal. The other namespaces the RDF mirror uses are here too.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["KG", "ESCO", "KG_ID", "KG_DOC", "KG_FACT", "KG_EVIDENCE", "KG_CATEGORY", "KG_ORG", "SCHEMA", "BASE"]

BASE = "https://w3id.org/career-kg/"

#: nodes (roles, skills, ...): percent-encoded slug id
KG_ID = Namespace(BASE + "id/")
#: documents: content hash
KG_DOC = Namespace(BASE + "doc/")
#: qualified relations: hash of (type, source, target)
KG_FACT = Namespace(BASE + "fact/")
#: evidence quotes: hash of the evidence row
KG_EVIDENCE = Namespace(BASE + "evidence/")
#: skill categories (SKOS concepts)
KG_CATEGORY = Namespace(BASE + "category/")
#: organisations (certification issuers): the lower-cased name, percent-encoded
KG_ORG = Namespace(BASE + "org/")
#: the ESCO model (occupations, skills, relatedEssentialSkill / relatedOptionalSkill)
ESCO = Namespace("http://data.europa.eu/esco/model#")
#: schema.org (https, as rdflib's SDO)
SCHEMA = Namespace("https://schema.org/")


class KG(DefinedNamespace):
    """The kg ontology namespace (``kg.ttl``)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Certification: URIRef
    CertificationRecommendation: URIRef
    Degree: URIRef
    Document: URIRef
    EducationRequirement: URIRef
    Evidence: URIRef
    ExperienceRequirement: URIRef
    SkillAlternatives: URIRef
    Mention: URIRef
    Progression: URIRef
    QualifiedRelation: URIRef
    Role: URIRef
    RoleDescription: URIRef
    SalaryObservation: URIRef
    SalaryRange: URIRef
    Skill: URIRef
    SkillCategory: URIRef
    SkillRequirement: URIRef
    SkillValidation: URIRef

    # properties
    alternative: URIRef
    basis: URIRef
    certification: URIRef
    characters: URIRef
    curated: URIRef
    degree: URIRef
    describedIn: URIRef
    document: URIRef
    documentCount: URIRef
    end: URIRef
    evidence: URIRef
    experienceOf: URIRef
    fieldOfStudy: URIRef
    fileName: URIRef
    fromRole: URIRef
    hasSalary: URIRef
    loadedAt: URIRef
    maxYears: URIRef
    mentionOf: URIRef
    minYears: URIRef
    payPeriod: URIRef
    progressesTo: URIRef
    properties: URIRef
    quote: URIRef
    recommendsCertification: URIRef
    region: URIRef
    required: URIRef
    requiresEducation: URIRef
    requiresSkill: URIRef
    role: URIRef
    salaryKind: URIRef
    salaryRange: URIRef
    seniority: URIRef
    skill: URIRef
    skillKind: URIRef
    source: URIRef
    start: URIRef
    strength: URIRef
    toRole: URIRef
    track: URIRef
    validatesSkill: URIRef
    weight: URIRef
    year: URIRef
