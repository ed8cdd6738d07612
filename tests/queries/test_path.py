"""Career routes over real stores built from real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import NoRouteError, UnknownNameError
from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore
from kg.queries.path import find_routes
from tests.data import LADDER_MD, SENIOR_MD


@pytest.fixture
def ladder_store(tmp_path: Path, store: SQLiteStore) -> SQLiteStore:
    (tmp_path / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    (tmp_path / "senior.md").write_text(SENIOR_MD, encoding="utf-8")
    report = build(store, [tmp_path], workers=1)
    assert report.count("added") == 2
    return store


def test_route_follows_stated_moves_with_skills_and_documents(ladder_store: SQLiteStore) -> None:
    [route] = find_routes(ladder_store, "Platform Engineer", "platform engineering manager")
    assert [r.name for r in route.roles] == [
        "Platform Engineer", "Senior Platform Engineer", "Platform Engineering Manager"]
    first = route.steps[0]
    assert "aws" in {s.id for s in first.skills_to_add}, "AWS is required by the senior role only"
    assert "kubernetes" not in {s.id for s in first.skills_to_add}, "both roles already need Kubernetes"
    assert {q.document for q in first.evidence} == {"platform.md"}
    assert {q.document for q in route.steps[1].evidence} == {"platform.md", "senior.md"}
    for step in route.steps:
        for quote in step.evidence:
            assert step.source.name.split()[0] in quote.quote


def test_unknown_role_suggests_close_names(ladder_store: SQLiteStore) -> None:
    with pytest.raises(UnknownNameError, match="Did you mean") as info:
        find_routes(ladder_store, "platfrom enginer", "Senior Platform Engineer")
    assert "platform-engineer" in info.value.suggestions


def test_no_route_names_closest_reachable_roles(ladder_store: SQLiteStore) -> None:
    with pytest.raises(NoRouteError, match="Closest reachable roles") as info:
        find_routes(ladder_store, "Senior Platform Engineer", "Platform Engineer")
    assert info.value.closest == ["Platform Engineering Manager"]


def test_corpus_route_from_ml_engineer_to_cto(corpus_store: SQLiteStore) -> None:
    routes = find_routes(corpus_store, "ml-engineer", "cto", k=3)
    assert 1 <= len(routes) <= 3
    best = routes[0]
    assert best.roles[0].id == "ml-engineer" and best.roles[-1].id == "cto"
    assert [r.hops for r in routes] == sorted(r.hops for r in routes)
    assert len({tuple(x.id for x in r.roles) for r in routes}) == len(routes), "alternatives must differ"
    for step in best.steps:
        assert step.evidence, f"{step.source.id} -> {step.target.id} has no stating document"
        assert corpus_store.out_edges("PROGRESSES_TO", step.source.id)


def test_route_uses_aliases(corpus_store: SQLiteStore) -> None:
    by_alias = find_routes(corpus_store, "ML Engineer", "Chief Technology Officer")
    by_id = find_routes(corpus_store, "ml-engineer", "cto")
    assert by_alias == by_id
