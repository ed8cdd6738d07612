"""`kg viz` through click's CliRunner on real store files."""

from __future__ import annotations

import json
import webbrowser
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli
from tests.viz_stores import hostile_store


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.sqlite"
    hostile_store(path).close()
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_help_has_an_example() -> None:
    code, out, _ = _run("viz", "--help")
    assert code == 0
    assert "Example: kg viz -o" in out and "--focus ROLE" in out and "--path FROM TO" in out


def test_whole_graph_json(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    code, stdout, err = _run("viz", "-o", str(out), "--store", str(store_path), "--json")
    assert code == 0, err
    answer = json.loads(stdout)
    assert answer["path"] == str(out) and out.exists()
    assert (answer["nodes"], answer["edges"], answer["physics"]) == (5, 5, False)  # overview: fixed positions
    assert answer["bytes"] == out.stat().st_size


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["--focus", "Engineer", "--depth", "0"], "Engineer: neighbourhood, depth 0"),
        (["--path", "engineer", "analyst"], "Route: Engineer → "),
        (["--path", "engineer", "analyst", "--k", "2"], "Route: Engineer → "),
        (["--skill", "python"], "Roles that need Python"),
    ],
)
def test_views_print_one_line(store_path: Path, tmp_path: Path, args: list[str], title: str) -> None:
    out = tmp_path / "v.html"
    code, stdout, err = _run("viz", "-o", str(out), "--store", str(store_path), *args)
    assert code == 0, err
    assert stdout.startswith(f"Wrote {out}: {title}") and stdout.count("\n") == 1
    assert err == ""


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--focus", "engineer", "--skill", "python"], 2, "--focus and --skill cannot be combined"),  # two views
        (["--depth", "2"], 2, "applies only with --focus or --path"),  # depth without a centre
        (["--k", "2"], 2, "applies only with --path"),  # alternatives without a route
        (["--depth", "9", "--focus", "engineer"], 2, "9 is not in the range"),  # depth too large
        (["--focus", "astronaut"], 2, "unknown role 'astronaut'"),  # unknown name: usage error
        (["--path", "analyst", "engineer"], 1, "no documented route"),  # no route: kg error
    ],
)
def test_errors(store_path: Path, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(cli, ["viz", "-o", str(tmp_path / "x.html"), "--store", str(store_path), *args])
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stdout == "" and not (tmp_path / "x.html").exists()


def test_open_hands_the_file_url_to_the_browser(store_path: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    out = tmp_path / "open me.html"
    code, _, err = _run("viz", "-o", str(out), "--store", str(store_path), "--open")
    assert code == 0, err
    assert opened == [out.resolve().as_uri()]
