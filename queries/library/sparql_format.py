"""Write a :class:`~kg.queries.library.sparql_engine.SparqlAnswer`: a readable table, or the W3C formats.

- ``json``: SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/);
- ``csv`` / ``tsv``: SPARQL 1.1 Query Results CSV and TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/),
  written by pyoxigraph's serializers (an ASK answer is the single word ``true`` or ``false``);
- ``table`` (default): one column per variable, IRIs and values as text (booleans ``true``/``false``),
  control characters escaped, cells longer than :data:`CELL` characters cut with ``…``.

CONSTRUCT and DESCRIBE answers are graphs and are always written as Turtle.

>>> from kg.queries.library.sparql_engine import SparqlAnswer
>>> a = SparqlAnswer("SELECT", ("id", "ok"), ({"id": {"type": "literal", "value": "cto"},
...     "ok": {"type": "literal", "value": "true", "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}},))
>>> print(render(a, "table"), end="")
id   ok
---  ----
cto  true
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from kg.errors import SparqlError

if TYPE_CHECKING:
    from kg.queries.library.sparql_engine import SparqlAnswer, Term

__all__ = ["FORMATS", "render", "CELL"]

FORMATS = ("table", "json", "csv", "tsv")
#: the widest cell of a table; use csv, tsv or json for whole values
CELL = 80
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def render(answer: SparqlAnswer, fmt: str = "table") -> str:
    """Return ``answer`` written in ``fmt`` (one of :data:`FORMATS`), ending with a newline; a graph is Turtle."""
    if fmt not in FORMATS:
        raise SparqlError(f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if answer.form == "GRAPH":
        if fmt != "table":
            raise SparqlError(f"a CONSTRUCT or DESCRIBE answer is a graph, written as Turtle; --format {fmt} "
                              "is for SELECT and ASK: leave --format out")
        text = answer.turtle or ""
        return text if text.endswith("\n") or not text else text + "\n"
    if fmt == "json":
        return json.dumps(answer.w3c_json(), ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        return _w3c_text(answer, fmt)
    if answer.form == "ASK":
        return "true\n" if answer.boolean else "false\n"
    return _table(answer) + "\n"


def _w3c_text(answer: SparqlAnswer, fmt: str) -> str:
    from kg.plugins import require

    require("rdf", "pyoxigraph", "SPARQL results as CSV or TSV")
    import pyoxigraph as ox

    data = json.dumps(answer.w3c_json(), ensure_ascii=False).encode("utf-8")
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    target = ox.QueryResultsFormat.CSV if fmt == "csv" else ox.QueryResultsFormat.TSV
    text = (parsed.serialize(format=target) or b"").decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def _table(answer: SparqlAnswer) -> str:
    header = list(answer.columns)
    body = [[_cell(row.get(c)) for c in header] for row in answer.rows]
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join(lines)


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    text = _CONTROL.sub(lambda m: _ESCAPES.get(m[0], f"\\x{ord(m[0]):02x}"), term["value"])
    if term["type"] == "bnode":
        text = "_:" + text
    return text if len(text) <= CELL else text[:CELL - 1] + "…"
