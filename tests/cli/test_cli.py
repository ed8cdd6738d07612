"""The kg command line, driven through click's CliRunner on real files and stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli
from tests.data import REPO


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_query_without_store_builds_bundled_corpus_first(runner: CliRunner, tmp_path: Path) -> None:
    store = tmp_path / "fresh.sqlite"
    code, out, err = _run(runner, "path", "ml-engineer", "cto", "--store", str(store))
    assert code == 0, err
    assert "building it from the bundled sample corpus" in err
    lines = out.splitlines()
    assert lines[0].startswith("Machine Learning Engineer → ") and "Chief Technology Officer" in lines[0]
    assert all("stated in:" in line for line in lines[1:])
    code, out, err = _run(runner, "path", "ml-engineer", "cto", "--store", str(store), "--k", "3", "--json")
    answer = json.loads(out)
    assert 1 <= len(answer["routes"]) <= 3
    assert answer["routes"][0]["roles"][0]["id"] == "ml-engineer"
    assert "building" not in err, "the store exists now"


def test_unknown_role_exits_2_with_suggestions(runner: CliRunner, docs: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    assert _run(runner, "build", str(docs), "--store", store)[0] == 0
    code, out, err = _run(runner, "path", "platfrom engineer", "senior platform engineer", "--store", store)
    assert code == 2
    assert "Did you mean" in err and "platform-engineer" in err
    assert out == ""


def test_no_route_exits_1_naming_closest(runner: CliRunner, docs: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    _run(runner, "build", str(docs), "--store", store)
    code, _, err = _run(runner, "path", "platform engineering manager", "platform engineer", "--store", store)
    assert code == 1
    assert "no documented route" in err


def test_build_reports_and_is_idempotent(runner: CliRunner, docs: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    code, out, _ = _run(runner, "build", str(docs), "--store", store, "--json")
    assert code == 0 and json.loads(out)["added"] == 2
    code, out, _ = _run(runner, "build", str(docs), "--store", store, "--json")
    assert json.loads(out)["unchanged"] == 2


def test_build_skips_bad_files_and_says_so(runner: CliRunner, docs: Path, tmp_path: Path) -> None:
    (docs / "empty.txt").write_bytes(b"")
    (docs / "latin1.txt").write_bytes("Ingénieur".encode("latin-1"))
    store = str(tmp_path / "s.sqlite")
    code, out, err = _run(runner, "build", str(docs), "--store", store, "--json")
    assert code == 3
    report = json.loads(out)
    assert report["added"] == 2
    assert {Path(s["source"]).name for s in report["skipped"]} == {"empty.txt", "latin1.txt"}
    assert "latin1.txt" in err and "UTF-8" in err


def test_unlock_with_have(runner: CliRunner, docs: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    _run(runner, "build", str(docs), "--store", store)
    code, out, _ = _run(runner, "unlock", "Platform Engineer", "--have", "python,go", "--store", store, "--json")
    answer = json.loads(out)
    assert code == 0
    assert {m["id"] for m in answer["have"]} == {"python", "go"}
    assert "kubernetes" in {m["id"] for m in answer["missing"]}
    code, out, _ = _run(runner, "unlock", "Platform Engineer", "--have", "python", "--store", store)
    assert "[x] Python" in out and "Missing:" in out


def test_show_roles_skills_stats(runner: CliRunner, docs: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    _run(runner, "build", str(docs), "--store", store)
    code, out, _ = _run(runner, "show", "kubernetes", "--store", store, "--json")
    view = json.loads(out)
    assert view["node"]["type"] == "Skill"
    assert {link["other"]["id"] for link in view["links"]} >= {"platform-engineer", "senior-platform-engineer"}
    code, out, _ = _run(runner, "roles", "--search", "senior", "--store", store, "--json")
    assert [r["item"]["id"] for r in json.loads(out)] == ["senior-platform-engineer"]
    code, out, _ = _run(runner, "skills", "--search", "terra", "--store", store)
    assert "terraform" in out
    code, out, _ = _run(runner, "stats", "--store", store, "--json")
    figures = json.loads(out)
    assert figures["totals"]["documents"] == 2 and figures["nodes"]["Role"] >= 3


def test_extract_json_lines_carry_scorer_fields(runner: CliRunner, docs: Path) -> None:
    code, out, _ = _run(runner, "extract", str(docs / "platform.md"), str(docs / "senior.md"), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["doc"] for r in rows] == ["platform.md", "senior.md"]
    for row in rows:
        for key in ("primary_role", "roles", "skills", "certifications", "progressions", "salaries",
                    "experience", "education"):
            assert key in row
        for item in row["skills"]:
            assert {"label", "aliases", "evidence"} <= set(item)
    again = _run(runner, "extract", str(docs / "platform.md"), str(docs / "senior.md"), "--json")[1]
    assert again == out, "extraction is deterministic"


@pytest.mark.parametrize("fmt", ["json", "graphml"])
def test_export_is_deterministic(runner: CliRunner, docs: Path, tmp_path: Path, fmt: str) -> None:
    store = str(tmp_path / "s.sqlite")
    _run(runner, "build", str(docs), "--store", store)
    a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    assert _run(runner, "export", "--format", fmt, "-o", str(a), "--store", store)[0] == 0
    _run(runner, "export", "--format", fmt, "-o", str(b), "--store", store)
    assert a.read_bytes() == b.read_bytes() and a.stat().st_size > 100


def test_graphml_export_loads_in_networkx(runner: CliRunner, docs: Path, tmp_path: Path) -> None:
    import networkx as nx

    store = str(tmp_path / "s.sqlite")
    _run(runner, "build", str(docs), "--store", store)
    out = tmp_path / "g.graphml"
    _run(runner, "export", "--format", "graphml", "-o", str(out), "--store", store)
    graph = nx.read_graphml(out)
    assert graph.nodes["platform-engineer"]["type"] == "Role"
    assert graph.has_edge("platform-engineer", "senior-platform-engineer")


def test_remove_retracts_a_document(runner: CliRunner, docs: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    _run(runner, "build", str(docs), "--store", store)
    code, _, err = _run(runner, "remove", "senior.md", "--store", store)
    assert code == 0 and "removed senior.md" in err
    out = _run(runner, "stats", "--store", store, "--json")[1]
    assert json.loads(out)["totals"]["documents"] == 1
    code, _, err = _run(runner, "remove", "nope.md", "--store", store)
    assert code == 1 and "no document" in err


def _commands() -> list[str]:
    from kg.cli.main import COMMAND_REGISTRY

    return sorted(COMMAND_REGISTRY)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_with_example_and_is_in_readme(runner: CliRunner, name: str) -> None:
    code, out, _ = _run(runner, name, "--help")
    assert code == 0
    assert "Example:" in out, f"`kg {name} --help` needs an Example line"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"kg {name}" in readme, f"README does not mention `kg {name}`"
