"""Every Cypher statement kg emits, built in one place from the closed vocabulary of graph/model.py.

Labels, relationship types and property keys come only from :data:`NODE_PROPERTIES`
and :data:`REL_PROPERTIES` (checked against :data:`~kg.graph.model.NODE_TYPES` and
:data:`~kg.graph.model.REL_ENDPOINTS`); values are always parameters (``$rows``,
``$version``) or, for scripts, literals escaped by :func:`cypher_literal`.

>>> merge_nodes("Skill").splitlines()[:2]
['UNWIND $rows AS row', 'MERGE (n:`Skill` {`id`: row.`id`})']
"""

from __future__ import annotations

import math
import re
from typing import Any

from kg.errors import CypherBuildError
from kg.graph.types import CERTIFICATION, DEGREE, DOCUMENT, NODE_TYPES, REL_ENDPOINTS, ROLE, SALARY_RANGE, SKILL

__all__ = [
    "NODE_PROPERTIES",
    "REL_PROPERTIES",
    "VERSION_KEY",
    "property_keys",
    "quote_name",
    "cypher_literal",
    "constraints",
    "merge_nodes",
    "merge_relationships",
    "prune_nodes",
    "prune_relationships",
    "lint_schema",
]

_COMMON = (("id", "STRING"), ("name", "STRING"), ("aliases", "STRING[]"))

#: label -> (property key, type) in a fixed order; types: STRING, INT64, DOUBLE, BOOLEAN, STRING[]
NODE_PROPERTIES: dict[str, tuple[tuple[str, str], ...]] = {
    ROLE: (*_COMMON, ("seniority", "INT64"), ("track", "STRING"), ("min_years", "DOUBLE"),
             ("max_years", "DOUBLE"), ("curated", "BOOLEAN"), ("one_of", "STRING[]")),
    SKILL: (*_COMMON, ("kind", "STRING"), ("category", "STRING"), ("curated", "BOOLEAN")),
    CERTIFICATION: (*_COMMON, ("issuer", "STRING"), ("curated", "BOOLEAN")),
    DEGREE: (*_COMMON, ("level", "STRING"), ("field", "STRING")),
    SALARY_RANGE: (*_COMMON, ("min", "DOUBLE"), ("max", "DOUBLE"), ("currency", "STRING"),
                    ("period", "STRING"), ("region", "STRING"), ("year", "INT64"), ("kind", "STRING")),
    DOCUMENT: (*_COMMON, ("title", "STRING"), ("source", "STRING"), ("loaded_at", "STRING"), ("chars", "INT64")),
}

#: properties every relationship carries (same for every type)
REL_PROPERTIES: tuple[tuple[str, str], ...] = (
    ("weight", "DOUBLE"), ("required", "BOOLEAN"), ("doc_count", "INT64"),
    ("documents", "STRING[]"), ("evidence", "STRING[]"),
)

#: property stamped on everything a push writes: the store fingerprint (lets a push prune what the store dropped)
VERSION_KEY = "kg_version"

if set(NODE_PROPERTIES) != set(NODE_TYPES):  # pragma: no cover - guards the closed vocabulary
    raise ImportError("NODE_PROPERTIES must list exactly the labels of kg.graph.model.NODE_TYPES")

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def property_keys() -> list[str]:
    """Return every property key kg writes, sorted (the lint schema's ``propertyKeys``)."""
    keys = {k for props in NODE_PROPERTIES.values() for k, _ in props} | {k for k, _ in REL_PROPERTIES}
    return sorted(keys | {VERSION_KEY})


def quote_name(name: str) -> str:
    """Return a label, type or key of the vocabulary in backticks (backticks inside doubled).

    >>> quote_name("REQUIRES_SKILL")
    '`REQUIRES_SKILL`'
    """
    if name not in NODE_PROPERTIES and name not in REL_ENDPOINTS and name not in property_keys():
        raise CypherBuildError(f"{name!r} is not a label, relationship type or property key of kg's model")
    return "`" + name.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """Return ``value`` as a Cypher literal: strings single-quoted and escaped, lists and maps recursively.

    >>> cypher_literal({"a b": [1, 2.5, None, True]})
    '{`a b`: [1, 2.5, null, true]}'
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "null"
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(_ESCAPES.get(ch, ch if ch >= " " else f"\\u{ord(ch):04x}") for ch in value) + "'"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise CypherBuildError(f"cannot write {type(value).__name__} value {value!r} as a Cypher literal")


def _key(key: str) -> str:
    return key if _IDENTIFIER.match(key) else "`" + key.replace("`", "``") + "`"


def constraints() -> list[str]:
    """Return one uniqueness constraint per label on ``id`` (created before any write)."""
    return [
        f"CREATE CONSTRAINT kg_{label.lower()}_id IF NOT EXISTS FOR (n:{quote_name(label)}) REQUIRE n.`id` IS UNIQUE"
        for label in NODE_PROPERTIES
    ]


def merge_nodes(label: str, rows: str = "$rows", version: str = "$version") -> str:
    """Return ``UNWIND rows MERGE`` of nodes of one label by id, setting every property of the label."""
    sets = [f"n.{quote_name(k)} = row.{quote_name(k)}" for k, _ in NODE_PROPERTIES[label] if k != "id"]
    sets.append(f"n.{quote_name(VERSION_KEY)} = {version}")
    return (f"UNWIND {rows} AS row\nMERGE (n:{quote_name(label)} {{`id`: row.`id`}})\n"
            f"SET {', '.join(sets)}")


def merge_relationships(rel_type: str, rows: str = "$rows", version: str = "$version") -> str:
    """Return ``UNWIND rows MATCH both ends MERGE`` of relationships of one type, setting their properties."""
    src, dst = REL_ENDPOINTS[rel_type]
    sets = [f"r.{quote_name(k)} = row.{quote_name(k)}" for k, _ in REL_PROPERTIES]
    sets.append(f"r.{quote_name(VERSION_KEY)} = {version}")
    return (f"UNWIND {rows} AS row\nMATCH (a:{quote_name(src)} {{`id`: row.src}})\n"
            f"MATCH (b:{quote_name(dst)} {{`id`: row.dst}})\n"
            f"MERGE (a)-[r:{quote_name(rel_type)}]->(b)\nSET {', '.join(sets)}")


def prune_relationships(rel_type: str, batch: int = 5000) -> str:
    """Return the statement deleting (one batch of) relationships an earlier push wrote and the store dropped."""
    src, dst = REL_ENDPOINTS[rel_type]
    key = quote_name(VERSION_KEY)
    return (f"MATCH (:{quote_name(src)})-[r:{quote_name(rel_type)}]->(:{quote_name(dst)})\n"
            f"WHERE r.{key} IS NOT NULL AND r.{key} <> $version\n"
            f"WITH r LIMIT {int(batch)}\nDELETE r\nRETURN count(*) AS deleted")


def prune_nodes(label: str, batch: int = 5000) -> str:
    """Return the statement deleting (one batch of) nodes an earlier push wrote and the store dropped."""
    key = quote_name(VERSION_KEY)
    return (f"MATCH (n:{quote_name(label)})\nWHERE n.{key} IS NOT NULL AND n.{key} <> $version\n"
            f"WITH n LIMIT {int(batch)}\nDETACH DELETE n\nRETURN count(*) AS deleted")


def lint_schema() -> dict[str, Any]:
    """Return the ``dbSchema`` for Neo4j's linter: labels, types, property keys and the allowed paths."""
    return {
        "labels": list(NODE_PROPERTIES),
        "relationshipTypes": list(REL_ENDPOINTS),
        "propertyKeys": [*property_keys(), "src", "dst"],  # src/dst: keys of relationship rows
        "graphSchema": [{"from": s, "to": d, "relType": t} for t, (s, d) in REL_ENDPOINTS.items()],
    }
