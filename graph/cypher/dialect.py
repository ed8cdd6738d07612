"""How the embedded engine's Cypher (ladybug, a Kùzu fork) differs from Neo4j's: the table shown to analysts."""

from __future__ import annotations

__all__ = ["DIALECT_NOTES"]

#: how the embedded engine differs from Neo4j, as met by the library and users
DIALECT_NOTES = (
    "shortest paths: (a)-[:T* SHORTEST 1..10]->(b) or * ALL SHORTEST, not shortestPath()/allShortestPaths()",
    "list comprehensions [x IN list | x.id] are not supported: use properties(nodes(p), 'id') or list_transform",
    "toFloat() does not exist: multiply by 1.0 (works on both engines)",
    "every label and relationship type must exist in the schema (Role, Skill, Certification, Degree, SalaryRange,"
    " Document; REQUIRES_SKILL, PROGRESSES_TO, …); the embedded database is read-only",
)
