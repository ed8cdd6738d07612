"""The Cypher query library: one named, parameterised ``queries/cypher/NAME.cypher`` file per question.

Each file starts with a header of ``//`` comments::

    // Answers: <the question, may continue on indented lines>
    // Param <name> (<string|int|float|bool>[, default <json>]): <what it is, e.g. …>
    // Python: <the kg.queries function that answers the same question>

Files are written in Neo4j's dialect. Where the embedded ladybug engine needs
other syntax, ``NAME.ladybug.cypher`` holds the variant: :data:`DIALECT_NOTES`
lists the differences, and this is the only place that knows about them.

>>> sorted(library())[:3]
['certifications-for-role', 'most-demanded-skills', 'next-roles']
>>> from kg.graph.examples import tiny_store
>>> from kg.graph.cypher.ladybug import LadybugEngine
>>> run_library_query(LadybugEngine(tiny_store()), "next-roles", {"role": "engineer"}).rows[0][:2]
('manager', 'Manager')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from kg.errors import CypherQueryError
from kg.graph.cypher.engine import CypherResult
from kg.plugins import bundled_texts

if TYPE_CHECKING:
    from kg.graph.protocols import QueryEngine

__all__ = ["Param", "LibraryQuery", "library", "get_query", "run_library_query", "run_cypher", "parse_value",
           "DIALECT_NOTES"]

#: how the embedded engine (ladybug, a Kùzu fork) differs from Neo4j, as met by the library and users
DIALECT_NOTES = (
    "shortest paths: (a)-[:T* SHORTEST 1..10]->(b) or * ALL SHORTEST, not shortestPath()/allShortestPaths()",
    "list comprehensions [x IN list | x.id] are not supported: use properties(nodes(p), 'id') or list_transform",
    "toFloat() does not exist: multiply by 1.0 (works on both engines)",
    "every label and relationship type must exist in the schema (Role, Skill, Certification, Degree, SalaryRange,"
    " Document; REQUIRES_SKILL, PROGRESSES_TO, …); the embedded database is read-only",
)

_PARAM = re.compile(r"Param (\w+) \((string|int|float|bool)(?:, default (.+?))?\):\s*(.*)")
_TYPES: dict[str, type] = {"string": str, "int": int, "float": float, "bool": bool}


@dataclass(frozen=True)
class Param:
    """A parameter of a library query: name, type, description and optional default."""

    name: str
    type: str
    description: str
    default: Any = None
    required: bool = True


@dataclass(frozen=True)
class LibraryQuery:
    """A named query: what it answers, its parameters and its text per dialect."""

    name: str
    answers: str
    params: tuple[Param, ...]
    python: str
    texts: dict[str, str]

    def text_for(self, dialect: str) -> str:
        """Return the query in ``dialect`` (the Neo4j text when no variant is needed)."""
        return self.texts.get(dialect, self.texts["neo4j"])


@cache
def library() -> dict[str, LibraryQuery]:
    """Return every library query by name (read once from the package's ``cypher`` folder)."""
    files = bundled_texts("kg.queries", "cypher", ".cypher")
    return {name: _parse(name, text, files.get(f"{name}.ladybug"))
            for name, text in files.items() if not name.endswith(".ladybug")}


def _parse(name: str, text: str, ladybug_text: str | None) -> LibraryQuery:
    answers: list[str] = []
    params: list[Param] = []
    python = ""
    for line in text.splitlines():
        if not line.startswith("//"):
            continue
        body = line[2:].strip()
        if body.startswith("Answers:"):
            answers.append(body.removeprefix("Answers:").strip())
        elif (m := _PARAM.match(body)) is not None:
            default = json.loads(m[3]) if m[3] is not None else None
            params.append(Param(m[1], m[2], m[4], default, m[3] is None))
        elif body.startswith("Python:"):
            python = body.removeprefix("Python:").strip()
        elif answers and line.startswith("//   "):
            answers.append(body)
    texts = {"neo4j": text}
    if ladybug_text is not None:
        texts["ladybug"] = ladybug_text
    return LibraryQuery(name, " ".join(answers), tuple(params), python, texts)


def get_query(name: str) -> LibraryQuery:
    """Return the library query ``name``; an unknown name lists the known ones."""
    found = library().get(name)
    if found is None:
        raise CypherQueryError(f"no library query {name!r}; `kg cypher --list` shows: {', '.join(library())}")
    return found


def run_library_query(engine: QueryEngine, name: str, params: dict[str, Any] | None = None) -> CypherResult:
    """Run library query ``name`` on ``engine`` with ``params`` checked, typed and defaulted."""
    query = get_query(name)
    given = dict(params or {})
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        raise CypherQueryError(f"{name} takes no parameter {', '.join(unknown)}; it takes: "
                               + ", ".join(p.name for p in query.params))
    values: dict[str, Any] = {}
    for p in query.params:
        if p.name not in given:
            if p.required:
                raise CypherQueryError(f"{name} needs --param {p.name}=… ({p.description})")
            values[p.name] = p.default
            continue
        values[p.name] = _typed(name, p, given[p.name])
    return engine.query(query.text_for(engine.dialect), values)


def _typed(name: str, p: Param, value: Any) -> Any:
    want = _TYPES[p.type]
    if isinstance(value, want) and not (want is int and isinstance(value, bool)):
        return value
    try:
        if want is bool:
            return str(value).lower() in ("1", "true", "yes")
        return want(value)
    except (TypeError, ValueError) as exc:
        raise CypherQueryError(f"{name}: parameter {p.name} must be {p.type}, not {value!r}") from exc


def run_cypher(engine: QueryEngine, text: str, params: dict[str, Any] | None = None) -> CypherResult:
    """Run ad-hoc Cypher on ``engine`` (read-only on the embedded engine)."""
    if not text.strip():
        raise CypherQueryError("empty Cypher query; give a MATCH … RETURN … or a library name (`kg cypher --list`)")
    return engine.query(text, params or {})


def parse_value(text: str) -> Any:
    """Read a ``--param`` value: JSON when it parses (numbers, true, lists), else the text itself.

    >>> parse_value("10"), parse_value("ml-engineer"), parse_value('["a"]')
    (10, 'ml-engineer', ['a'])
    """
    try:
        return json.loads(text)
    except ValueError:
        return text
