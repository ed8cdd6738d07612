"""Fixtures: real stores in temporary folders, built from real files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.graph.store import SQLiteStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    """An empty store file in a fresh folder."""
    with SQLiteStore(tmp_path / "kg.sqlite") as s:
        yield s


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A folder with two small Markdown role documents of our own (a platform ladder)."""
    from tests.data import LADDER_MD, SENIOR_MD

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    (folder / "senior.md").write_text(SENIOR_MD, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def corpus_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file built once from the bundled sample corpus (do not write to it)."""
    from kg.graph.ingest.build import build

    path = tmp_path_factory.mktemp("corpus") / "kg.sqlite"
    with SQLiteStore(path) as s:
        report = build(s, workers=1)
    assert not report.skipped, report.skipped
    return path


@pytest.fixture
def corpus_store(corpus_store_path: Path) -> Iterator[SQLiteStore]:
    """The bundled-corpus store, opened read-mostly."""
    with SQLiteStore(corpus_store_path, create=False) as s:
        yield s
