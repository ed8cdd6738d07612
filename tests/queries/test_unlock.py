"""What unlocks a role, on real stores built from real files."""

from __future__ import annotations

from pathlib import Path

from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore
from kg.queries.unlock import skill_gap, unlock
from tests.data import LADDER_MD


def test_required_before_preferred_with_evidence(tmp_path: Path, store: SQLiteStore) -> None:
    (tmp_path / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    build(store, [tmp_path], workers=1)
    answer = unlock(store, "platform engineer", have=["python", "kotlin-for-cooks"])
    names = [r.item.id for r in answer.skills]
    assert names.index("kubernetes") < names.index("rust"), "required Kubernetes ranks above preferred Rust"
    rust = next(r for r in answer.skills if r.item.id == "rust")
    assert not rust.required
    assert "Rust" in rust.evidence[0].quote
    assert LADDER_MD.find(rust.evidence[0].quote) >= 0, "evidence is the document's exact words"
    assert [m.id for m in answer.have] == ["python"]
    assert answer.unrecognised == ("kotlin-for-cooks",)
    assert "python" not in {m.id for m in answer.missing}
    assert "kubernetes" in {m.id for m in answer.missing}


def test_corpus_cto_has_skills_certs_education_and_salary(corpus_store: SQLiteStore) -> None:
    answer = unlock(corpus_store, "cto")
    assert answer.role.id == "cto"
    assert len(answer.skills) >= 5
    assert answer.skills[0].required
    assert all(r.evidence for r in answer.skills)
    assert answer.salaries, "the sample corpus gives a CTO salary range"
    assert answer.experience and answer.min_years is not None


def test_gap_lists_only_what_the_target_adds(corpus_store: SQLiteStore) -> None:
    gap = {r.id for r in skill_gap(corpus_store, "ml-engineer", "ml-engineering-manager")}
    have = set(corpus_store.successors("REQUIRES_SKILL", "ml-engineer"))
    assert gap and not gap & have
