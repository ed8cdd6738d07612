"""Deterministic exports: the same inputs give byte-identical files.

Two stores are built from the same files in separate builds (one with the
process pool); their exports must match byte for byte. JSON and GraphML carry
no load time; the RDF and Cypher exports carry it (PROV), which
``$SOURCE_DATE_EPOCH`` fixes, as for any reproducible build.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.graph.export.registry import export
from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore
from tests.data import LADDER_MD, SENIOR_MD

pytest.importorskip("kg.loaders.extract")


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(30):  # above PARALLEL_THRESHOLD, so workers=2 really uses the pool
        text = (LADDER_MD if i % 2 else SENIOR_MD) + f"\nTeam {i} also asks for SQL and Docker.\n"
        (folder / f"posting-{i:02d}.md").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "graphml", "ttl", "nt", "jsonld", "cypher"])
def test_same_inputs_give_byte_identical_exports(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if fmt not in ("json", "graphml"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    outputs = []
    corpus = _corpus(tmp_path / "corpus")
    for run, workers in (("a", 1), ("b", 2)):
        with SQLiteStore(tmp_path / f"{run}.sqlite") as store:
            build(store, [corpus], workers=workers)
            if run == "a":
                time.sleep(1.1)  # the second build happens in another second
            out = tmp_path / f"{run}.{fmt}"
            export(store, fmt, out)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 1000
