"""Every library query, run on the embedded engine, answers what the Python query layer answers."""

from __future__ import annotations

from collections import defaultdict

import pytest

from kg.graph.cypher.ladybug import LadybugEngine
from kg.graph.examples import tiny_store
from kg.queries.explore import next_roles, show, similar_roles
from kg.queries.library.cypher import get_query, library, run_library_query
from kg.queries.path import shortest_role_path
from kg.queries.unlock import skill_gap, unlock


@pytest.fixture(scope="module")
def tiny():
    store = tiny_store()
    return store, LadybugEngine(store)


@pytest.fixture
def corpus(corpus_store, tmp_path):
    return corpus_store, LadybugEngine(corpus_store, cache_dir=tmp_path / "lb")


def _rows(engine, name, **params):
    return run_library_query(engine, name, params).records()


def _check_all(store, engine) -> int:
    """Compare every library query with the Python layer over every role/skill; return the checks made."""
    roles = [n.id for n in store.nodes("Role")]
    skills = [n.id for n in store.nodes("Skill")]
    checks = 0
    for role in roles:
        answer = unlock(store, role)
        assert [(r["id"], r["required"], r["weight"], r["documents"]) for r in _rows(engine, "skills-for-role",
                                                                                      role=role)] == \
            [(s.item.id, s.required, s.weight, s.documents) for s in answer.skills]
        assert [(r["id"], r["required"], r["weight"]) for r in _rows(engine, "certifications-for-role", role=role)] \
            == [(c.item.id, c.required, c.weight) for c in answer.certifications]
        assert [(r["id"], r["weight"]) for r in _rows(engine, "next-roles", role=role)] == \
            [(ref.id, weight) for ref, weight, _ in next_roles(store, role)]
        got = _rows(engine, "similar-roles", role=role, limit=10)
        want = similar_roles(store, role, limit=10)
        assert [(r["id"], r["shared"]) for r in got] == [(ref.id, shared) for ref, _, shared in want]
        assert [r["similarity"] for r in got] == pytest.approx([score for _, score, _ in want], abs=1e-4)
        checks += 4
    for a in roles[:12]:
        for b in roles:
            assert [r["id"] for r in _rows(engine, "skill-gap", **{"from": a, "to": b})] == \
                [ref.id for ref in skill_gap(store, a, b)]
            python_path = shortest_role_path(store, a, b)
            routes = _rows(engine, "shortest-career-path", **{"from": a, "to": b})
            if python_path is None or a == b:
                assert a == b or routes == []
            else:
                assert python_path in [r["roles"] for r in routes]
                assert {r["hops"] for r in routes} == {len(python_path) - 1}
            checks += 2
    for skill in skills:
        view = show(store, skill)
        if view.node.type != "Skill":
            continue  # the name also names a role; show() prefers roles
        want_links = [(lk.other.id, lk.required, lk.weight) for lk in view.links
                      if lk.type == "REQUIRES_SKILL" and lk.direction == "in"]
        assert [(r["id"], r["required"], r["weight"]) for r in _rows(engine, "roles-needing-skill", skill=skill)] \
            == want_links
        checks += 1
    demand = defaultdict(lambda: [0, 0, 0.0])
    for edge in store.edges("REQUIRES_SKILL"):
        demand[edge.dst][0] += 1
        demand[edge.dst][1] += edge.required
        demand[edge.dst][2] += edge.weight
    want_demand = sorted(((k, v[0], v[1], round(v[2], 4)) for k, v in demand.items()),
                         key=lambda t: (-t[1], -t[3], t[0]))[:20]
    assert [(r["id"], r["roles"], r["required_by"], r["weight"]) for r in _rows(engine, "most-demanded-skills")] \
        == want_demand
    return checks + 1


def test_library_matches_python_on_the_tiny_graph(tiny) -> None:
    assert _check_all(*tiny) > 10


@pytest.mark.slow
@pytest.mark.slow
def test_library_matches_python_on_the_corpus(corpus) -> None:
    store, engine = corpus
    assert _check_all(store, engine) > 100
    routes = _rows(engine, "shortest-career-path", **{"from": "ml-engineer", "to": "cto"})
    assert routes and routes[0]["roles"][0] == "ml-engineer"


def test_every_query_has_a_header(tiny) -> None:
    assert len(library()) >= 8
    for q in library().values():
        assert q.summary.endswith(("?", ".")) and q.python, q.name
        for p in q.params:
            assert f"${p.name}" in q.text_for("neo4j") and f"${p.name}" in q.text_for("ladybug")


@pytest.mark.parametrize("name, params, message", [
    ("no-such-query", {}, "no library question"),  # unknown name lists the library
    ("next-roles", {}, "needs --param role"),  # missing parameter
    ("next-roles", {"role": "engineer", "rol": 1}, "takes no parameter 'rol'. Did you mean role"),  # misspelt
    ("similar-roles", {"role": "engineer", "limit": "many"}, "must be an integer"),  # wrong type
])
def test_bad_calls_say_what_to_do(tiny, name, params, message) -> None:
    from kg.errors import QueryError

    with pytest.raises(QueryError, match=message):
        run_library_query(tiny[1], name, params)


def test_dialect_variants_exist_only_where_needed() -> None:
    assert "ladybug" in get_query("shortest-career-path").texts
    assert "ladybug" not in get_query("skills-for-role").texts
