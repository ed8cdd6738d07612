"""Career planning on real stores: match, plan (least to learn), levers, one-of groups.

Checked on the bundled corpus and on the seeds + corpus (the seeds are read from ../shared).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore
from kg.graph.types import (
    CERTIFICATION,
    DEGREE,
    PROGRESSES_TO,
    RECOMMENDS_CERTIFICATION,
    REQUIRES_EDUCATION,
    REQUIRES_SKILL,
    SKILL,
)
from kg.queries.have import resolve_have
from kg.queries.levers import find_levers
from kg.queries.match import RoleMatch, match_roles
from kg.queries.needs import EXPERIENCE, role_needs
from kg.queries.path import find_routes
from kg.queries.plan import LearningPlan, learning_plan, plan_route
from kg.queries.unlock import unlock
from tests.data import SEEDS

HAVE = ["python", "pytorch", "aws", "communication", "docker", "sql"]


@pytest.fixture(scope="module", params=["corpus", "seeds+corpus"])
def kg_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    if request.param == "seeds+corpus" and not SEEDS.is_dir():
        pytest.skip(f"../shared/seeds is absent ({SEEDS})")
    path = tmp_path_factory.mktemp(request.param.replace("+", "-")) / "kg.sqlite"
    with SQLiteStore(path) as store:
        build(store, workers=1)
        if request.param == "seeds+corpus":
            report = build(store, [SEEDS], workers=1)
            assert report.count("added") == 5
        yield store


def _assert_cumulative(plan: LearningPlan, held: frozenset[str]) -> None:
    """No step lists a held item, nor one learned at an earlier step, nor a need already met."""
    known = set(held)
    for step in plan.steps:
        for item in step.learn:
            assert item.pick.id not in known, (item.label, step.target.name)
            assert not item.need.met_by(known), (item.label, step.target.name)
            known.add(item.pick.id)
    assert plan.total == sum(len(s.learn) for s in plan.steps)


def test_the_skills_of_senior_ml_engineer_match_it_first(kg_store: SQLiteStore) -> None:
    have = [i for rel in (REQUIRES_SKILL, RECOMMENDS_CERTIFICATION, REQUIRES_EDUCATION)
            for i in kg_store.successors(rel, "senior-ml-engineer")]
    answer = match_roles(kg_store, have)
    first = answer.matches[0]
    assert first.role.id == "senior-ml-engineer", [m.role.id for m in answer.matches[:3]]
    assert first.fit == 1.0 and not first.missing
    assert answer.matches[1].fit < 1.0


def test_match_lists_matched_and_missing_with_years(kg_store: SQLiteStore) -> None:
    answer = match_roles(kg_store, HAVE, years=2, limit=50)
    held = resolve_have(kg_store, HAVE).ids | {EXPERIENCE.id}  # years of work count as experience
    assert answer.matches
    for m in answer.matches:
        assert all(n.met_by(held) for n in m.matched) and not any(n.met_by(held) for n in m.missing)
        assert 0.0 <= m.fit <= 1.0
        if m.min_years is not None:
            assert m.years_short == max(0.0, m.min_years - 2)
    scores = [m.score for m in answer.matches]
    assert scores == sorted(scores, reverse=True)


def test_match_from_a_role_puts_reachable_roles_first(kg_store: SQLiteStore) -> None:
    answer = match_roles(kg_store, HAVE, source="ml-engineer", limit=100)
    moves = [m.moves for m in answer.matches]
    reachable = [m for m in moves if m is not None]
    assert reachable and moves[: len(reachable)] == reachable, "reachable roles come first"
    assert "ml-engineer" not in {m.role.id for m in answer.matches}
    assert "senior-ml-engineer" in {m.role.id for m in answer.matches if m.moves == 1}


@pytest.mark.parametrize("have", [HAVE, ["python"], [], ["kubernetes", "mlops", "leadership", "budgeting"]])
def test_plan_never_relists_and_never_costs_more_than_the_fewest_moves(kg_store: SQLiteStore,
                                                                        have: list[str]) -> None:
    answer = plan_route(kg_store, "ml-engineer", "cto", have)
    held = resolve_have(kg_store, have).ids
    _assert_cumulative(answer.plan, held)
    fewest = find_routes(kg_store, "ml-engineer", "cto")[0]
    baseline = learning_plan(kg_store, [r.id for r in fewest.roles], held)
    _assert_cumulative(baseline, held)
    assert answer.plan.total <= baseline.total
    if answer.fewest_moves is not None:
        assert answer.fewest_moves.total == baseline.total and answer.fewest_moves.roles != answer.plan.roles
    assert answer.plan.roles[0].id == "ml-engineer" and answer.plan.roles[-1].id == "cto"
    for a, b in zip(answer.plan.roles, answer.plan.roles[1:], strict=False):
        assert b.id in kg_store.successors(PROGRESSES_TO, a.id)


def test_plan_without_have_takes_the_starting_roles_skills_as_held(kg_store: SQLiteStore) -> None:
    answer = plan_route(kg_store, "ml-engineer", "cto")
    listed = set(kg_store.successors(REQUIRES_SKILL, "ml-engineer"))
    assert answer.assumed == "source-role"
    assert not {t.pick.id for s in answer.plan.steps for t in s.learn} & listed


LONG_WAY = {
    "platform.md": "# Platform Engineer\n\n## Required skills\n- Python and Go\n\n## Career progression\n"
                   "Platform Engineer → Staff Platform Engineer → Platform Engineering Manager\n\n"
                   "Platform Engineer → Senior Platform Engineer → Principal Platform Engineer → "
                   "Platform Engineering Manager\n",
    "staff.md": "# Staff Platform Engineer\n\n## Required skills\n- Python, Go, Rust, Java, Scala and C++\n",
    "senior.md": "# Senior Platform Engineer\n\n## Required skills\n- Python and Kubernetes\n",
    "principal.md": "# Principal Platform Engineer\n\n## Required skills\n- Kubernetes and Mentoring\n",
    "manager.md": "# Platform Engineering Manager\n\n## Required skills\n- Kubernetes, Mentoring and Budgeting\n",
}


def test_plan_prefers_a_longer_route_with_less_to_learn(tmp_path: Path, store: SQLiteStore) -> None:
    for name, text in LONG_WAY.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    build(store, [tmp_path], workers=1)
    answer = plan_route(store, "platform engineer", "platform engineering manager", ["python", "go"])
    fewest = answer.fewest_moves
    assert fewest is not None, "the fewest-moves route passes a role asking for much more"
    assert [r.name for r in fewest.roles] == [
        "Platform Engineer", "Staff Platform Engineer", "Platform Engineering Manager"]
    assert [r.name for r in answer.plan.roles] == [
        "Platform Engineer", "Senior Platform Engineer", "Principal Platform Engineer", "Platform Engineering Manager"]
    assert [[t.pick.id for t in s.learn] for s in answer.plan.steps] == [["kubernetes"], ["mentoring"], ["budgeting"]]
    assert answer.plan.total == 3 < fewest.total == 7
    assert answer.proven


def test_levers_rank_a_skill_several_moves_need_above_one_none_needs(kg_store: SQLiteStore) -> None:
    answer = find_levers(kg_store, "ml-engineer", ["python"], limit=1000)
    held = resolve_have(kg_store, ["python"]).ids
    needed: dict[str, int] = {}
    for door in answer.doors:
        for need in role_needs(kg_store, door.id, required_only=True):
            if not need.met_by(held):
                for option in need.options:
                    needed[option.id] = needed.get(option.id, 0) + 1
    several = max(needed, key=lambda i: (needed[i], i))
    assert needed[several] >= 2
    nobody = next(n.id for n in kg_store.nodes(SKILL) if n.id not in needed and n.id not in held)
    ranked = [lv.item.id for lv in answer.levers]
    assert several in ranked and nobody not in ranked
    top = answer.levers[0]
    assert top.opens or top.closer
    for door in (*top.opens, *top.closer):
        assert door.evidence and door.role.id in kg_store.successors(PROGRESSES_TO, door.via.id)


@pytest.mark.parametrize("member", ["aws", "azure", "gcp"])
def test_an_or_requirement_is_met_by_any_one_member(kg_store: SQLiteStore, member: str) -> None:
    needs = role_needs(kg_store, "ai-engineering-manager")
    [cloud] = [n for n in needs if n.kind == "one-of" and {"aws", "gcp"} <= {o.id for o in n.options}]
    assert cloud.label.startswith("one of: ") and cloud.evidence
    assert "AWS, Azure or GCP" in cloud.evidence[0].quote
    held = resolve_have(kg_store, [member]).ids
    assert cloud.met_by(held)
    match = next(m for m in match_roles(kg_store, [member], limit=100).matches
                 if m.role.id == "ai-engineering-manager")
    missing_ids = {o.id for n in match.missing for o in n.options}
    assert not missing_ids & {"aws", "azure", "gcp"}
    plan = plan_route(kg_store, "senior-ml-engineer", "ai-engineering-manager", [member])
    learned = {o.id for s in plan.plan.steps for t in s.learn for o in t.need.options}
    assert not learned & {"aws", "azure", "gcp"}


def test_a_degree_or_equivalent_experience_is_met_by_either(kg_store: SQLiteStore) -> None:
    # software-engineer.txt: "Bachelor's degree in Computer Science or a related field required, or
    # equivalent practical experience."
    [need] = [n for n in role_needs(kg_store, "software-engineer") if EXPERIENCE in n.options]
    assert need.required and {o.id for o in need.options} == {"degree-bachelor-computer-science", "experience"}
    assert need.label.lower() == "one of: bachelor's degree in computer science or equivalent experience"
    assert "equivalent practical experience" in need.evidence[0].quote
    assert not [n for n in kg_store.nodes(DEGREE) if "experience" in n.name.lower()]  # no degree "in experience"
    assert need in unlock(kg_store, "software-engineer", have=["python"]).missing_one_of
    assert need not in unlock(kg_store, "software-engineer", have=["python", "equivalent experience"]).missing_one_of
    assert need not in unlock(kg_store, "software-engineer", have=["degree-bachelor-computer-science"]).missing_one_of

    def software(**kw: Any) -> RoleMatch:
        return next(m for m in match_roles(kg_store, ["python"], limit=100, **kw).matches
                    if m.role.id == "software-engineer")
    assert need in software().missing and need in software(years=3).matched  # years of work count
    assert need in software(source="junior-ml-engineer").matched  # so does being in a role


@pytest.mark.parametrize("member", ["aws-ml-specialty", "gcp-ml-engineer"])
def test_a_certification_alternative_is_met_by_any_one_member(kg_store: SQLiteStore, member: str) -> None:
    # ml-engineer.md: "AWS Certified Machine Learning – Specialty or Google Professional Machine Learning
    # Engineer is a plus"
    needs = role_needs(kg_store, "ml-engineer")
    [group] = [n for n in needs if {o.id for o in n.options} == {"aws-ml-specialty", "gcp-ml-engineer"}]
    assert group.kind == "one-of" and not group.required and {o.type for o in group.options} == {CERTIFICATION}
    assert group.label.startswith("one of: AWS Certified Machine Learning") and group.evidence
    answer = unlock(kg_store, "ml-engineer", have=[member])
    assert group in answer.one_of and group not in answer.missing_one_of
    assert group in unlock(kg_store, "ml-engineer", have=["python"]).missing_one_of
    match = next(m for m in match_roles(kg_store, [member], limit=100).matches if m.role.id == "ml-engineer")
    assert group in match.matched
