"""The five seed documents (read from ../shared/seeds) load into a graph with their stated moves."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore
from kg.queries.path import find_routes
from kg.queries.resolve import resolve
from kg.queries.unlock import unlock
from tests.data import NO_SHARED_REASON, SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=NO_SHARED_REASON)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    path = tmp_path_factory.mktemp("seeds") / "kg.sqlite"
    with SQLiteStore(path) as store:
        report = build(store, [SEEDS], workers=1)
        assert report.count("added") == 5 and not report.skipped
        yield store


@pytest.mark.parametrize(
    "chain",
    [
        ["Junior ML Engineer", "Senior ML Engineer", "ML Engineering Manager"],
        ["Research Scientist", "Senior Research Scientist", "Chief Research Scientist"],
        ["AI Engineering Manager", "Director of AI Engineering"],
        ["Product Manager", "Senior Product Manager", "VP of AI Products"],
    ],
)
def test_stated_progressions_are_edges(seed_store: SQLiteStore, chain: list[str]) -> None:
    ids = [resolve(seed_store, name, "Role").id for name in chain]
    for a, b in zip(ids, ids[1:], strict=False):
        assert b in seed_store.successors("PROGRESSES_TO", a), f"{a} -> {b} missing"
        assert seed_store.evidence("PROGRESSES_TO", a, b), "every move carries its quote"
    [route] = find_routes(seed_store, chain[0], chain[-1])
    assert route.hops == len(chain) - 1


def test_every_seed_primary_role_unlocks_with_evidence(seed_store: SQLiteStore) -> None:
    described = [e.src for e in seed_store.edges("DESCRIBED_IN")]
    assert len(described) >= 4, "each seed names its primary role"
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for role_id in described:
        answer = unlock(seed_store, role_id)
        assert len(answer.skills) >= 10, f"{role_id} lists few skills"
        for req in answer.skills[:10]:
            quote = req.evidence[0]
            assert quote.quote in texts[quote.document], "evidence quotes are the seed's exact words"
