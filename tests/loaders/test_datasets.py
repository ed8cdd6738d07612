"""Posting datasets: each CSV or JSON Lines row is one document, streamed; bad rows are named and skipped."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli
from kg.graph.ingest.datasets import build_dataset
from kg.graph.store import SQLiteStore
from kg.loaders.datasets import MAX_CELL_CHARS, DatasetSpec, iter_rows

ROWS = [
    {"id": "a1", "title": "Senior Data Engineer",
     "description": "<p>We need 5+ years of Python and SQL.</p><ul><li>Experience with Apache Airflow</li></ul>"},
    {"id": "b2", "title": "Machine Learning Engineer",
     "description": "You will train models with PyTorch and deploy them with Docker."},
    {"id": "c3", "title": "Product Manager", "description": ""},  # empty text: skipped, named
]
SPEC = DatasetSpec("title", "description", "id")


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "title", "description"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_rows_are_documents_with_their_own_source(tmp_path: Path) -> None:
    path = _csv(tmp_path / "jobs.csv", ROWS)
    got = list(iter_rows(path, SPEC))
    assert [getattr(r, "source", None) for r in got[:2]] == [f"{path}#a1", f"{path}#b2"]
    assert got[0].fmt == "html" and got[1].fmt == "text"  # type: ignore[union-attr]
    assert "empty 'description'" in str(got[2])


def test_build_streams_rows_and_rebuilds_incrementally(tmp_path: Path) -> None:
    path = _csv(tmp_path / "jobs.csv", ROWS)
    with SQLiteStore(tmp_path / "kg.sqlite") as store:
        report = build_dataset(store, path, SPEC, workers=1)
        assert report.count("added") == 2 and [s for s, _ in report.skipped] == [f"{path}#c3"]
        assert {e.dst for e in store.out_edges("REQUIRES_SKILL", "senior-data-engineer")} >= {"python", "sql"}
        again = build_dataset(store, path, SPEC, workers=1)
        assert again.count("unchanged") == 2 and again.count("added") == 0
        _csv(path, ROWS[1:2])  # the first posting is gone from the file
        third = build_dataset(store, path, SPEC, workers=1)
        assert third.count("removed") == 1
        assert store.node("senior-data-engineer") is None


def test_pooled_build_equals_one_process(tmp_path: Path) -> None:
    rows = [{"id": str(n), "title": f"{t} {n}", "description": f"Requirements: Python, SQL and {tool}."}
            for n, (t, tool) in enumerate([("Data Engineer", "Airflow"), ("Data Analyst", "Tableau")] * 20)]
    path = _csv(tmp_path / "many.csv", rows)
    counts = []
    for workers, name in ((1, "one.sqlite"), (2, "two.sqlite")):
        with SQLiteStore(tmp_path / name) as store:
            build_dataset(store, path, SPEC, workers=workers)
            counts.append((store.counts(), sorted((e.src, e.dst) for e in store.edges())))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(("content", "reason"), [
    # a JSON line that is not an object, between good ones
    ('{"id": "1", "title": "Data Engineer", "description": "Python"}\n[1, 2]\n', "not a JSON object"),
    # a row without the text column
    ('{"id": "1", "title": "Data Engineer"}\n', "no column 'description'"),
    # NUL bytes in the text column: binary, not a posting
    ('{"id": "1", "title": "Data Engineer", "description": "Py\\u0000thon"}\n', "binary"),
])
def test_bad_rows_are_named_and_the_rest_loads(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "jobs.jsonl"
    path.write_text(content + json.dumps({"id": "9", "title": "SQL Analyst", "description": "SQL daily"}) + "\n")
    got = list(iter_rows(path, SPEC))
    assert any(reason in str(r) for r in got), got
    assert any(getattr(r, "source", "").endswith("#9") for r in got)


def test_a_huge_cell_is_skipped(tmp_path: Path) -> None:
    path = _csv(tmp_path / "big.csv", [{"id": "1", "title": "Data Engineer", "description": "x" * (MAX_CELL_CHARS + 5)},
                                       ROWS[1]])
    got = list(iter_rows(path, SPEC))
    assert "not one posting" in str(got[0]) or "unreadable CSV row" in str(got[0])
    assert getattr(got[-1], "source", "").endswith("#b2")


def test_cli_builds_a_dataset(tmp_path: Path) -> None:
    path = _csv(tmp_path / "jobs.csv", ROWS)
    store = tmp_path / "kg.sqlite"
    result = CliRunner().invoke(cli, ["build", str(path), "--title-column", "title", "--text-column",
                                      "description", "--id-column", "id", "--store", str(store), "--json"])
    assert result.exit_code == 3, result.output  # one row skipped
    report = json.loads(result.stdout)
    assert report["added"] == 2 and report["skipped"][0]["source"].endswith("#c3")
    wrong = CliRunner().invoke(cli, ["build", str(tmp_path), "--text-column", "description", "--store", str(store)])
    assert wrong.exit_code == 2 and "not a posting dataset" in wrong.stderr
