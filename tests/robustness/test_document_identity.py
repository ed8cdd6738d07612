"""A document is its resolved source; its content hash is only its version.

Whatever path spelling, edit, duplicate or removal brought the store where it
is, it must state exactly what a fresh build of the files present states:
names, aliases and properties included. Real files, real ``kg`` processes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.data import LADDER_MD, SENIOR_MD
from tests.robustness.kgproc import assert_no_traceback, kg, store_content, write_role

pytest.importorskip("kg.loaders.extract")

CORPUS = Path(__file__).resolve().parents[2] / "loaders" / "corpus"


def _build(home: Path, *paths: str | Path, store: Path, cwd: Path | None = None) -> None:
    proc = kg("build", *paths, "--store", store, home=home, cwd=cwd)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr


def _fresh(home: Path, folder: Path, name: str = "fresh.sqlite") -> dict[str, object]:
    store = home / name
    if store.exists():
        store.unlink()
    _build(home, folder.resolve(), store=store)
    return store_content(store)


def test_rebuild_through_an_absolute_path_replaces_what_a_relative_path_loaded(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_role(docs / "role.txt", "Data Engineer", ["Python", "SQL"])
    store = tmp_path / "kg.sqlite"
    _build(tmp_path, "docs", store=store, cwd=tmp_path)
    write_role(docs / "role.txt", "Data Engineer", ["Rust", "Kafka"])
    _build(tmp_path, docs.resolve(), store=store)
    assert store_content(store) == _fresh(tmp_path, docs)


def test_a_file_edited_to_equal_another_drops_its_old_facts(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_role(docs / "a.txt", "Data Engineer", ["Python", "Terraform"])
    write_role(docs / "b.txt", "Platform Engineer", ["Go", "Kubernetes"])
    store = tmp_path / "kg.sqlite"
    _build(tmp_path, docs, store=store)
    shutil.copyfile(docs / "b.txt", docs / "a.txt")
    _build(tmp_path, docs, store=store)
    content = store_content(store)
    assert "data-engineer" not in {n[0] for n in content["nodes"]}
    assert content == _fresh(tmp_path, docs)


def test_two_files_with_the_same_content_are_both_recorded_and_removed_one_by_one(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_role(docs / "a" / "role.txt", "Data Engineer", ["Python", "Terraform"])
    shutil.copytree(docs / "a", docs / "b")
    store = tmp_path / "kg.sqlite"
    _build(tmp_path, docs, store=store)
    assert len(store_content(store)["documents"]) == 2
    proc = kg("remove", "docs/a/role.txt", "--store", store, home=tmp_path, cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    shutil.rmtree(docs / "a")
    content = store_content(store)
    assert "data-engineer" in {n[0] for n in content["nodes"]}  # b/role.txt still states it
    assert content == _fresh(tmp_path, docs)


def _corpus_copy(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copyfile(CORPUS / name, folder / name)
    return folder


def test_remove_equals_a_fresh_build_of_what_remains(tmp_path: Path) -> None:
    docs = _corpus_copy(tmp_path / "docs", sorted(p.name for p in CORPUS.iterdir()))
    (docs / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    (docs / "senior.md").write_text(SENIOR_MD, encoding="utf-8")
    store = tmp_path / "kg.sqlite"
    _build(tmp_path, docs, store=store)
    for name in ("ml-engineer.md", "cto.md", "research-scientist.md", "platform.md"):
        proc = kg("remove", docs / name, "--store", store, home=tmp_path)
        assert proc.returncode == 0, proc.stderr
        (docs / name).unlink()
    assert store_content(store) == _fresh(tmp_path, docs)


def test_node_names_do_not_depend_on_which_document_loaded_first(tmp_path: Path) -> None:
    docs = tmp_path / "docs"  # the same uncurated role, spelt two ways, and its aliases
    (docs / "a").mkdir(parents=True)
    (docs / "b").mkdir()
    (docs / "a" / "de.md").write_text("# Data Engineer\n\n## Required skills\n- Proficiency in Python\n\n"
                                      "## Career progression\nData Engineer → Senior data engineer → Staff data "
                                      "engineer\n", encoding="utf-8")
    (docs / "b" / "de.md").write_text("# Data Engineer\n\n## Required skills\n- Proficiency in SQL\n\n"
                                      "## Career progression\nData Engineer → Senior Data Engineer → Staff Data "
                                      "Engineer\n", encoding="utf-8")
    forward, backward = tmp_path / "forward.sqlite", tmp_path / "backward.sqlite"
    for first, second, store in (("a", "b", forward), ("b", "a", backward)):
        _build(tmp_path, docs / first / "de.md", store=store)
        _build(tmp_path, docs / second / "de.md", store=store)
    assert store_content(forward) == store_content(backward)
