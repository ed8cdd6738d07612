"""The SQLite store: provenance, idempotent reload, replacement, retraction, atomic writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.graph.ingest.facts import facts_from_extraction
from kg.graph.store import SQLiteStore
from kg.loaders.models import Extraction, LoadedDocument, Mention, Progression


def _doc(text: str, source: str) -> LoadedDocument:
    import hashlib

    return LoadedDocument(hashlib.sha256(text.encode()).hexdigest()[:16], source, Path(source).name,
                          text.splitlines()[0], text, "text")


def _extraction(text: str, source: str, primary: str, skills: list[str], moves: list[tuple[str, str]]) -> Extraction:
    doc = _doc(text, source)

    def mention(kind: str, label: str) -> Mention:
        start = text.index(label)
        return Mention(label.lower().replace(" ", "-"), kind, label, (), label, start, start + len(label))

    prog = []
    for a, b in moves:
        start = text.index(f"{a} -> {b}")
        end = start + len(f"{a} -> {b}")
        prog.append(Progression(a.lower().replace(" ", "-"), b.lower().replace(" ", "-"), a, b,
                                text[start:end], start, end, "explicit-arrow"))
    return Extraction(doc, mention("role", primary), (mention("role", primary),),
                      tuple(mention("skill", s) for s in skills), (), tuple(prog))


A_TEXT = "Engineer\nNeeds Python and SQL.\nEngineer -> Lead"
B_TEXT = "Lead\nNeeds Python and Hiring.\nEngineer -> Lead"


def test_load_records_evidence_with_exact_quotes(store: SQLiteStore) -> None:
    outcome = store.add_facts(facts_from_extraction(_extraction(A_TEXT, "a.txt", "Engineer", ["Python", "SQL"],
                                                                [("Engineer", "Lead")])))
    assert outcome.status == "added"
    [ev] = store.evidence("PROGRESSES_TO", "engineer", "lead")
    assert A_TEXT[ev.start:ev.end] == ev.quote == "Engineer -> Lead"
    assert {e.dst for e in store.out_edges("REQUIRES_SKILL", "engineer")} == {"python", "sql"}


def test_reloading_the_same_document_changes_nothing(store: SQLiteStore) -> None:
    facts = facts_from_extraction(_extraction(A_TEXT, "a.txt", "Engineer", ["Python"], [("Engineer", "Lead")]))
    store.add_facts(facts)
    before = (store.counts(), list(store.edges()), list(store.all_evidence()))
    assert store.add_facts(facts).status == "unchanged"
    assert (store.counts(), list(store.edges()), list(store.all_evidence())) == before


def test_support_across_documents_adds_weight(store: SQLiteStore) -> None:
    store.add_facts(facts_from_extraction(_extraction(A_TEXT, "a.txt", "Engineer", [], [("Engineer", "Lead")])))
    store.add_facts(facts_from_extraction(_extraction(B_TEXT, "b.txt", "Lead", [], [("Engineer", "Lead")])))
    [edge] = store.out_edges("PROGRESSES_TO", "engineer")
    assert (edge.doc_count, edge.weight) == (2, 2.0)


def test_new_version_of_a_source_replaces_its_facts(store: SQLiteStore) -> None:
    store.add_facts(facts_from_extraction(_extraction(A_TEXT, "a.txt", "Engineer", ["SQL"], [])))
    changed = A_TEXT.replace("SQL", "Rust")
    outcome = store.add_facts(facts_from_extraction(_extraction(changed, "a.txt", "Engineer", ["Rust"], [])))
    assert outcome.status == "replaced"
    assert store.successors("REQUIRES_SKILL", "engineer") == ["rust"]
    assert store.node("sql") is None
    assert len(store.documents()) == 1


def test_remove_keeps_facts_other_documents_state(store: SQLiteStore) -> None:
    store.add_facts(facts_from_extraction(_extraction(A_TEXT, "a.txt", "Engineer", ["Python", "SQL"],
                                                      [("Engineer", "Lead")])))
    store.add_facts(facts_from_extraction(_extraction(B_TEXT, "b.txt", "Lead", ["Python", "Hiring"],
                                                      [("Engineer", "Lead")])))
    store.remove_document("a.txt")
    [edge] = store.out_edges("PROGRESSES_TO", "engineer")
    assert edge.doc_count == 1
    assert store.node("sql") is None, "SQL was stated only by the removed document"
    assert store.node("python") is not None
    assert store.out_edges("REQUIRES_SKILL", "engineer") == []


def test_failed_transaction_leaves_store_as_it_was(store: SQLiteStore) -> None:
    store.add_facts(facts_from_extraction(_extraction(A_TEXT, "a.txt", "Engineer", ["Python"], [])))
    before = (store.counts(), list(store.all_evidence()))
    with pytest.raises(RuntimeError, match="boom"), store.transaction():
        store.add_facts(facts_from_extraction(_extraction(B_TEXT, "b.txt", "Lead", ["Hiring"], [])))
        raise RuntimeError("boom")
    assert (store.counts(), list(store.all_evidence())) == before


@pytest.mark.parametrize(
    "content, message",
    [
        (b"this is not a database at all" * 100, "not a kg store"),  # a text file at the store path
    ],
)
def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "kg.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        SQLiteStore(path)


def test_other_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kg.sqlite"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    with pytest.raises(StoreError, match="newer kg.*upgrade kg"):
        SQLiteStore(path)


def test_missing_store_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kg build"):
        SQLiteStore(tmp_path / "absent.sqlite", create=False)
