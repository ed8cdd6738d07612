"""Property: after any sequence of add, edit, rename, duplicate and remove, the store equals a fresh build.

Hypothesis drives real files in a real folder and a real SQLite store, reaching
the files through relative and absolute paths; after every step the store must
state exactly what a fresh build of the files present states (documents, node
names, aliases, properties, edges and evidence).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.kgproc import store_content

pytest.importorskip("kg.loaders.extract")

from kg.graph.ingest.build import build  # noqa: E402
from kg.graph.store import SQLiteStore  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "loaders" / "corpus"
#: the pool of contents: a few bundled documents that share roles and skills under different spellings
TEXTS = [(CORPUS / name).read_text(encoding="utf-8") for name in (
    "ml-engineer.md", "senior-ml-engineer.txt", "cto.md", "data-scientist.md", "staff-ml-engineer.md")]
SLOTS = ["a.md", "b.md", "sub/c.md", "sub/d.md"]

steps = st.lists(st.one_of(
    st.tuples(st.just("write"), st.sampled_from(SLOTS), st.integers(0, len(TEXTS) - 1)),  # add or edit
    st.tuples(st.just("rename"), st.sampled_from(SLOTS), st.sampled_from(SLOTS)),
    st.tuples(st.just("duplicate"), st.sampled_from(SLOTS), st.sampled_from(SLOTS)),
    st.tuples(st.just("remove"), st.sampled_from(SLOTS), st.booleans()),  # True: `kg remove` it, else rebuild
), min_size=1, max_size=7)


def _fresh(docs: Path, work: Path) -> dict[str, object]:
    path = work / "fresh.sqlite"
    if path.exists():
        path.unlink()
    with SQLiteStore(path) as fresh:
        build(fresh, [docs.resolve()], workers=1)
    return store_content(path)


@settings(max_examples=int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", "25")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ops=steps, relative=st.lists(st.booleans(), min_size=7, max_size=7))
def test_store_always_equals_a_fresh_build_of_the_files_present(
        ops: list[tuple[str, str, object]], relative: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        monkeypatch.chdir(work)
        docs = work / "docs"
        (docs / "sub").mkdir(parents=True)
        with SQLiteStore(work / "kg.sqlite") as store:
            for (op, slot, arg), rel in zip(ops, relative, strict=False):
                spell = (lambda p: p.relative_to(work)) if rel else (lambda p: p)  # noqa: E731
                path = docs / slot
                if op == "write":
                    path.write_text(TEXTS[int(arg)], encoding="utf-8")  # type: ignore[call-overload]
                elif op in ("rename", "duplicate") and path.exists() and slot != arg:
                    (shutil.move if op == "rename" else shutil.copyfile)(path, docs / str(arg))
                elif op == "remove" and path.exists():
                    path.unlink()
                    if arg and any(d.source == str(path.resolve()) for d in store.documents()):
                        store.remove_document(str(spell(path)))
                        assert store_content(work / "kg.sqlite") == _fresh(docs, work), ops
                        continue
                build(store, [spell(docs)], workers=1)
                assert store_content(work / "kg.sqlite") == _fresh(docs, work), ops
