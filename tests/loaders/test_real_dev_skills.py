"""Score skills and certifications on ../shared/real-dev (30 real documents, 19 with gold).

Uses the shared scorer's own functions (``../shared/eval/score.py``); skipped with a reason when
the shared folder is absent. Floors sit just under the micro-averaged figures reached.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType

import pytest

from kg.loaders.extract import extract
from kg.loaders.readers import read_path

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
REAL_DEV = SHARED / "real-dev"
SCORER = SHARED / "eval" / "score.py"
# (precision, recall) floors, micro-averaged over the annotated documents
FLOORS = {"skills": (0.77, 0.81), "certifications": (0.95, 0.95)}

pytestmark = pytest.mark.skipif(not (REAL_DEV / "gold").is_dir() or not SCORER.is_file(),
                                reason=f"{REAL_DEV} or {SCORER} not present (shared development set)")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_json(path: Path) -> dict[str, object]:
    ex = extract(read_path(path))
    return {"doc": path.name,
            "skills": [{"label": m.label, "aliases": list(m.aliases)} for m in ex.skills],
            "certifications": [{"label": m.label, "aliases": list(m.aliases)} for m in ex.certifications]}


@pytest.fixture(scope="module")
def totals() -> dict[str, list[int]]:
    score = _scorer()
    sums = {c: [0, 0, 0] for c in FLOORS}
    for gold_file in sorted((REAL_DEV / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        result = score.score_doc(gold, _as_json(REAL_DEV / "docs" / gold["doc"]))
        for cat in FLOORS:
            for k in range(3):
                sums[cat][k] += result[cat][k]
    return sums


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_real_dev_floor(totals: dict[str, list[int]], category: str) -> None:
    tp, n_sys, n_gold = totals[category]
    precision, recall = tp / max(n_sys, 1), tp / max(n_gold, 1)
    p_min, r_min = FLOORS[category]
    assert precision >= p_min and recall >= r_min, (category, round(precision, 3), round(recall, 3))
