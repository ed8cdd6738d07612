"""Score the extractor on the bundled sample corpus against hand-made gold (``corpus_gold/``).

The gold files follow the format and annotation conventions of ``../shared/real-dev`` (README sections
"Gold format" and "Annotation conventions"). The scorer here is self-contained: it re-implements the
name-set matching of ``../shared/eval/score.py`` (and a test checks both agree when ``../shared`` is there),
so the corpus gold is scored even where ``../shared`` is absent.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from kg.graph.ingest.build import bundled_corpus_paths
from kg.loaders.extract import extract
from kg.loaders.readers import read_path
from tests.data import SCORER

GOLD_DIR = Path(__file__).resolve().parent / "corpus_gold"
CATEGORIES = ("roles", "skills", "certifications", "progressions")
#: (precision, recall) floors, just under what the extractor reached when the gold was written
#: (measured: roles 0.86/0.97, skills 0.87/0.86, certifications 1.00/0.92, progressions 0.94/0.93)
FLOORS = {"roles": (0.84, 0.95), "skills": (0.85, 0.84), "certifications": (0.97, 0.90),
          "progressions": (0.92, 0.91)}
SKILL_KINDS = {"technical", "soft", "management", "domain"}
BASES = {"explicit-arrow", "explicit-move", "stage-sequence", "lateral"}

NameSet = set[str]


# ------------------------------------------------------------------ name-set scoring (score.py semantics)

def norm(s: str) -> str:
    """Normalise a name as ``score.py`` does (case, '&', dashes, punctuation, spaces)."""
    s = s.lower().replace("&", " and ").replace("–", "-").replace("—", "-")
    return " ".join(re.sub(r"[^a-z0-9+#]+", " ", s).split())


def names(item: dict[str, Any]) -> NameSet:
    """Normalised label or name plus aliases of one item."""
    raw = [item.get("label") or item.get("name") or "", *(item.get("aliases") or [])]
    return {norm(n) for n in raw if n and norm(n)}


def role_index(roles: Iterable[dict[str, Any]]) -> dict[str, NameSet]:
    """Normalised role name -> the full name set of the role(s) it belongs to."""
    idx: dict[str, NameSet] = {}
    for role in roles:
        ns = names(role)
        for n in ns:
            idx.setdefault(n, set()).update(ns)
    return idx


def _ends(edges: Iterable[dict[str, Any]], idx: dict[str, NameSet]) -> list[tuple[NameSet, NameSet]]:
    return [(idx.get(norm(e["from"]), set()) | {norm(e["from"])}, idx.get(norm(e["to"]), set()) | {norm(e["to"])})
            for e in edges if e.get("from") and e.get("to")]


def _roles_of(obj: dict[str, Any]) -> list[dict[str, Any]]:
    return [*obj.get("roles", []), obj.get("primary_role") or {}]


def score_doc(gold: dict[str, Any], sysx: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    """(true positives, system items, gold items) per category for one document."""
    res: dict[str, tuple[int, int, int]] = {}
    for cat in ("roles", "skills", "certifications"):
        g = [names(x) for x in gold.get(cat, [])]
        s = [names(x) for x in sysx.get(cat, [])]
        s = [x for i, x in enumerate(s) if x and all(not (x & y) for y in s[:i])]  # one system item once
        used = [False] * len(g)
        tp = 0
        for x in s:
            hit = next((i for i, y in enumerate(g) if not used[i] and x & y), None)
            if hit is not None:
                used[hit] = True
                tp += 1
        res[cat] = (tp, len(s), len(g))
    ge = _ends(gold.get("progressions", []), role_index(_roles_of(gold)))
    found = _ends(sysx.get("progressions", []), role_index(_roles_of(sysx)))
    se = list({(frozenset(a), frozenset(b)): (a, b) for a, b in found}.values())
    used = [False] * len(ge)
    tp = 0
    for sf, st in se:
        hit = next((i for i, (gf, gt) in enumerate(ge) if not used[i] and sf & gf and st & gt), None)
        if hit is not None:
            used[hit] = True
            tp += 1
    res["progressions"] = (tp, len(se), len(ge))
    return res


def summary(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, dict[str, float]]:
    """Micro-averaged precision and recall per category over (gold, extraction) pairs."""
    totals = {cat: [0, 0, 0] for cat in CATEGORIES}
    for gold, sysx in pairs:
        for cat, counts in score_doc(gold, sysx).items():
            totals[cat] = [a + b for a, b in zip(totals[cat], counts, strict=True)]
    return {cat: {"precision": tp / n_sys if n_sys else 0.0, "recall": tp / n_gold if n_gold else 0.0,
                  "tp": tp, "system": n_sys, "gold": n_gold}
            for cat, (tp, n_sys, n_gold) in totals.items()}


# ------------------------------------------------------------------ fixtures

def _gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.json"))


@cache
def _gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def _corpus() -> dict[str, Path]:
    return {p.name: p for p in bundled_corpus_paths()}


@cache
def _text(doc: str) -> str:
    return read_path(_corpus()[doc]).text


@cache
def _extraction(doc: str) -> dict[str, Any]:
    out: dict[str, Any] = extract(read_path(_corpus()[doc])).to_json()
    return out


@pytest.fixture(scope="module")
def pairs() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(_gold(p), _extraction(_gold(p)["doc"])) for p in _gold_files()]


# ------------------------------------------------------------------ the gold itself

def test_every_corpus_document_has_one_gold_file() -> None:
    docs = sorted(_corpus())
    assert len(docs) == 18
    assert [p.stem for p in _gold_files()] == [Path(d).stem for d in docs]
    assert [_gold(p)["doc"] for p in _gold_files()] == docs


@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.stem)
def test_gold_is_grounded_in_the_text(path: Path) -> None:
    """Evidence is an exact substring of the rendered text; every name is in the text; ends are gold roles."""
    gold = _gold(path)
    text = _text(gold["doc"])
    low = text.lower()
    for cat in ("roles", "skills", "certifications"):
        for item in gold[cat]:
            assert any(n.lower() in low for n in [item["name"], *item["aliases"]]), (cat, item["name"])
    for skill in gold["skills"]:
        assert skill["kind"] in SKILL_KINDS and isinstance(skill["required_by_primary"], bool), skill
    primary = gold["primary_role"]
    assert primary is not None and primary["name"] in {r["name"] for r in gold["roles"]}
    role_names = {n.lower() for r in gold["roles"] for n in [r["name"], *r["aliases"]]}
    edges = [(p["from"], p["to"]) for p in gold["progressions"]]
    assert len(edges) == len(set(edges)), "an edge is listed once per file"
    for prog in gold["progressions"]:
        assert prog["from"].lower() in role_names and prog["to"].lower() in role_names, prog
        assert set(prog["basis"].split("+")) <= BASES, prog
    for item in [*gold["progressions"], *gold["experience"], *gold["education"], *gold["salaries"]]:
        assert item["evidence"] in text, item["evidence"]
    assert gold["notes"].strip()


# ------------------------------------------------------------------ the extractor against the gold

def test_corpus_scores_hold_floors(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    got = summary(pairs)
    for cat, (p_min, r_min) in FLOORS.items():
        assert got[cat]["precision"] >= p_min and got[cat]["recall"] >= r_min, (cat, got[cat])


def test_no_progression_runs_against_its_gold_direction(
        pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    backward = []
    for gold, sysx in pairs:
        ge = _ends(gold["progressions"], role_index(_roles_of(gold)))
        se = _ends(sysx["progressions"], role_index(_roles_of(sysx)))
        for (sf, st), prog in zip(se, sysx["progressions"], strict=True):
            forward = any(sf & gf and st & gt for gf, gt in ge)
            reverse = any(st & gf and sf & gt for gf, gt in ge)
            if reverse and not forward:
                backward.append((gold["doc"], prog["from"], prog["to"], prog["evidence"]))
    assert not backward


def test_no_move_from_senior_ml_engineer_down_to_machine_learning_engineer() -> None:
    """The corpus once yielded Senior ML Engineer -> Machine Learning Engineer; no document states it."""
    for doc in _corpus():
        for prog in _extraction(doc)["progressions"]:
            assert (norm(prog["from"]), norm(prog["to"])) != ("senior ml engineer", "machine learning engineer"), \
                (doc, prog)


def test_no_skill_is_read_from_latency_budgets() -> None:
    text = _text("ml-engineer.md")
    # the only 'budget' in the document is the latency budget, so a Budgeting skill can come from nowhere else
    assert [m.start() for m in re.finditer("budget", text, re.I)] == [text.index("latency budgets") + len("latency ")]
    budget = [s for s in _extraction("ml-engineer.md")["skills"] if any("budget" in n for n in names(s))]
    assert not budget, budget


def test_scorer_agrees_with_the_shared_scorer(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    if not SCORER.is_file():
        pytest.skip(f"../shared/eval/score.py is absent ({SCORER}); the self-contained scorer is used alone")
    spec = importlib.util.spec_from_file_location("kg_shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    for gold, sysx in pairs:
        assert shared.score_doc(gold, sysx) == score_doc(gold, sysx), gold["doc"]
