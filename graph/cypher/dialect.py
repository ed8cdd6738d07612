"""How the embedded engine's Cypher (ladybug, a Kùzu fork) differs from Neo4j's: the table shown to analysts.

Each row names the difference, what Neo4j does, what the embedded engine does and what to
write instead, and carries a probe: a query whose outcome on the real engine (over the tiny
example graph) the tests check, so the table stays true. When the engine rejects a query with
an error a row explains, :func:`hint` returns that row's advice for the message.

>>> hint("Catalog exception: function TOINTEGER does not exist.")
"toInteger(): to_int64(x) or cast(x, 'INT64') (to_int64(2.7) is 3: it rounds; floor() first to truncate)"
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Difference", "DIFFERENCES", "hint", "help_lines", "markdown_table"]


@dataclass(frozen=True)
class Difference:
    """One difference: topic, Neo4j's behaviour, the embedded engine's (and what to write), and its probe."""

    topic: str
    neo4j: str
    embedded: str
    probe: str
    #: the probe's rows (a Python literal) or ``error: <text in the message>``
    outcome: str
    #: text of the engine's error that this row explains ("" when the probe runs)
    error: str = ""


DIFFERENCES: tuple[Difference, ...] = (
    Difference("list index", "0-based: [10,20,30][1] is 20", "1-based: [10,20,30][1] is 10; [0] is an error",
               "RETURN [10, 20, 30][1] AS x", "[(10,)]", "1-based position"),
    Difference("list slice", "[1,2,3][1..2] is [2] (end excluded)", "[1,2,3][1..2] is [1, 2] (1-based, end included)",
               "RETURN [1, 2, 3][1..2] AS x", "[([1, 2],)]"),
    Difference("variable-length paths", "trail: no relationship twice in a path",
               "walk (repeats allowed) unless the pattern says TRAIL or ACYCLIC; kg adds TRAIL "
               "(--paths walk or acyclic to change; TRAIL applies per pattern, Neo4j's per MATCH)",
               "MATCH p = (:Role {id: 'engineer'})-[:PROGRESSES_TO* TRAIL 1..3]->() RETURN count(p) AS n", "[(2,)]"),
    Difference("unbounded *", "no upper bound", "ladybug stops at 30 hops; kg bounds * to 1..20 and refuses a "
               "larger bound (--max-hops, at most 30); a query past --timeout (20 s) or over --memory (1024 MB) is "
               "stopped",
               "MATCH p = (:Role {id: 'engineer'})-[:PROGRESSES_TO*1..40]->() RETURN count(p) AS n",
               "error: allows up to 40 hops"),
    Difference("shortestPath()", "shortestPath((a)-[*]->(b)), allShortestPaths(…)",
               "(a)-[* SHORTEST 1..20]->(b), (a)-[* ALL SHORTEST 1..20]->(b)",
               "MATCH p = shortestPath((a:Role)-[:PROGRESSES_TO*]->(b:Role)) RETURN p", "error: shortestPath",
               "shortestPath"),
    Difference("toInteger()", "toInteger(x), truncating", "to_int64(x) or cast(x, 'INT64') (to_int64(2.7) is 3: it "
               "rounds; floor() first to truncate)", "RETURN toInteger('42') AS x", "error: TOINTEGER",
               "function TOINTEGER"),
    Difference("toFloat()", "toFloat(x)", "to_double(x), or x * 1.0 (works on both)",
               "RETURN toFloat('1.5') AS x", "error: TOFLOAT", "function TOFLOAT"),
    Difference("toString()", "toString(x)", "to_string(x) or cast(x, 'STRING')",
               "RETURN toString(12) AS x", "error: TOSTRING", "function TOSTRING"),
    Difference("type(r)", "type(r) is the relationship type", "label(r)",
               "MATCH ()-[r]->() RETURN type(r) AS t LIMIT 1", "error: TYPE", "function TYPE "),
    Difference("elementId(), id()", "elementId(n) a string, id(n) an integer",
               "no elementId(); id(n) is a {offset, table} map: use n.id, kg's stable id",
               "MATCH (n:Role) RETURN elementId(n) AS e LIMIT 1", "error: ELEMENTID", "function ELEMENTID"),
    Difference("COUNT { } subquery", "COUNT { (r)-->() }", "the same (write MATCH inside: COUNT { MATCH (r)-->() })",
               "MATCH (r:Role {id: 'engineer'}) RETURN COUNT { MATCH (r)-[:PROGRESSES_TO]->() } AS n", "[(1,)]"),
    Difference("pattern comprehension", "[(a)-->(b) | b.id]", "not supported: MATCH the pattern and collect(b.id)",
               "MATCH (r:Role {id: 'engineer'}) RETURN [(r)-[:PROGRESSES_TO]->(s) | s.id] AS x",
               "error: not in scope"),
    Difference("list comprehension", "[x IN list | f(x)]", "list_transform(list, x -> f(x)); "
               "properties(nodes(p), 'id') for the ids on a path", "RETURN [x IN [1, 2, 3] | x * 2] AS x",
               "error: not in scope", "is not in scope"),
    Difference("reduce()", "reduce(acc = 0, x IN list | acc + x)", "list_reduce(list, (acc, x) -> acc + x)",
               "RETURN reduce(acc = 0, x IN [1, 2, 3] | acc + x) AS x", "error: REDUCE", "function REDUCE"),
    Difference("split()", "split(s, ',')", "string_split(s, ',')", "RETURN split('a,b', ',') AS x",
               "error: SPLIT", "function SPLIT"),
    Difference("head(), last(), tail()", "head(l), last(l), tail(l)", "l[1], l[-1], l[2..] (1-based)",
               "RETURN head([1, 2]) AS x", "error: HEAD", "function HEAD"),
    Difference("round()", "round(x) to the nearest integer", "round(x, 0): the digits are required",
               "RETURN round(2.4) AS x", "error: ROUND", "Function ROUND"),
    Difference("datetime()", "datetime(), date(), duration('P1D')",
               "timestamp('2024-01-02 10:00:00'), current_timestamp(), date('2024-01-02'), interval('1 day')",
               "RETURN datetime() AS x", "error: DATETIME", "function DATETIME"),
    Difference("db.labels(), procedures", "CALL db.labels(), CALL db.schema.visualization()",
               "CALL show_tables() RETURN *; no APOC", "CALL db.labels() YIELD label RETURN label",
               "error: Parser exception", "CALL db."),
    Difference("label predicate", "WHERE n:Role", "label(n) = 'Role', or MATCH (n:Role)",
               "MATCH (n) WHERE n:Role RETURN count(n) AS x", "error: Parser exception", "WHERE n:"),
    Difference("map projection", "n {.id, .name}", "{id: n.id, name: n.name}",
               "MATCH (r:Role) RETURN r {.id, .name} AS m LIMIT 1", "error: Parser exception"),
    Difference("CALL { } subquery", "CALL { MATCH … RETURN … }", "not supported: use WITH, or OPTIONAL MATCH",
               "CALL { MATCH (r:Role) RETURN count(r) AS c } RETURN c", "error: Parser exception", "CALL {"),
    Difference("unknown label or property", "matches nothing / null", "an error: every label, type and property "
               "must be in the schema (Role, Skill, Certification, Degree, SalaryRange, Document; REQUIRES_SKILL, "
               "PROGRESSES_TO, …)", "MATCH (n:Person) RETURN n", "error: does not exist", "Table "),
    Difference("writes", "CREATE, MERGE, SET, DELETE", "refused: the embedded database is a read-only mirror of "
               "the store (kg build changes the store)", "CREATE (:Role {id: 'x'})", "error: read-only"),
    Difference("missing $param", "an error", "ladybug reads it as null (0 rows); kg refuses the query first",
               "MATCH (r:Role) WHERE r.id = $role RETURN r.id", "error: no value was given"),
    Difference("several statements", "cypher-shell runs each", "ladybug runs all and returns the last; kg "
               "refuses the text and runs nothing", "MATCH (r:Role) RETURN r.id; MATCH (s:Skill) RETURN s.id",
               "error: 2 statements"),
)


def hint(message: str) -> str | None:
    """Return the advice for an engine error that a row of the table explains, or None."""
    for row in DIFFERENCES:
        if row.error and row.error in message:
            return f"{row.topic}: {row.embedded}"
    return None


def help_lines() -> list[str]:
    """Return the table as short lines for ``kg cypher --help``."""
    return [f"{d.topic}: Neo4j {d.neo4j}; here {d.embedded}" for d in DIFFERENCES]


def markdown_table() -> str:
    """Return the table in Markdown, as the README shows it."""
    rows = ["| Topic | Neo4j | Embedded engine (ladybug) |", "|---|---|---|"]
    rows += [f"| {_md(d.topic)} | {_md(d.neo4j)} | {_md(d.embedded)} |" for d in DIFFERENCES]
    return "\n".join(rows)


def _md(text: str) -> str:
    return text.replace("|", "\\|")
