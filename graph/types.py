"""The one table of node and relationship types: labels, the word users see, and each relationship's ends.

Every other table keyed by a type (RDF terms, Cypher properties, view styles, display order) is
checked against this one by ``tests/graph/test_types.py``, so adding a type starts here and the
test names each table that still lacks it. Nothing read from a document ever becomes a type.

Naming, once for the whole code base: a node's *type* is its label (``"Role"``); its *kind* is the
lower-case word used in messages and by the extractor (``"role"``); the two ends of a relationship
are ``src`` and ``dst`` (RDF names them by role, e.g. ``kg:fromRole``/``kg:toRole``; GraphML by
``source``/``target``: those are the formats' own words, mapped in their writers).

>>> REL_ENDPOINTS[PROGRESSES_TO]
('Role', 'Role')
>>> KIND_OF_TYPE[ROLE], TYPE_OF_KIND["certification"]
('role', 'Certification')
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import, which a cold ``kg path`` pays for; type-checker-only names are quoted.
from typing import NamedTuple

__all__ = [
    "NodeType", "RelType",
    "ROLE", "SKILL", "CERTIFICATION", "DEGREE", "SALARY_RANGE", "DOCUMENT",
    "REQUIRES_SKILL", "PROGRESSES_TO", "RECOMMENDS_CERTIFICATION", "VALIDATES", "REQUIRES_EDUCATION",
    "HAS_SALARY", "DESCRIBED_IN", "MENTIONED_IN", "REQUIRES_EXPERIENCE", "REQUIRES_ONE_OF",
    "NODE_TABLE", "REL_TABLE", "NODE_TYPES", "REL_TYPES", "REL_ENDPOINTS", "EVIDENCE_ONLY", "FACT_TYPES",
    "KIND_OF_TYPE", "TYPE_OF_KIND", "NAMED_TYPES",
]

ROLE = "Role"
SKILL = "Skill"
CERTIFICATION = "Certification"
DEGREE = "Degree"
SALARY_RANGE = "SalaryRange"
DOCUMENT = "Document"

REQUIRES_SKILL = "REQUIRES_SKILL"
PROGRESSES_TO = "PROGRESSES_TO"
RECOMMENDS_CERTIFICATION = "RECOMMENDS_CERTIFICATION"
VALIDATES = "VALIDATES"
REQUIRES_EDUCATION = "REQUIRES_EDUCATION"
HAS_SALARY = "HAS_SALARY"
DESCRIBED_IN = "DESCRIBED_IN"
#: evidence-only fact types: kept as evidence rows, never aggregated into relationships
MENTIONED_IN = "MENTIONED_IN"
REQUIRES_EXPERIENCE = "REQUIRES_EXPERIENCE"
#: one-of skill groups ("AWS, Azure or GCP"): src = role, dst = "", props {"members": [skill ids]}
REQUIRES_ONE_OF = "REQUIRES_ONE_OF"


class NodeType(NamedTuple):
    """A node label, the word for it in messages, and whether users look nodes of it up by name."""

    name: str
    kind: str
    named: bool = False


class RelType(NamedTuple):
    """A relationship type and the node types at its two ends (``src`` -> ``dst``)."""

    name: str
    src: str
    dst: str


#: every node type, in export order
NODE_TABLE: tuple[NodeType, ...] = (
    NodeType(ROLE, "role", named=True),
    NodeType(SKILL, "skill", named=True),
    NodeType(CERTIFICATION, "certification", named=True),
    NodeType(DEGREE, "degree"),
    NodeType(SALARY_RANGE, "salary range"),
    NodeType(DOCUMENT, "document"),
)

#: every aggregated relationship type, in export order
REL_TABLE: tuple[RelType, ...] = (
    RelType(REQUIRES_SKILL, ROLE, SKILL),
    RelType(PROGRESSES_TO, ROLE, ROLE),
    RelType(RECOMMENDS_CERTIFICATION, ROLE, CERTIFICATION),
    RelType(VALIDATES, CERTIFICATION, SKILL),
    RelType(REQUIRES_EDUCATION, ROLE, DEGREE),
    RelType(HAS_SALARY, ROLE, SALARY_RANGE),
    RelType(DESCRIBED_IN, ROLE, DOCUMENT),
)

NODE_TYPES: tuple[str, ...] = tuple(t.name for t in NODE_TABLE)
#: relationship type -> (src node type, dst node type)
REL_ENDPOINTS: dict[str, tuple[str, str]] = {r.name: (r.src, r.dst) for r in REL_TABLE}
REL_TYPES: tuple[str, ...] = tuple(REL_ENDPOINTS)
EVIDENCE_ONLY: tuple[str, ...] = (MENTIONED_IN, REQUIRES_EXPERIENCE, REQUIRES_ONE_OF)
#: every fact type an evidence row may carry
FACT_TYPES: tuple[str, ...] = (*REL_TYPES, *EVIDENCE_ONLY)
#: node types a user names on the command line (roles, skills, certifications)
NAMED_TYPES: tuple[str, ...] = tuple(t.name for t in NODE_TABLE if t.named)
KIND_OF_TYPE: dict[str, str] = {t.name: t.kind for t in NODE_TABLE}
TYPE_OF_KIND: dict[str, str] = {t.kind: t.name for t in NODE_TABLE}
