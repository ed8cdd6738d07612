"""kg validate and kg sparql through click's CliRunner, on real store files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal

from kg.cli.main import cli
from kg.graph.examples import tiny_store
from kg.graph.rdf.project import store_graph
from kg.graph.rdf.terms import node_iri
from kg.ontology.namespace import KG


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
def test_validate_the_corpus_store(corpus_store_path: Path) -> None:
    code, out, _ = _run("validate", "--store", str(corpus_store_path), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["conforms"] is True and report["violations"] == [] and report["triples"] > 1000


def test_validate_a_broken_file_exits_1_and_names_the_fault(tmp_path: Path) -> None:
    g = store_graph(tiny_store())
    g.set((node_iri("manager"), KG.track, Literal("astronaut")))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    code, out, err = _run("validate", str(broken))
    assert code == 1
    assert "kgid:manager kg:track: track must be one of ic, management" in out
    assert "(value: astronaut)" in out
    assert "1 violation(s)" in err


def test_sparql_named_query_resolves_names(corpus_store_path: Path) -> None:
    code, out, _ = _run("sparql", "skills-for-role", "--param", "role=ML Engineer", "--store", str(corpus_store_path),
                        "--json")
    assert code == 0
    answer = json.loads(out)  # W3C SPARQL results JSON
    assert answer["head"]["vars"] == ["id", "name", "required", "weight", "documents"]
    rows = answer["results"]["bindings"]
    assert rows and "python" in [r["id"]["value"] for r in rows]


def test_sparql_ask_and_text_output(corpus_store_path: Path) -> None:
    code, out, _ = _run("sparql", "path-exists", "-p", "from=ml-engineer", "-p", "to=cto",
                        "--store", str(corpus_store_path))
    assert (code, out) == (0, "true\n")


def test_sparql_query_text_with_a_bound_value(corpus_store_path: Path) -> None:
    query = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
             "SELECT ?s WHERE { ?s skos:prefLabel ?label FILTER(str(?label) = ?name) }")  # labels are tagged @en
    code, out, _ = _run("sparql", query, "-p", 'name="Python"', "--store", str(corpus_store_path))
    assert code == 0
    assert out.splitlines()[0].split() == ["s"]
    assert out.splitlines()[2:] == ["https://w3id.org/career-kg/id/python"]


def test_sparql_list() -> None:
    code, out, _ = _run("sparql", "--list", "--json")
    assert code == 0
    names = {q["name"]: q for q in json.loads(out)}
    assert names["skill-gap"]["params"][0] | {"description": ""} == {
        "name": "from", "kind": "Role", "description": "", "example": "ml-engineer", "required": True,
        "default": None, "aliases": ["source"]}


def test_sparql_errors(corpus_store_path: Path) -> None:
    store = ("--store", str(corpus_store_path))
    code, _, err = _run("sparql", "unlock", "-p", "rolecto", *store)  # not KEY=VALUE
    assert code == 2 and "KEY=VALUE" in err
    code, _, err = _run("sparql", "unlock", "-p", "role=astronaut", *store)  # unknown role
    assert code == 2 and "unknown role 'astronaut'" in err
    code, _, err = _run("sparql", "who-knows", *store)  # neither a name nor a query
    assert code == 2 and "no library question 'who-knows'" in err
    code, _, err = _run("sparql", "skil-gap", *store)  # a misspelt name
    assert code == 2 and "Did you mean: skill-gap" in err
    code, _, err = _run("sparql", *store)  # nothing to run
    assert code == 2 and "--list" in err


def test_help_has_examples() -> None:
    for name in ("validate", "sparql"):
        code, out, _ = _run(name, "--help")
        assert code == 0 and "Example: kg " + name in out


def test_sparql_builds_its_store_once_with_a_note_on_stderr(tmp_path: Path) -> None:
    from kg.graph.ingest.build import build
    from kg.graph.store import SQLiteStore
    from tests.data import LADDER_MD

    (tmp_path / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    store = tmp_path / "kg.sqlite"
    with SQLiteStore(store) as s:
        build(s, [tmp_path / "platform.md"], workers=1)
    args = ("sparql", "next-roles", "-p", "role=Platform Engineer", "--store", str(store))
    code, first, err = _run(*args)
    assert code == 0 and "building the SPARQL store" in err and "built the SPARQL store" in err
    code, again, err = _run(*args)
    assert code == 0 and err == "" and again == first
    assert first.splitlines()[2].split()[0] == "senior-platform-engineer"
    code, as_json, _ = _run(*args, "--json")
    assert code == 0 and as_json == _run(*args, "--format", "json")[1]
    assert json.loads(as_json)["results"]["bindings"][0]["id"]["value"] == "senior-platform-engineer"
    code, out, _ = _run(*args, "--engine", "rdflib", "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "id,name,weight"


def test_sparql_help_names_engines_and_formats() -> None:
    code, out, _ = _run("sparql", "--help")
    assert code == 0
    for word in ("--engine", "oxigraph", "rdflib", "--format", "csv", "tsv", "W3C", "CONSTRUCT", "Turtle"):
        assert word in out, word
