"""Score the extractor on the shared seed documents with the shared scorer (targets from the issue)."""

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
TARGETS = {"roles": (0.90, 0.90), "skills": (0.85, 0.85), "certifications": (0.90, 0.90),
           "progressions": (0.85, 0.85)}

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(),
                                reason="../shared (seeds, gold, eval/score.py) is not present; set KG_SHARED")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_seed_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return [json.dumps(extract(read_path(p)).to_json()) for p in sorted((SHARED / "seeds").glob("*.txt"))]


def test_seed_scores_meet_targets(seed_lines: list[str], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "extractions.jsonl"
    out.write_text("\n".join(seed_lines) + "\n", encoding="utf-8")
    _scorer().main(["score.py", str(SHARED / "gold"), str(out), "--json"])
    summary = json.loads(capsys.readouterr().out)
    for category, (p_min, r_min) in TARGETS.items():
        got = summary[category]
        assert got["precision"] >= p_min and got["recall"] >= r_min, (category, got)


def test_seed_evidence_is_exact(seed_lines: list[str]) -> None:
    for path, line in zip(sorted((SHARED / "seeds").glob("*.txt")), seed_lines, strict=True):
        text = read_path(path).text
        obj = json.loads(line)
        items = [*obj["roles"], *obj["skills"], *obj["certifications"], *obj["progressions"],
                 *obj["salaries"], *obj["experience"], *obj["education"]]
        for item in items:
            start, end = item["span"]
            assert text[start:end] == item["evidence"], item
