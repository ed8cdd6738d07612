"""kg match, kg plan, kg levers and kg path --have through click's CliRunner on the bundled-corpus store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_match_text_and_json(corpus_store_path: Path) -> None:
    store = str(corpus_store_path)
    code, out, err = _run("match", "--have", "python,pytorch,kubernetes,mlops,nonsense-skill", "--from",
                          "ml-engineer", "--store", store)
    assert code == 0, err
    assert "'nonsense-skill' is not a skill" in err
    assert out.startswith(" 1. ") and "fit " in out and "have: " in out and "missing: " in out
    code, out, _ = _run("match", "--have", "python,pytorch", "--years", "3", "--store", store, "--json")
    answer = json.loads(out)
    assert {h["id"] for h in answer["have"]} == {"python", "pytorch"}
    first = answer["matches"][0]
    assert {"role", "fit", "matched", "missing", "min_years", "years_short", "moves"} <= set(first)


def test_match_needs_have(corpus_store_path: Path) -> None:
    code, _, err = _run("match", "--store", str(corpus_store_path))
    assert code == 2 and "--have" in err


def test_have_reads_a_list_file_and_a_cv(corpus_store_path: Path, tmp_path: Path) -> None:
    listing = tmp_path / "skills.txt"
    listing.write_text("Python\nPyTorch\n- Kubernetes\n", encoding="utf-8")
    code, out, err = _run("match", "--have", str(listing), "--store", str(corpus_store_path), "--json")
    assert code == 0, err
    assert {h["id"] for h in json.loads(out)["have"]} == {"python", "pytorch", "kubernetes"}
    cv = tmp_path / "cv.md"
    cv.write_text("# Jane Doe\n\nI have built recommendation systems in Python and PyTorch for five years, "
                  "deployed them on Kubernetes and tracked experiments with MLflow.\n", encoding="utf-8")
    code, out, err = _run("match", "--have", str(cv), "--store", str(corpus_store_path), "--json")
    assert code == 0, err
    assert {"python", "pytorch", "kubernetes", "mlflow"} <= {h["id"] for h in json.loads(out)["have"]}


def test_plan_text_never_lists_a_held_skill(corpus_store_path: Path) -> None:
    code, out, err = _run("plan", "ml-engineer", "cto", "--have", "python,pytorch,aws", "--store",
                          str(corpus_store_path))
    assert code == 0, err
    assert out.startswith("Least to learn: Machine Learning Engineer → ")
    learned = [w.strip() for line in out.splitlines() if "| learn: " in line
               for w in line.split("| learn: ")[1].split(" | ")[0].split(", ")]
    assert learned and not {"Python", "PyTorch", "AWS"} & set(learned)
    assert len(learned) == len(set(learned)), "nothing is learned twice"
    code, out, _ = _run("plan", "ml-engineer", "cto", "--have", "python", "--store", str(corpus_store_path), "--json")
    answer = json.loads(out)
    assert answer["plan"]["total"] == sum(len(s["learn"]) for s in answer["plan"]["steps"])
    assert answer["assumed"] == "have"


def test_path_have_is_cumulative_and_path_without_it_is_unchanged(corpus_store_path: Path) -> None:
    store = str(corpus_store_path)
    code, plain, _ = _run("path", "ml-engineer", "cto", "--store", store)
    assert code == 0 and "to learn" not in plain
    code, out, err = _run("path", "ml-engineer", "cto", "--have", "python,microsoft azure", "--store", store)
    assert code == 0, err
    assert "to learn)" in out.splitlines()[0]
    learned = [w for line in out.splitlines()[1:] for w in line.split("| learn: ")[1].split(" | ")[0].split(", ")]
    assert "Microsoft Azure" not in learned and "Python" not in learned
    assert len(learned) == len(set(learned))
    code, out, _ = _run("path", "ml-engineer", "cto", "--have", "python", "--k", "2", "--store", store, "--json")
    answer = json.loads(out)
    assert len(answer["plans"]) == 2 and answer["have"][0]["id"] == "python"


def test_levers_text_and_json(corpus_store_path: Path) -> None:
    store = str(corpus_store_path)
    code, out, err = _run("levers", "ml-engineer", "--have", "python", "--store", store)
    assert code == 0, err
    assert out.startswith(" 1. ") and "→ " in out
    code, out, _ = _run("levers", "ml-engineer", "--limit", "3", "--store", store, "--json")
    answer = json.loads(out)
    assert len(answer["levers"]) == 3 and answer["assumed"] == "source-role"


def test_gap_and_unlock_show_one_of_groups(corpus_store_path: Path) -> None:
    store = str(corpus_store_path)
    code, out, _ = _run("unlock", "ai-engineering-manager", "--have", "azure", "--store", store)
    assert code == 0
    assert "[x] one of: AWS, Microsoft Azure or Google Cloud" in out and "[-] AWS" in out
    missing = out.split("Missing: ")[1]
    assert "AWS" not in missing.replace("one of: PyTorch or TensorFlow", "")
    code, out, _ = _run("gap", "ml-engineer", "ai-engineering-manager", "--store", store, "--json")
    gap = json.loads(out)
    assert not {"aws", "azure", "gcp"} & {m["id"] for m in gap["missing"]}, "ML engineers meet the cloud group"


@pytest.mark.parametrize("args", [
    ["match", "--have", "python,pytorch", "--from", "ml-engineer"],
    ["plan", "ml-engineer", "cto", "--have", "python"],
    ["levers", "ml-engineer"],
    ["path", "ml-engineer", "cto", "--have", "python"],
    ["unlock", "cto", "--have", "python"],
])
def test_planning_commands_import_no_heavy_library(corpus_store_path: Path, args: list[str]) -> None:
    code = (
        "import sys; from click.testing import CliRunner; from kg.cli.main import cli; "
        f"r = CliRunner().invoke(cli, {[*args, '--store', str(corpus_store_path)]!r}); "
        "assert r.exit_code == 0, r.output; "
        "heavy = [m for m in ('networkx', 'rdflib', 'pyvis', 'neo4j', 'ladybug') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/")
    assert out.stdout.strip() == ""


def test_readme_plan_a_career_output_is_real(corpus_store_path: Path) -> None:
    import re
    import shlex

    from tests.data import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Plan a career"):readme.index("## Explore it in a browser")]
    shown = [(cmd, out) for block in re.findall(r"```console\n(.*?)```", section, re.S)
             for cmd, out in re.findall(r"^\$ (kg .*)\n((?:(?!\$ ).*\n)*)", block, re.M)]
    assert len(shown) == 3
    for cmd, out in shown:
        code, real, err = _run(*shlex.split(cmd)[1:], "--store", str(corpus_store_path))
        assert code == 0, err
        assert real == out, f"README output of `{cmd}` is stale"


def test_viz_route_panel_shows_the_cumulative_plan(corpus_store_path: Path, tmp_path: Path) -> None:
    import re

    out_file = tmp_path / "route.html"
    code, out, err = _run("viz", "-o", str(out_file), "--path", "ml-engineer", "cto", "--have", "python,pytorch,aws",
                          "--store", str(corpus_store_path))
    assert code == 0, err
    page = out_file.read_text(encoding="utf-8")
    data = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.DOTALL)
    assert data, "the page carries the route panel's data"
    steps = json.loads(data.group(1))["routes"][0]["steps"]
    listed = [item["id"] for step in steps for item in step["required"]]
    assert listed and not {"python", "pytorch", "aws"} & set(listed) and len(listed) == len(set(listed))
    code, _, err = _run("viz", "-o", str(out_file), "--have", "python", "--store", str(corpus_store_path))
    assert code == 2 and "--have" in err and "--path" in err
