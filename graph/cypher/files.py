"""Export the store for Neo4j: a cypher-shell script, or a folder of neo4j-admin import CSV files.

The script uses the same ``UNWIND … MERGE`` statements as ``kg neo4j push`` with
the rows written as escaped Cypher literals (no ``:param``: any cypher-shell or
Neo4j Browser runs it), so running it twice changes nothing. The CSV folder holds
one file per label and per relationship type with neo4j-admin headers, the
uniqueness constraints to run afterwards, and a README.txt with the exact
``neo4j-admin database import full`` command.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.graph.cypher import builders as build
from kg.graph.cypher.rows import batched, node_rows, rel_rows, store_fingerprint
from kg.graph.types import REL_ENDPOINTS

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["export_cypher", "export_neo4j_csv", "script_statements", "import_command", "ARRAY_DELIMITER"]

SCRIPT_BATCH = 500
#: neo4j-admin array delimiter: the ASCII unit separator, which never occurs in text kg keeps
ARRAY_DELIMITER = "\x1f"
_CSV_TYPES = {"STRING": "string", "INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean", "STRING[]": "string[]"}


def script_statements(store: GraphReader, batch: int = SCRIPT_BATCH) -> list[str]:
    """Return the script's statements (without the final ``;``): constraints, then node and relationship merges."""
    version = build.cypher_literal(store_fingerprint(store))
    out = list(build.constraints())
    for label in build.NODE_PROPERTIES:
        for rows in batched(node_rows(store, label), batch):
            out.append(build.merge_nodes(label, rows=build.cypher_literal(rows), version=version))
    for rel_type in REL_ENDPOINTS:
        for rows in batched(rel_rows(store, rel_type), batch):
            out.append(build.merge_relationships(rel_type, rows=build.cypher_literal(rows), version=version))
    return out


def export_cypher(store: GraphReader, out: Path) -> None:
    """Write a cypher-shell script: ``cypher-shell -u neo4j -f graph.cypher``."""
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("// kg career graph for Neo4j. Run: cypher-shell -u neo4j -d neo4j -f THIS_FILE.cypher\n"
                 "// Idempotent: MERGE on stable ids; running it again changes nothing.\n")
        for statement in script_statements(store):
            fh.write(statement + ";\n")


def export_neo4j_csv(store: GraphReader, out: Path) -> None:
    """Write ``out/`` with nodes-<Label>.csv, rels-<TYPE>.csv, constraints.cypher and README.txt."""
    out.mkdir(parents=True, exist_ok=True)
    version = store_fingerprint(store)
    multiline = False
    for label, props in build.NODE_PROPERTIES.items():
        header = [f"id:ID({label})"] + [f"{k}:{_CSV_TYPES[t]}" for k, t in props if k != "id"]
        rows = ([r["id"], *(_cell(r[k]) for k, _ in props if k != "id"), version] for r in node_rows(store, label))
        multiline |= _write_csv(out / f"nodes-{label}.csv", [*header, f"{build.VERSION_KEY}:string"], rows)
    for rel_type, (src, dst) in REL_ENDPOINTS.items():
        header = [f":START_ID({src})", f":END_ID({dst})"] + [f"{k}:{_CSV_TYPES[t]}" for k, t in build.REL_PROPERTIES]
        rows = ([r["src"], r["dst"], *(_cell(r[k]) for k, _ in build.REL_PROPERTIES), version]
                for r in rel_rows(store, rel_type))
        multiline |= _write_csv(out / f"rels-{rel_type}.csv", [*header, f"{build.VERSION_KEY}:string"], rows)
    (out / "constraints.cypher").write_text("".join(s + ";\n" for s in build.constraints()), encoding="utf-8")
    (out / "README.txt").write_text(_readme(multiline), encoding="utf-8")


def import_command(database: str = "neo4j", *, multiline: bool = False) -> str:
    """Return the neo4j-admin command that imports the folder (run from inside it, Neo4j stopped).

    The database name comes right after ``full``: since Neo4j 5.19 ``--nodes`` and ``--relationships``
    take one or more values, so a name after them would be read as a file. ``--multiline-fields`` (which
    slows the import) is asked for only when a field of the files spans lines.
    """
    parts = [f"neo4j-admin database import full {database}", "--array-delimiter=U+001F"]
    if multiline:
        parts.append("--multiline-fields=true")
    parts += [f"--nodes={label}=nodes-{label}.csv" for label in build.NODE_PROPERTIES]
    parts += [f"--relationships={t}=rels-{t}.csv" for t in REL_ENDPOINTS]
    return " \\\n    ".join(parts)


def _readme(multiline: bool) -> str:
    lines = "some fields span lines" if multiline else "no field spans lines"
    return (
        "kg career graph as neo4j-admin import files (one CSV per label and relationship type).\n\n"
        "1. Stop Neo4j, then from this folder run (Neo4j 5.19 or later; add --overwrite-destination to replace "
        "an existing database):\n\n"
        f"{import_command(multiline=multiline)}\n\n"
        "2. Start Neo4j and create the uniqueness constraints kg relies on:\n\n"
        "cypher-shell -u neo4j -d neo4j -f constraints.cypher\n\n"
        f"Arrays (aliases, documents, evidence) are separated by U+001F; {lines}.\n"
        "Later updates: `kg neo4j push` merges on the same ids and prunes what the store dropped.\n"
    )


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, " ") for v in value)
    return value


def _write_csv(path: Path, header: list[str], rows: Any) -> bool:
    """Write the rows; return whether a field spans lines (then neo4j-admin needs --multiline-fields)."""
    multiline = False
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            multiline = multiline or any(isinstance(c, str) and ("\n" in c or "\r" in c) for c in row)
            writer.writerow(row)
    return multiline
