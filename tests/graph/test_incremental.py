"""Incremental loading with real files: unchanged reloads, changed versions, `kg remove`.

The strong check throughout: after an incremental change the store holds exactly
what a fresh build of the remaining inputs holds (same nodes, edges, weights,
evidence), so nothing stale survives and nothing shared is lost.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli.main import cli
from kg.graph.export.json import store_to_dict
from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore
from tests.data import LADDER_MD, SENIOR_MD

pytest.importorskip("kg.loaders.extract")

#: a fact only the extra document states (a skill and a move nobody else names)
EXTRA = "\n## Also\n- Experience with Snowflake\n\nSenior Platform Engineer → Principal Platform Engineer\n"


def _graph(path: Path) -> dict[str, Any]:
    with SQLiteStore(path, create=False) as store:
        data = store_to_dict(store)
    for doc in data["documents"]:
        doc.pop("source")  # fresh builds below load the same text from another folder
    text = json.dumps(data, sort_keys=True)
    for doc in data["documents"]:  # a document's id hashes its source too: name it by its file name instead
        text = text.replace(doc["id"], "doc:" + doc["name"])
    return dict(_sorted(json.loads(text)))


def _sorted(value: Any) -> Any:
    """Lists in a canonical order (evidence is listed by document id, which differs between folders)."""
    if isinstance(value, dict):
        return {k: _sorted(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_sorted(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def _fresh(tmp_path: Path, name: str, docs: dict[str, str]) -> dict[str, Any]:
    folder = tmp_path / name
    folder.mkdir()
    for file_name, text in docs.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    with SQLiteStore(tmp_path / f"{name}.sqlite") as store:
        build(store, [folder], workers=1)
    return _graph(tmp_path / f"{name}.sqlite")


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(str(path))
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _kg(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_reloading_unchanged_documents_is_a_no_op(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "kg.sqlite"
    first = _kg("build", str(docs), "--store", str(store), "--json")
    assert first.exit_code == 0, first.output
    before = _dump(store)
    again = _kg("build", str(docs), "--store", str(store), "--json")
    assert again.exit_code == 0
    assert '"unchanged": 2' in again.stdout and '"added": 0' in again.stdout
    assert _dump(store) == before  # not one byte of the tables changed (loaded_at included)


def test_changed_version_replaces_its_facts(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "kg.sqlite"
    assert _kg("build", str(docs), "--store", str(store)).exit_code == 0
    (docs / "senior.md").write_text(SENIOR_MD + EXTRA, encoding="utf-8")
    result = _kg("build", str(docs), "--store", str(store), "--json")
    assert result.exit_code == 0
    assert '"replaced": 1' in result.stdout and '"unchanged": 1' in result.stdout
    assert _graph(store) == _fresh(tmp_path, "v2", {"platform.md": LADDER_MD, "senior.md": SENIOR_MD + EXTRA})
    # and back again: the facts only the second version stated are gone
    (docs / "senior.md").write_text(SENIOR_MD, encoding="utf-8")
    assert _kg("build", str(docs), "--store", str(store)).exit_code == 0
    assert _graph(store) == _fresh(tmp_path, "v1", {"platform.md": LADDER_MD, "senior.md": SENIOR_MD})


def test_remove_retracts_only_what_that_document_supported(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "kg.sqlite"
    (docs / "senior-extra.md").write_text(SENIOR_MD + EXTRA, encoding="utf-8")
    assert _kg("build", str(docs), "--store", str(store)).exit_code == 0
    with SQLiteStore(store, create=False) as s:
        shared = {(e.type, e.src, e.dst) for e in s.edges() if e.doc_count > 1}
        assert s.nodes_by_key("snowflake")
    assert shared, "the two senior documents should support some of the same facts"

    result = _kg("remove", "senior-extra.md", "--store", str(store))
    assert result.exit_code == 0, result.output
    assert "removed senior-extra.md" in result.stderr
    assert _graph(store) == _fresh(tmp_path, "rest", {"platform.md": LADDER_MD, "senior.md": SENIOR_MD})
    with SQLiteStore(store, create=False) as s:
        assert not s.nodes_by_key("snowflake")  # named only by the removed document: collected
        kept = {(e.type, e.src, e.dst) for e in s.edges()}
    assert shared <= kept  # facts the other document also states survive


def test_removing_an_unknown_document_says_what_to_do(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "kg.sqlite"
    assert _kg("build", str(docs), "--store", str(store)).exit_code == 0
    before = _dump(store)
    result = _kg("remove", "nope.md", "--store", str(store))
    assert result.exit_code == 1
    assert "kg stats --json" in result.stderr
    assert _dump(store) == before
