"""Score the extractor on ../shared/real-dev (30 real documents written by others, 19 with gold).

Uses the shared scorer's own functions (``../shared/eval/score.py``); skipped with a reason when the
shared folder is absent. Floors sit just under the micro-averaged figures reached; every gold file
that states moves must get at least one of them right; the whole set is also built into one store,
where ``kg path`` must route most gold moves in at most three moves.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kg.loaders.extract import extract
from kg.loaders.readers import read_path

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
REAL_DEV = SHARED / "real-dev"
SCORER = SHARED / "eval" / "score.py"
# (precision, recall) floors, micro-averaged over the annotated documents
FLOORS = {"roles": (0.88, 0.94), "skills": (0.77, 0.81), "certifications": (0.95, 0.95),
          "progressions": (0.95, 0.93)}

pytestmark = pytest.mark.skipif(not (REAL_DEV / "gold").is_dir() or not SCORER.is_file(),
                                reason=f"{REAL_DEV} or {SCORER} not present (shared development set)")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored() -> list[tuple[str, dict[str, Any], dict[str, tuple[int, int, int]]]]:
    score = _scorer()
    out = []
    for gold_file in sorted((REAL_DEV / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        extraction = extract(read_path(REAL_DEV / "docs" / gold["doc"])).to_json()
        out.append((gold["doc"], gold, score.score_doc(gold, extraction)))
    return out


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_real_dev_floor(scored: list[tuple[str, dict[str, Any], dict[str, tuple[int, int, int]]]],
                        category: str) -> None:
    tp = sum(r[category][0] for _, _, r in scored)
    n_sys = sum(r[category][1] for _, _, r in scored)
    n_gold = sum(r[category][2] for _, _, r in scored)
    p_min, r_min = FLOORS[category]
    assert n_sys and tp / n_sys >= p_min, (category, tp, n_sys, n_gold)
    assert tp / n_gold >= r_min, (category, tp, n_sys, n_gold)


def test_every_document_with_moves_gets_one_right(
        scored: list[tuple[str, dict[str, Any], dict[str, tuple[int, int, int]]]]) -> None:
    missed = [doc for doc, gold, r in scored if gold.get("progressions") and r["progressions"][0] == 0]
    assert not missed, missed


@pytest.mark.slow
def test_whole_set_routes_gold_moves() -> None:
    from benchmarks.real_dev import route_share

    routed, total = route_share(REAL_DEV, max_moves=3)
    assert routed / total >= 0.9, (routed, total)
