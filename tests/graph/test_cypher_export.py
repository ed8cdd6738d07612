"""The cypher-shell script and the neo4j-admin CSV folder."""

from __future__ import annotations

import csv
import re

import pytest

from kg.errors import ExportError
from kg.graph.cypher.builders import NODE_PROPERTIES
from kg.graph.cypher.files import ARRAY_DELIMITER, import_command
from kg.graph.export.registry import export
from kg.graph.types import REL_ENDPOINTS


def test_script_is_deterministic_and_constraints_come_first(corpus_store, tmp_path) -> None:
    export(corpus_store, "cypher", tmp_path / "a.cypher")
    export(corpus_store, "cypher", tmp_path / "b.cypher")
    text = (tmp_path / "a.cypher").read_text(encoding="utf-8")
    assert text == (tmp_path / "b.cypher").read_text(encoding="utf-8")
    statements = [s for s in text.split(";\n") if s.strip()]
    body = [s for s in statements if not s.startswith("//")]
    assert body[0].startswith("CREATE CONSTRAINT")
    assert ":param" not in text and "$rows" not in text
    assert sum(s.count("MERGE (n:") for s in statements) >= len(NODE_PROPERTIES) - 2


def test_csv_folder_round_trips_and_readme_names_every_file(corpus_store, tmp_path) -> None:
    out = tmp_path / "neo4j"
    export(corpus_store, "neo4j-csv", out)
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert import_command() in readme
    for path in out.glob("*.csv"):
        assert f"={path.name}" in readme
    with open(out / "rels-REQUIRES_SKILL.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == corpus_store.counts()["edges"]["REQUIRES_SKILL"]
    first = rows[0]
    edge = next(corpus_store.edges("REQUIRES_SKILL"))
    assert (first[":START_ID(Role)"], first[":END_ID(Skill)"]) == (edge.src, edge.dst)
    assert len(first["documents:string[]"].split(ARRAY_DELIMITER)) == edge.doc_count
    headers = {p.name: p.read_text(encoding="utf-8").splitlines()[0] for p in out.glob("*.csv")}
    assert all(re.match(r"(id:ID\(\w+\)|:START_ID\(\w+\),:END_ID\(\w+\)),", h) for h in headers.values())
    assert len(headers) == len(NODE_PROPERTIES) + len(REL_ENDPOINTS)


def test_csv_folder_is_replaced_but_never_a_folder_holding_other_files(corpus_store, tmp_path) -> None:
    out = tmp_path / "neo4j"
    export(corpus_store, "neo4j-csv", out)
    export(corpus_store, "neo4j-csv", out)  # a previous export is replaced
    assert not (tmp_path / "neo4j.part").exists() and not (tmp_path / "neo4j.old").exists()
    (out / "mine.txt").write_text("keep me")
    with pytest.raises(ExportError, match="holds other files"):
        export(corpus_store, "neo4j-csv", out)
    assert (out / "mine.txt").read_text() == "keep me"
    assert not (tmp_path / "neo4j.part").exists()
