"""kg cypher and kg neo4j push through the real command line (CliRunner)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli.main import cli


@pytest.fixture
def run(corpus_store_path, tmp_path, monkeypatch):
    import shutil

    store = tmp_path / "kg.sqlite"
    shutil.copy(corpus_store_path, store)
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)

    def invoke(*args: str, env: dict[str, str] | None = None):
        return CliRunner().invoke(cli, [*args, "--store", str(store)], env=env)

    return invoke


def test_list_shows_every_library_query(run) -> None:
    result = run("cypher", "--list", "--json")
    assert result.exit_code == 0, result.stderr
    names = [q["name"] for q in json.loads(result.stdout)]
    assert "shortest-career-path" in names and len(names) >= 8
    text = run("cypher", "--list").stdout
    assert "--param role=<Role>" in text


def test_library_query_as_json_and_table(run) -> None:
    result = run("cypher", "next-roles", "--param", "role=ml-engineer", "--json")
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["engine"] == "ladybug" and answer["columns"][:2] == ["id", "name"]
    assert answer["rows"] and "senior-ml-engineer" in [r["id"] for r in answer["rows"]]
    table = run("cypher", "skills-for-role", "-p", "role=ml-engineer")
    assert table.exit_code == 0 and table.stdout.splitlines()[0].split()[:2] == ["id", "name"]
    assert "row" in table.stderr


def test_ad_hoc_cypher_runs_on_the_embedded_engine(run) -> None:
    result = run("cypher", "MATCH (r:Role) WHERE r.id = $id RETURN r.name AS name", "-p", "id=cto", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert len(rows) == 1 and set(rows[0]) == {"name"}


@pytest.mark.parametrize("args, code, message", [
    (["cypher"], 2, "library query NAME"),  # nothing to run
    (["cypher", "next-roles", "-p", "role"], 2, "KEY=VALUE"),  # malformed --param
    (["cypher", "next-roles"], 2, "needs --param role=ml-engineer"),  # missing parameter
    (["cypher", "MATCH p = shortestPath((a)-->(b)) RETURN p"], 1, "ladybug"),  # Neo4j-only syntax
    (["cypher", "MATCH (r:Role {id: $role}) RETURN r.id"], 2, "$role but no value"),  # missing $param
    (["cypher", "MATCH (r:Role) RETURN r.id; MATCH (s:Skill) RETURN s.id"], 1, "nothing was run"),  # two
    (["cypher", "MATCH (a)-[*1..25]->(b) RETURN b"], 1, "--max-hops 20"),  # a bound over the default
])
def test_errors_are_one_message_not_a_traceback(run, args, code, message) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr and "Traceback" not in result.stderr


def test_push_to_an_unreachable_neo4j_is_one_clear_line(run) -> None:
    secret = "s3cret-pw"
    result = run("neo4j", "push", "--uri", "neo4j://127.0.0.1:9", "--json",
                 env={"NEO4J_PASSWORD": secret})
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "cannot reach Neo4j at neo4j://127.0.0.1:9" in errors[0]
    assert secret not in result.stderr + result.stdout and "Traceback" not in result.stderr


def test_push_without_a_uri_says_how_to_set_one(run) -> None:
    result = run("neo4j", "push", env={"NEO4J_PASSWORD": "x"})
    assert result.exit_code == 1 and "NEO4J_URI" in result.stderr


def test_help_has_examples() -> None:
    for args in (["cypher", "--help"], ["neo4j", "--help"], ["neo4j", "push", "--help"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and "Example:" in result.stdout
    assert "SHORTEST" in CliRunner().invoke(cli, ["cypher", "--help"]).stdout


def test_the_first_query_says_the_cache_is_building_and_notes_go_to_stderr(run) -> None:
    first = run("cypher", "MATCH p = (a:Role)-[:PROGRESSES_TO*]->(b:Role) RETURN count(p) AS n", "--json")
    assert first.exit_code == 0, first.stderr
    assert "building the embedded Cypher database" in first.stderr and "bounded to 1..20" in first.stderr
    assert json.loads(first.stdout)["rows"][0]["n"] > 0
    again = run("cypher", "MATCH (r:Role) RETURN count(r) AS n", "--json")
    assert "building" not in again.stderr and "note:" not in again.stderr
