"""Exports name a document's source as the user gave it, never by a path inside kg's own package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.graph.export.registry import export
from kg.graph.export.sources import CORPUS_PREFIX, public_source
from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SQLiteStore:
    docs = tmp_path / "work" / "docs"
    docs.mkdir(parents=True)
    (docs / "cv.md").write_text("# Senior ML Engineer\n\nRequired: Python, SQL.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "work")
    store = SQLiteStore(tmp_path / "kg.sqlite")
    build(store, [Path("docs")], workers=1)  # a relative path, as a user types it
    return store


def test_a_document_under_the_current_folder_is_written_relative(built: SQLiteStore, tmp_path: Path) -> None:
    (stored,) = [d.source for d in built.documents()]
    assert Path(stored).is_absolute()  # the store keeps the resolved path: that is the document's identity
    export(built, "json", tmp_path / "g.json")
    (doc,) = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["documents"]
    assert doc["source"] == str(Path("docs") / "cv.md")


def test_a_document_elsewhere_keeps_its_recorded_path(built: SQLiteStore, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    (stored,) = [d.source for d in built.documents()]
    assert public_source(stored) == stored


def test_bundled_corpus_documents_get_a_package_relative_name(corpus_store: SQLiteStore, tmp_path: Path) -> None:
    for fmt in ("json", "graphml", "ttl", "cypher"):
        out = tmp_path / f"g.{fmt}"
        export(corpus_store, fmt, out)
        text = out.read_text(encoding="utf-8")
        assert CORPUS_PREFIX in text, fmt
        assert "site-packages" not in text and "/loaders/corpus/" not in text, fmt
    assert public_source("/opt/venv/lib/python3.12/site-packages/kg/loaders/corpus/a.md") == "kg:corpus/a.md"
    assert public_source("notes/a.md") == "notes/a.md"
