"""What keeps a posting dataset's build flat in memory, however many rows: each bound, checked directly.

The rows a build met wait on disk (at most one batch in memory), the reader runs at most the
pool's in-flight chunks ahead of the writer, the rows a rebuild removes are read a page at a
time, and the workers ask the store file which rows it holds instead of each getting a set of
every id. (The memory figures themselves are measured in ``benchmarks/postings.py``.)
"""

from __future__ import annotations

import csv
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

import kg.graph.store.sqlite as sqlite_store
from kg.errors import StoreError
from kg.graph.ingest.build import IN_FLIGHT
from kg.graph.ingest.datasets import ROWS_PER_TASK, _results, build_dataset
from kg.graph.store import SQLiteStore
from kg.graph.store.seen import DiskSet
from kg.loaders.datasets import DatasetSpec, Row

SPEC = DatasetSpec("title", "description", "id")


def _csv(path: Path, ids: list[int]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "title", "description"])
        out.writerows([str(n), f"Data Engineer {n}", f"Requirements: Python and SQL, row {n}."] for n in ids)
    return path


def test_seen_rows_wait_on_disk_one_batch_at_most() -> None:
    with DiskSet() as seen:
        for n in range(3 * DiskSet.BATCH + 5):
            seen.add(f"jobs.csv#{n}")
            assert seen.pending() < DiskSet.BATCH
        seen.add("jobs.csv#0")  # twice: one row
        assert len(seen) == 3 * DiskSet.BATCH + 5
        assert "jobs.csv#0" in seen and f"jobs.csv#{3 * DiskSet.BATCH + 4}" in seen
        assert "jobs.csv#-1" not in seen and 7 not in seen


def test_the_reader_runs_at_most_the_in_flight_chunks_ahead() -> None:
    read = [0]

    def rows() -> Iterator[Row]:
        for n in range(20 * ROWS_PER_TASK * IN_FLIGHT):
            read[0] += 1
            yield Row(f"jobs.csv#{n}", f"jobs.csv#{n}", f"Data Engineer\n\nPython and SQL, row {n}.", "text")

    results = _results(rows(), 2, frozenset())
    try:
        next(results)
        # without back-pressure the reader would have queued every row by now
        assert read[0] <= 2 * IN_FLIGHT * ROWS_PER_TASK
    finally:
        results.close()


def test_removed_rows_are_paged_and_only_this_dataset_s(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_store, "ROWS_PAGE", 2)  # pages of two rows: the walk crosses many pages
    jobs = _csv(tmp_path / "jobs.csv", list(range(9)))
    if (tmp_path / "JOBS.CSV").exists():
        pytest.skip("a case-insensitive file system: Jobs.csv would be jobs.csv")
    other = _csv(tmp_path / "Jobs.csv", list(range(3)))  # same name but for case: another file
    with SQLiteStore(tmp_path / "kg.sqlite") as store:
        build_dataset(store, jobs, SPEC, workers=1)
        build_dataset(store, other, SPEC, workers=1)
        _csv(jobs, [1, 2, 5, 8])
        report = build_dataset(store, jobs, SPEC, workers=1, list_rows=True)
        assert sorted(o.source.rsplit("#")[1] for o in report.loaded if o.status == "removed") == \
            ["0", "3", "4", "6", "7"]
        assert report.count("unchanged") == 4
        assert sorted(d.source.rsplit("/")[-1] for d in store.documents()) == [
            "Jobs.csv#0", "Jobs.csv#1", "Jobs.csv#2", "jobs.csv#1", "jobs.csv#2", "jobs.csv#5", "jobs.csv#8"]
        with pytest.raises(StoreError, match="inside store.transaction"):
            list(store.retract_rows(str(jobs), set()))


def test_workers_ask_the_store_file_which_rows_it_holds(tmp_path: Path) -> None:
    jobs = _csv(tmp_path / "jobs.csv", list(range(40)))
    with SQLiteStore(tmp_path / "kg.sqlite") as store:
        build_dataset(store, jobs, SPEC, workers=2)
        known = store.committed_ids()
        assert not isinstance(known, (set, frozenset))  # a WAL store file: asked, not copied into every worker
        ids = [d.id for d in store.documents()]
        copy = pickle.loads(pickle.dumps(known))  # as a worker gets it
        assert all(i in copy for i in ids) and "0" * 16 not in copy
        with store.transaction():
            for info in store.retract_rows(str(jobs), set()):
                assert info.id in copy  # the build's open transaction is not what the workers see
        assert ids[0] not in copy  # after the commit, it is
        copy.close()  # type: ignore[attr-defined]
        build_dataset(store, jobs, SPEC, workers=1)
        again = build_dataset(store, jobs, SPEC, workers=2)
        assert again.count("unchanged") == 40 and again.count("added") == 0
    with SQLiteStore(":memory:") as memory:
        assert isinstance(memory.committed_ids(), frozenset)
    with SQLiteStore(tmp_path / "new.sqlite") as new:
        assert new.committed_ids() == frozenset()  # nothing to ask: no connection of its own
