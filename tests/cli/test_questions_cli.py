"""kg cypher NAME and kg sparql NAME: the same names, parameters, aliases and failures (CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli


@pytest.fixture
def run(corpus_store_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)

    def invoke(*args: str):
        return CliRunner().invoke(cli, [*args, "--store", str(corpus_store_path)])

    return invoke


def _ids(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    if "results" in data:  # kg sparql --json: W3C SPARQL results JSON
        return [b["id"]["value"] for b in data["results"]["bindings"]]
    return [r["id"] for r in data["rows"]]


@pytest.mark.parametrize("command", ["cypher", "sparql"])
def test_old_names_and_parameter_names_keep_working_and_say_the_new_name(run, command: str) -> None:
    new = run(command, "skill-gap", "-p", "from=ml-engineer", "-p", "to=cto", "--json")
    old = run(command, "gap", "-p", "source=Machine Learning Engineer", "-p", "target=CTO", "--json")
    assert _ids(new) == _ids(old) and _ids(new)
    assert "'gap' is now called 'skill-gap'" in old.stderr and "now called" not in new.stderr


def test_both_engines_answer_alike_with_an_alias_for_a_role(run) -> None:
    cypher = run("cypher", "next-roles", "-p", "role=MLE", "--json")
    sparql = run("sparql", "next-roles", "-p", "role=MLE", "--json")
    assert _ids(cypher) == _ids(sparql) and "senior-ml-engineer" in _ids(cypher)


@pytest.mark.parametrize("command", ["cypher", "sparql"])
@pytest.mark.parametrize("args, message", [
    (["skil-gap"], "Did you mean: skill-gap"),  # misspelt question
    (["next-roles"], "needs --param role=ml-engineer"),  # missing parameter
    (["next-roles", "-p", "rol=cto"], "takes no parameter 'rol'. Did you mean role?"),  # misspelt parameter
    (["next-roles", "-p", "role=astronat"], "unknown role 'astronat'"),  # unknown role
    (["similar-roles", "-p", "role=cto", "-p", "limit=many"], "must be an integer"),  # wrong type
])
def test_both_commands_fail_the_same_way(run, command: str, args: list[str], message: str) -> None:
    result = run(command, *args)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_both_lists_use_one_grammar(run) -> None:
    cypher = {q["name"]: q for q in json.loads(run("cypher", "--list", "--json").stdout)}
    sparql = {q["name"]: q for q in json.loads(run("sparql", "--list", "--json").stdout)}
    for name in set(cypher) & set(sparql):
        assert cypher[name] == sparql[name]
    assert "shortest-career-path" in set(cypher) - set(sparql)  # SPARQL paths cannot list routes


def test_on_neo4j_names_are_resolved_by_the_local_store_before_connecting(corpus_store_path, monkeypatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    result = CliRunner().invoke(cli, ["cypher", "next-roles", "-p", "role=astronat", "--store",
                                      str(corpus_store_path)])
    assert result.exit_code == 2 and "unknown role 'astronat'" in result.stderr
