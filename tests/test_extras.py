"""Optional extras: the main job runs without any; each backend's absence says which extra to install."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli
from kg.plugins import EXTRAS
from tests.data import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
EXTRA_MODULES = sorted({m for modules in EXTRAS.values() for m in modules})


def _names(requirements: list[str]) -> set[str]:
    return {r.split(">=")[0].split("[")[0].strip().lower() for r in requirements}


def test_extras_match_the_registry_and_the_test_extra_installs_them_all() -> None:
    optional = PROJECT["optional-dependencies"]
    for extra, modules in EXTRAS.items():
        assert _names(optional[extra]) == set(modules), extra
    union = set().union(*(_names(optional[e]) for e in EXTRAS))
    assert _names(optional["all"]) == union
    assert union <= _names(optional["test"]), "the README's test command must install every backend"
    assert not union & _names(PROJECT["dependencies"]), "a backend is also a main dependency"


@pytest.mark.slow
def test_main_job_runs_without_any_extra(tmp_path: Path) -> None:
    store = tmp_path / "kg.sqlite"
    code = ("import sys\n"
            f"for m in {EXTRA_MODULES!r}: sys.modules[m] = None  # as if not installed\n"
            "from kg.cli.main import cli\n"
            "cli(sys.argv[1:])\n")
    store_args = ["--store", str(store)]
    for args in (["build", *store_args], ["path", "ml-engineer", "cto", *store_args], ["unlock", "cto", *store_args],
                 ["gap", "ml-engineer", "cto", *store_args], ["pivotal", *store_args], ["show", "python", *store_args],
                 ["stats", *store_args], ["export", "--format", "json", "-o", "g.json", *store_args],
                 ["export", "--format", "cypher", "-o", "g.cypher", *store_args], ["sparql", "--list"]):
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 0, (args, done.stderr)


@pytest.mark.parametrize("args, module, extra", [
    (["export", "--format", "ttl", "-o", "g.ttl"], "rdflib", "rdf"),
    (["export", "--format", "jsonld", "-o", "g.jsonld"], "rdflib", "rdf"),
    (["sparql", "gap", "--param", "source=engineer", "--param", "target=cto"], "rdflib", "rdf"),
    (["validate"], "pyshacl", "rdf"),
    (["viz", "-o", "v.html"], "pyvis", "viz"),
    (["viz", "-o", "v.html"], "jinja2", "viz"),
    (["cypher", "MATCH (n) RETURN count(n)", "--engine", "embedded"], "ladybug", "embedded"),
    (["cypher", "MATCH (n) RETURN count(n)", "--engine", "neo4j"], "neo4j", "neo4j"),
])
def test_a_missing_backend_names_its_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                           module: str, extra: str) -> None:
    from kg.graph.examples import tiny_store
    from kg.graph.rdf.read import import_graph  # noqa: F401 - imported while rdflib is still there
    from kg.graph.store import SQLiteStore

    store = tmp_path / "kg.sqlite"
    with SQLiteStore(store) as s, tiny_store() as tiny:
        from kg.graph.rdf.project import store_graph

        import_graph(s, store_graph(tiny))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEO4J_URI", "neo4j://127.0.0.1:1")
    monkeypatch.setitem(sys.modules, module, None)  # find_spec and import both see it as not installed
    result = CliRunner().invoke(cli, [*args, "--store", str(store)])
    assert result.exit_code == 1, result.output
    assert f"needs {module}, which is not installed: pip install 'career-kg[{extra}]'" in result.stderr
