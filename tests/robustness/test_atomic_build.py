"""A build that fails or is killed leaves the previous store exactly as it was.

Real files, real SQLite, a real ``kg build`` process killed with SIGKILL while it
is writing: the store must read back byte-for-byte as before (the write-ahead
log holds no commit of the killed build, so SQLite ignores it on the next open)
and pass ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore
from tests.data import LADDER_MD, SENIOR_MD

pytest.importorskip("kg.loaders.extract")

KG = str(Path(sys.executable).with_name("kg"))


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(str(path))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return list(conn.iterdump())
    finally:
        conn.close()


def _corpus(folder: Path, count: int) -> Path:
    """Write ``count`` distinct small role documents (a numbered line keeps their hashes apart)."""
    folder.mkdir()
    for i in range(count):
        text = (LADDER_MD if i % 2 else SENIOR_MD) + f"\nPosting {i}: requires Python and Docker.\n"
        (folder / f"posting-{i:05d}.md").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """A store holding two documents: the state every failed build must leave behind."""
    folder = tmp_path / "before"
    folder.mkdir()
    (folder / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    (folder / "senior.md").write_text(SENIOR_MD, encoding="utf-8")
    path = tmp_path / "kg.sqlite"
    with SQLiteStore(path) as store:
        build(store, [folder], workers=1)
    return path


class _Boom(Exception):
    pass


@pytest.mark.parametrize(
    ("error", "workers"),
    [
        (_Boom, 1),  # a library error half-way through, extraction in-process
        (_Boom, 2),  # the same with the process pool running
        (KeyboardInterrupt, 1),  # Ctrl-C half-way through
    ],
)
def test_a_build_that_raises_midway_changes_nothing(
    previous: Path, tmp_path: Path, error: type[BaseException], workers: int
) -> None:
    before = _dump(previous)
    corpus = _corpus(tmp_path / "corpus", 60)
    seen = 0

    def progress(step: int) -> None:
        nonlocal seen
        seen += step
        if seen == 40:
            raise error("stop here")

    with SQLiteStore(previous, create=False) as store, pytest.raises(error):
        build(store, [corpus], workers=workers, progress=progress)
    assert seen == 40
    assert _dump(previous) == before


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_store(previous: Path, tmp_path: Path) -> None:
    before = _dump(previous)
    corpus = _corpus(tmp_path / "corpus", 4000)
    journal = previous.with_name(previous.name + "-wal")  # the store runs in WAL mode
    proc = subprocess.Popen([KG, "build", str(corpus), "--store", str(previous), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not (journal.exists() and journal.stat().st_size) and proc.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.01)
        assert journal.exists(), "the build never started writing"
        time.sleep(1.0)  # let it write (and spill pages into the database file)
        assert proc.poll() is None, "the build finished before it could be killed; use a bigger corpus"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the orphaned pool workers too
    assert proc.returncode == -signal.SIGKILL
    assert journal.exists() and journal.stat().st_size  # the log still holds the killed build's uncommitted pages
    assert _dump(previous) == before
    with SQLiteStore(previous, create=False) as store:  # and the store works on
        report = build(store, [corpus], workers=2)
        assert report.count("added") + report.count("unchanged") == 4000
