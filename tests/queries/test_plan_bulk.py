"""The bulk reads the planning commands use give what the one-role reads give, on real stores.

Checked on the bundled corpus, the seeds + corpus (seeds read from ../shared) and a synthetic
ladder store (``benchmarks.generate`` size S), where routes are long enough for the corridor to prune.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.generate import generate_graph
from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore
from kg.graph.types import PROGRESSES_TO, RECOMMENDS_CERTIFICATION, REQUIRES_ONE_OF, REQUIRES_SKILL, ROLE
from kg.queries.needs import required_skills_many, role_needs, role_needs_many, weigh_many
from kg.queries.plan import _corridor, plan_route
from tests.data import SEEDS

RELS = (REQUIRES_SKILL, RECOMMENDS_CERTIFICATION)


@pytest.fixture(scope="module", params=["corpus", "seeds+corpus", "synthetic-S"])
def kg_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    if request.param == "seeds+corpus" and not SEEDS.is_dir():
        pytest.skip(f"../shared/seeds is absent ({SEEDS})")
    path = tmp_path_factory.mktemp(request.param.replace("+", "-")) / "kg.sqlite"
    if request.param == "synthetic-S":
        generate_graph("S", path)
        with SQLiteStore(path, create=False) as store:
            yield store
        return
    with SQLiteStore(path) as store:
        build(store, workers=1)
        if request.param == "seeds+corpus":
            assert build(store, [SEEDS], workers=1).count("added") == 5
        yield store


def _roles(store: SQLiteStore) -> list[str]:
    return [n.id for n in store.nodes(ROLE)]


def test_bulk_lookups_agree_with_one_at_a_time(kg_store: SQLiteStore) -> None:
    roles = _roles(kg_store)
    edges = kg_store.edges_of(RELS, roles)
    assert sorted(edges, key=lambda e: (e.type, e.src, e.dst)) == sorted(
        (e for rel in RELS for r in roles for e in kg_store.out_edges(rel, r)), key=lambda e: (e.type, e.src, e.dst))
    skills = sorted({e.dst for e in edges if e.type == REQUIRES_SKILL})
    assert kg_store.pairs_of(REQUIRES_SKILL, skills, into=True) == sorted(
        (e.src, e.dst) for s in skills for e in kg_store.in_edges(REQUIRES_SKILL, s))
    assert kg_store.pairs_of(REQUIRES_SKILL, roles, required_only=True) == sorted(
        (e.src, e.dst) for e in edges if e.type == REQUIRES_SKILL and e.required)
    assert kg_store.nodes_of([*skills, "no-such-node"]) == [kg_store.node(s) for s in skills]
    assert kg_store.names_of([*skills, "no-such-node"]) == {n.id: (n.type, n.name) for n in kg_store.nodes_of(skills)}
    assert kg_store.evidence_of(REQUIRES_ONE_OF, roles) == [
        ev for r in sorted(roles) for ev in kg_store.evidence(REQUIRES_ONE_OF, r, "")]
    held = skills[:5]
    assert kg_store.edges_of(RELS, roles, others=held) == [e for e in edges if e.dst in held]
    sums: dict[tuple[str, str, bool], list[float]] = {}
    for e in edges:
        sums.setdefault((e.src, e.type, e.required), []).append(e.weight)
    got = kg_store.weight_sums(RELS, roles)
    assert got.keys() == sums.keys()
    assert all(got[k] == pytest.approx((sum(w), max(w))) for k, w in sums.items())
    counts = kg_store.count_into(RELS, held)
    assert counts and counts == {r: n for r in roles
                                 if (n := sum(1 for rel in RELS for s in held if s in kg_store.successors(rel, r)))}


def test_needs_read_in_bulk_equal_the_needs_read_one_role_at_a_time(kg_store: SQLiteStore) -> None:
    roles = _roles(kg_store)
    assert role_needs_many(kg_store, roles) == {r: role_needs(kg_store, r) for r in roles}
    plain = role_needs_many(kg_store, roles, names=False, required_only=True)
    assert plain == {r: role_needs(kg_store, r, names=False, required_only=True) for r in roles}
    for role, (skills, groups) in required_skills_many(kg_store, roles).items():
        needs = role_needs(kg_store, role, required_only=True, kinds=(REQUIRES_SKILL,), names=False)
        assert skills == {n.key for n in needs if n.kind != "one-of"}
        assert groups == tuple(n for n in needs if n.kind == "one-of")


def test_scores_read_in_bulk_equal_the_sums_over_the_needs(kg_store: SQLiteStore) -> None:
    roles = _roles(kg_store)
    held = {e.dst for e in kg_store.edges_of(RELS, roles[:3])} | {"aws", "bachelor-s-degree-in-computer-science"}
    scored = weigh_many(kg_store, roles, held)
    assert any(met for met, _ in scored.values())
    for role in roles:
        needs = role_needs(kg_store, role, names=False)
        met, total = scored[role]
        assert total == pytest.approx(sum(n.score for n in needs))
        assert met == pytest.approx(sum(n.score for n in needs if n.met_by(held)))


def _distances(store: SQLiteStore, start: str, into: bool) -> dict[str, int]:
    """Plain breadth-first distances from ``start`` (to it when ``into``), one look-up per role."""
    step = store.predecessors if into else store.successors
    dist, frontier, depth = {start: 0}, [start], 0
    while frontier:
        depth += 1
        frontier = list(dict.fromkeys(n for f in frontier for n in step(PROGRESSES_TO, f) if n not in dist))
        dist.update((n, depth) for n in frontier)
    return dist


def test_the_corridor_holds_every_role_on_a_route_that_fits(kg_store: SQLiteStore) -> None:
    roles = _roles(kg_store)
    pairs = [(a, b) for a in roles[:: max(1, len(roles) // 8)] for b in roles[:: max(1, len(roles) // 6)] if a != b]
    checked = 0
    for start, goal in pairs:
        ahead, back = _distances(kg_store, start, into=False), _distances(kg_store, goal, into=True)
        if goal not in ahead:
            continue
        hops = ahead[goal] + 3
        fits = {n: back[n] for n in back if n in ahead and ahead[n] + back[n] <= hops}
        corridor = _corridor(kg_store, start, goal, hops)
        assert {n: corridor.get(n) for n in fits} == fits  # every role that fits, with its true distance
        assert all(corridor[n] >= back[n] for n in corridor)  # never closer than it is
        checked += len(fits) > 2
    assert checked >= 3


def test_plan_on_long_synthetic_routes_never_costs_more_than_the_fewest_moves(tmp_path: Path) -> None:
    path = tmp_path / "S.sqlite"
    facts = generate_graph("S", path)
    with SQLiteStore(path, create=False) as store:
        source, target = facts["route"]
        have = [f"skill-{i:06d}" for i in range(0, 40, 4)]
        answer = plan_route(store, source, target, have)
        assert answer.proven and answer.plan.hops >= facts["route_hops"]
        fewest = answer.fewest_moves or answer.plan
        assert answer.plan.total <= fewest.total and fewest.hops == facts["route_hops"]
