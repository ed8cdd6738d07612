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
    code, out, _ = _run("sparql", "unlock", "--param", "role=ML Engineer", "--store", str(corpus_store_path), "--json")
    assert code == 0
    answer = json.loads(out)
    assert answer["columns"] == ["id", "name", "required", "weight", "documents"]
    assert answer["rows"] and "python" in [r["id"] for r in answer["rows"]]


def test_sparql_ask_and_text_output(corpus_store_path: Path) -> None:
    code, out, _ = _run("sparql", "path-exists", "-p", "from=ml-engineer", "-p", "to=cto",
                        "--store", str(corpus_store_path))
    assert (code, out) == (0, "true\n")


def test_sparql_query_text_with_a_bound_value(corpus_store_path: Path) -> None:
    query = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
             "SELECT ?s WHERE { ?s skos:prefLabel ?label FILTER(str(?label) = ?name) }")  # labels are tagged @en
    code, out, _ = _run("sparql", query, "-p", "name=Python", "--store", str(corpus_store_path))
    assert code == 0
    assert out.splitlines() == ["s", "https://w3id.org/career-kg/id/python"]


def test_sparql_list() -> None:
    code, out, _ = _run("sparql", "--list", "--json")
    assert code == 0
    names = {q["name"]: q for q in json.loads(out)}
    assert names["gap"]["params"]["source"]["kind"] == "Role"


def test_sparql_errors(corpus_store_path: Path) -> None:
    store = ("--store", str(corpus_store_path))
    code, _, err = _run("sparql", "unlock", "-p", "rolecto", *store)  # not KEY=VALUE
    assert code == 2 and "KEY=VALUE" in err
    code, _, err = _run("sparql", "unlock", "-p", "role=astronaut", *store)  # unknown role
    assert code == 2 and "unknown role 'astronaut'" in err
    code, _, err = _run("sparql", "who-knows", *store)  # neither a name nor a query
    assert code == 1 and "choose one of" in err
    code, _, err = _run("sparql", *store)  # nothing to run
    assert code == 2 and "--list" in err


def test_help_has_examples() -> None:
    for name in ("validate", "sparql"):
        code, out, _ = _run(name, "--help")
        assert code == 0 and "Example: kg " + name in out
