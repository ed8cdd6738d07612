"""Turn one :class:`~kg.loaders.models.Extraction` into nodes and evidence rows for the store."""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import.
import hashlib
from functools import lru_cache
from typing import Any, NamedTuple

from kg.graph.model import Evidence, Node
from kg.graph.types import (
    DEGREE,
    DESCRIBED_IN,
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
    TYPE_OF_KIND,
    VALIDATES,
)
from kg.loaders.aliases import storable_aliases
from kg.loaders.alternatives import experience_instead, names_equivalent_experience
from kg.loaders.models import Extraction, Mention
from kg.loaders.recognise import key_of
from kg.ontology.names import slugify

__all__ = ["DocumentFacts", "facts_from_extraction", "document_key"]


#: a role label's match key (cached: the same labels recur in every document, twice in each)
_key = lru_cache(maxsize=1 << 14)(key_of)

_DEGREE_NAMES = {"associate": "Associate", "bachelor": "Bachelor's", "master": "Master's", "phd": "PhD",
                 "mba": "MBA", "doctorate": "Doctoral"}


class DocumentFacts(NamedTuple):
    """The nodes a document names and the evidence it gives, ready to store (``doc_id``: see :func:`document_key`).

    (A named tuple: a frozen dataclass costs every ``kg build`` process several times more to define.)
    """

    extraction: Extraction
    nodes: tuple[Node, ...]
    evidence: tuple[Evidence, ...]
    doc_id: str = ""

    def to_store(self) -> "DocumentFacts":
        """These facts with only what storing them reads of the extraction: the document, without its tree.

        What a build worker sends back: the mentions the facts were mapped from stay behind,
        so there is less to pickle between processes.
        """
        doc = self.extraction.doc._replace(nodes=())
        return self._replace(extraction=Extraction(doc=doc, primary_role=None))


def document_key(source: str, content_id: str) -> str:
    """Return a document's id in the store: its resolved source and its content hash (the version), hashed.

    Two files with the same content are two documents; a file edited to equal
    another stays itself.

    >>> document_key("/docs/a.md", "0123456789abcdef") == document_key("/docs/b.md", "0123456789abcdef")
    False
    """
    return hashlib.sha256(f"{content_id}\0{source}".encode("utf-8", "surrogateescape")).hexdigest()[:16]


def facts_from_extraction(ex: Extraction) -> DocumentFacts:
    """Map an extraction onto nodes and evidence rows (pure; no store access)."""
    doc_id = document_key(ex.doc.source, ex.doc.id)
    nodes: dict[str, Node] = {}
    rows: list[Evidence] = []
    role_labels = frozenset(_key(m.label) for m in ex.roles)
    for mention in (*ex.roles, *ex.skills, *ex.certifications):
        _add_mention_node(nodes, mention, role_labels)
        rows.append(Evidence(doc_id, MENTIONED_IN, mention.id, doc_id, mention.quote,
                             mention.start, mention.end))
    primary = ex.primary_role
    if primary is not None:
        _add_mention_node(nodes, primary, role_labels)
        rows.append(Evidence(doc_id, DESCRIBED_IN, primary.id, doc_id, primary.quote,
                             primary.start, primary.end))
        elsewhere = {(x.kind, x.item_id) for x in ex.level_needs if x.exclusive}  # needs of other levels only
        for skill in ex.skills:
            if ("skill", skill.id) not in elsewhere:
                rows.append(Evidence(doc_id, REQUIRES_SKILL, primary.id, skill.id, skill.quote,
                                     skill.start, skill.end, skill.required, skill.strength))
        listed = {"skill": {s.id for s in ex.skills}, "certification": {c.id for c in ex.certifications}}
        for group in ex.skill_groups:
            if listed.get(group.kind, set()).issuperset(group.ids):
                props: dict[str, Any] = {"members": list(group.ids)}
                if group.kind != "skill":
                    props["kind"] = group.kind
                rows.append(Evidence(doc_id, REQUIRES_ONE_OF, primary.id, "", group.quote, group.start, group.end,
                                     group.required, group.strength, props))
        for cert in ex.certifications:
            if ("certification", cert.id) not in elsewhere:
                rows.append(Evidence(doc_id, RECOMMENDS_CERTIFICATION, primary.id, cert.id, cert.quote,
                                     cert.start, cert.end, cert.required, cert.strength))
    rows.extend(_level_needs(ex, nodes, doc_id))
    rows.extend(_validations(ex, nodes, doc_id))
    for move in ex.progressions:
        for role_id, label in ((move.from_id, move.from_label), (move.to_id, move.to_label)):
            nodes.setdefault(role_id, Node(role_id, ROLE, label))
        rows.append(Evidence(doc_id, PROGRESSES_TO, move.from_id, move.to_id, move.quote,
                             move.start, move.end, True,
                             move.strength, {"basis": move.basis}))
    for sal in ex.salaries:
        nodes.setdefault(sal.role_id, Node(sal.role_id, ROLE, sal.role_label))
        sal_id = _salary_id(sal.role_id, sal.min, sal.max, sal.currency, sal.period, sal.region)
        props = {"min": sal.min, "max": sal.max,  # a stated range: no median is made up from it
                 "currency": sal.currency, "period": sal.period, "region": sal.region,
                 "year": sal.year, "kind": sal.kind}
        label = f"{sal.currency} {sal.min:,.0f}–{sal.max:,.0f} per {sal.period}"
        nodes[sal_id] = Node(sal_id, SALARY_RANGE, label, (), props)
        rows.append(Evidence(doc_id, HAS_SALARY, sal.role_id, sal_id, sal.quote, sal.start, sal.end))
    for exp in ex.experience:
        nodes.setdefault(exp.role_id, Node(exp.role_id, ROLE, exp.role_label))
        rows.append(Evidence(doc_id, REQUIRES_EXPERIENCE, exp.role_id, "", exp.quote, exp.start,
                             exp.end, True, 1.0,
                             {"min_years": exp.min_years, "max_years": exp.max_years,
                              "what": exp.what}))
    for edu in ex.education:
        if edu.field and names_equivalent_experience(edu.field):
            continue  # "a degree in CS, or equivalent practical experience": no degree of its own (see below)
        degree_id = "degree-" + slugify(edu.level + (" " + edu.field if edu.field else ""))
        name = _DEGREE_NAMES.get(edu.level.lower(), edu.level) + " degree"
        name += f" in {edu.field}" if edu.field else ""
        nodes.setdefault(degree_id, Node(degree_id, DEGREE, name, (),
                                         {"level": edu.level.lower(), "field": edu.field}))
        if edu.role_id:  # "a CS degree or equivalent experience": experience meets it too
            instead = {"or_experience": True} if experience_instead(ex.doc.text, edu.start, edu.end) else {}
            rows.append(Evidence(doc_id, REQUIRES_EDUCATION, edu.role_id, degree_id, edu.quote,
                                 edu.start, edu.end, edu.required, 1.0 if edu.required else 0.5, instead))
    return DocumentFacts(ex, tuple(nodes.values()), tuple(rows), doc_id)


def _add_mention_node(nodes: dict[str, Node], m: Mention, role_labels: frozenset[tuple[str, ...]]) -> None:
    props = dict(m.attrs)
    props["curated"] = m.curated
    aliases = tuple(dict.fromkeys(a for a in m.aliases if a != m.label))
    if m.kind == "role":  # a role's stored names must name it alone (a document's own short forms stay local)
        aliases = storable_aliases(m.id, aliases, role_labels - {_key(m.label)})
    existing = nodes.get(m.id)
    if existing is not None:
        aliases = tuple(dict.fromkeys((*existing.aliases, *aliases)))
        props = {**props, **existing.props}
    nodes[m.id] = Node(m.id, TYPE_OF_KIND[m.kind], m.label, aliases, props)


def _validations(ex: Extraction, nodes: dict[str, Node], doc_id: str) -> list[Evidence]:
    """Curated (Certification)-[:VALIDATES]->(Skill) facts for certifications the document names."""
    from kg.ontology.vocab import load_vocabulary

    vocab = load_vocabulary()
    rows: list[Evidence] = []
    for cert in ex.certifications:
        concept = vocab.certifications.get(cert.id)
        if concept is None:
            continue
        for skill_id in concept.attrs.get("validates", ()):
            skill = vocab.skills.get(skill_id)
            if skill is None:
                continue
            if skill_id not in nodes:
                nodes[skill_id] = Node(skill_id, SKILL, skill.name, skill.aliases,
                                       {**skill.attrs, "curated": True})
            rows.append(Evidence(doc_id, VALIDATES, cert.id, skill_id, cert.quote, cert.start,
                                 cert.end, True, 1.0, {"basis": "curated vocabulary"}))
    return rows


def _salary_id(role_id: str, lo: float, hi: float, currency: str, period: str, region: str | None) -> str:
    key = f"{role_id}|{lo}|{hi}|{currency}|{period}|{region or ''}"
    return "salary-" + hashlib.sha256(key.encode()).hexdigest()[:12]


def _level_needs(ex: Extraction, nodes: dict[str, Node], doc_id: str) -> list[Evidence]:
    """What each level of a ladder asks for: the skills and certifications named in its section, as
    strongly as the document states them."""
    mentions = {("skill", m.id): m for m in ex.skills} | {("certification", m.id): m for m in ex.certifications}
    rows: list[Evidence] = []
    for x in ex.level_needs:
        mention = mentions.get((x.kind, x.item_id))
        if mention is None:
            continue
        nodes.setdefault(x.role_id, Node(x.role_id, ROLE, x.role_label))
        rows.append(Evidence(doc_id, REQUIRES_SKILL if x.kind == "skill" else RECOMMENDS_CERTIFICATION, x.role_id,
                             x.item_id, x.quote, x.start, x.end, mention.required, mention.strength))
    return rows
