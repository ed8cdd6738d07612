"""kg cypher input and output: a query from a file or stdin, parameters from a file, table, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli

QUERY = "MATCH (r:Role {id: $role})-[e:PROGRESSES_TO]->(n:Role) RETURN n.id AS id, e.evidence AS evidence ORDER BY id"


@pytest.fixture
def run(corpus_store_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)

    def invoke(*args: str, stdin: str | None = None):
        return CliRunner().invoke(cli, [*args, "--store", str(corpus_store_path)], input=stdin)

    return invoke


def _rows(result) -> list[dict]:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["rows"]


def test_a_query_from_a_file_from_stdin_and_inline_agree(run, tmp_path: Path) -> None:
    query_file = tmp_path / "moves.cypher"
    query_file.write_text("// moves out of a role\n" + QUERY + ";\n", encoding="utf-8")
    params = tmp_path / "params.json"
    params.write_text(json.dumps({"role": "ml-engineer"}), encoding="utf-8")
    inline = _rows(run("cypher", QUERY, "-p", "role=ml-engineer", "--json"))
    from_file = _rows(run("cypher", str(query_file), "--params-file", str(params), "--json"))
    from_stdin = _rows(run("cypher", "-", "--params-file", str(params), "--format", "json", stdin=QUERY))
    assert inline == from_file == from_stdin and inline


def test_param_overrides_the_params_file_for_library_questions(run, tmp_path: Path) -> None:
    params = tmp_path / "params.json"
    params.write_text(json.dumps({"role": "ml-engineer", "limit": 3}), encoding="utf-8")
    rows = _rows(run("cypher", "similar-roles", "--params-file", str(params), "-p", "limit=2", "--json"))
    assert len(rows) == 2


def test_csv_keeps_every_value_whole_and_quoted(run) -> None:
    result = run("cypher", QUERY, "-p", "role=ml-engineer", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    whole = _rows(run("cypher", QUERY, "-p", "role=ml-engineer", "--json"))
    assert [r["id"] for r in table] == [r["id"] for r in whole]
    assert [json.loads(r["evidence"]) for r in table] == [r["evidence"] for r in whole]
    assert f"({len(whole)} rows)" in result.stderr


def test_the_table_cuts_long_cells_instead_of_overflowing(run) -> None:
    result = run("cypher", QUERY, "-p", "role=ml-engineer")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len({len(line) for line in lines[2:]}) == 1 and all(len(line) <= 2 + 60 + 60 for line in lines)
    assert "…" in result.stdout and "--format csv or json" in result.stderr


def test_values_read_as_an_analyst_expects(run) -> None:
    result = run("cypher", "RETURN true AS t, null AS n, [1, 2] AS l, 'a\nb' AS s", "--format", "csv")
    assert result.stdout.splitlines()[:2] == ["t,n,l,s", 'true,,"[1, 2]","a']
    table = run("cypher", "RETURN true AS t, null AS n, 'a\nb' AS s").stdout.splitlines()
    assert table[2].split() == ["true", "a", "b"]  # a newline in a value stays on its row


@pytest.mark.parametrize("content, name, message", [
    ("role: cto\n", "p.yaml", "JSON only"),  # YAML is not read (no YAML dependency)
    ("{not json", "p.json", "is not JSON"),  # broken JSON
    ('["role"]', "p.json", "not an object"),  # not name -> value
])
def test_a_bad_params_file_is_a_usage_error(run, tmp_path: Path, content: str, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("cypher", "next-roles", "--params-file", str(path))
    assert result.exit_code == 2 and message in result.stderr


def test_sparql_reads_the_same_params_file(run, tmp_path: Path) -> None:
    params = tmp_path / "params.json"
    params.write_text(json.dumps({"from": "ml-engineer", "to": "cto"}), encoding="utf-8")
    cypher = _rows(run("cypher", "skill-gap", "--params-file", str(params), "--json"))
    sparql = json.loads(run("sparql", "skill-gap", "--params-file", str(params), "--json").stdout)  # W3C results JSON
    assert [r["id"] for r in cypher] == [b["id"]["value"] for b in sparql["results"]["bindings"]] and cypher
