"""The store is the user's data: no command may overwrite it, write into a foreign database, or hide damage.

Real stores built by real ``kg`` processes; every failure must be one readable
message (no traceback) that never advises deleting a healthy store.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.data import LADDER_MD, SENIOR_MD
from tests.robustness.kgproc import KG, assert_no_traceback, kg

pytest.importorskip("kg.loaders.extract")


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A store of two small documents of our own."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    (docs / "senior.md").write_text(SENIOR_MD, encoding="utf-8")
    store = tmp_path / "kg.sqlite"
    proc = kg("build", docs, "--store", store, home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return store


@pytest.mark.parametrize("args", [
    ["export", "-f", "json", "-o", "{store}"],
    ["export", "-f", "graphml", "-o", "{store}"],
    ["viz", "-o", "{store}"],
])
def test_export_or_viz_onto_the_store_itself_is_refused(built: Path, args: list[str]) -> None:
    before = built.read_bytes()
    proc = kg(*[a.format(store=built) for a in args], "--store", built, home=built.parent)
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert "is the kg store" in proc.stderr
    assert built.read_bytes() == before


@pytest.mark.parametrize("command", [["stats"], ["build", "{docs}"]])
def test_another_applications_database_is_never_written(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    other = tmp_path / "other-app.db"
    conn = sqlite3.connect(other)
    conn.executescript("CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'ada');"
                       "CREATE TABLE node(x);")  # a table whose name collides with one of kg's
    conn.close()
    before = other.read_bytes()
    proc = kg(*[c.format(docs=tmp_path / "docs") for c in command], "--store", other, home=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert "not a kg store" in proc.stderr and "users" in proc.stderr
    assert other.read_bytes() == before


def test_an_empty_file_does_not_become_a_store(tmp_path: Path) -> None:
    empty = tmp_path / "notes.db"
    empty.touch()
    proc = kg("stats", "--store", empty, home=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 1 and "empty file" in proc.stderr
    assert empty.read_bytes() == b""


@pytest.mark.parametrize("command", [["stats"], ["build", "{docs}"]])
def test_a_pipe_given_as_the_store_is_refused_at_once(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    os.mkfifo(tmp_path / "store.fifo")
    proc = kg(*[c.format(docs=tmp_path / "docs") for c in command], "--store", tmp_path / "store.fifo",
              home=tmp_path, timeout=30)
    assert_no_traceback(proc)
    assert proc.returncode == 1 and "not a regular file" in proc.stderr


def test_a_store_of_a_newer_schema_asks_for_a_newer_kg(built: Path) -> None:
    conn = sqlite3.connect(built)
    conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    for command in (["stats"], ["build", built.parent / "docs"]):
        proc = kg(*command, "--store", built, home=built.parent)
        assert_no_traceback(proc)
        assert proc.returncode == 1
        assert "newer" in proc.stderr and "upgrade kg" in proc.stderr
        assert "rebuild it with `kg build`" not in proc.stderr


def _corrupt(store: Path) -> None:
    """Overwrite every page but the first (the schema) with garbage, as a failing disk might."""
    conn = sqlite3.connect(store)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(store.read_bytes())
    for offset in range(page, len(data), page):
        data[offset:offset + page] = bytes((i * 37 + 11) % 256 for i in range(page))
    store.write_bytes(bytes(data))


CORRUPT_COMMANDS = [
    ["stats"], ["roles"], ["skills"], ["show", "python"], ["path", "platform-engineer", "senior-platform-engineer"],
    ["unlock", "platform-engineer"], ["gap", "platform-engineer", "senior-platform-engineer"],
    ["next", "platform-engineer"], ["similar", "platform-engineer"], ["export", "-f", "json", "-o", "{tmp}/o.json"],
    ["viz", "-o", "{tmp}/o.html"], ["cypher", "MATCH (n) RETURN count(n)"], ["sparql", "SELECT ?s WHERE { ?s ?p ?o }"],
    ["validate"], ["remove", "platform.md"], ["build", "{tmp}/docs"],
]


@pytest.mark.parametrize("command", CORRUPT_COMMANDS, ids=[c[0] for c in CORRUPT_COMMANDS])
def test_a_damaged_store_gives_one_clear_error(built: Path, command: list[str]) -> None:
    _corrupt(built)
    proc = kg(*[c.replace("{tmp}", str(built.parent)) for c in command], "--store", built, home=built.parent)
    assert_no_traceback(proc)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert "is damaged" in proc.stderr and "remove it" not in proc.stderr


def _writers_corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"posting-{i:05d}.md").write_text(
            (LADDER_MD if i % 2 else SENIOR_MD) + f"\nPosting {i}: requires Python and Docker.\n", encoding="utf-8")
    return folder


def _write_locked(store: Path) -> bool:
    """True while another connection holds the store's write lock."""
    conn = sqlite3.connect(store, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def test_reads_during_a_build_see_the_last_commit_and_a_second_build_is_told_busy(built: Path) -> None:
    home = built.parent
    before = kg("stats", "--json", "--store", built, home=home)
    assert before.returncode == 0
    corpus = _writers_corpus(home / "many", 12000)  # minutes of writing: it never finishes during the test
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")} | {"HOME": str(home)}
    writer = subprocess.Popen([KG, "build", str(corpus), "--store", str(built), "--workers", "2"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        held = 0  # the build's transaction holds the write lock for good (startup takes it only for a moment)
        while held < 4 and writer.poll() is None and time.monotonic() < deadline:
            held = held + 1 if _write_locked(built) else 0
            time.sleep(0.25)
        assert writer.poll() is None and held == 4, "the build never settled into writing"
        started = time.monotonic()
        during = kg("stats", "--json", "--store", built, home=home)
        assert_no_traceback(during)
        assert during.returncode == 0, during.stderr
        assert during.stdout == before.stdout  # the last committed state
        route = kg("path", "platform-engineer", "platform-engineering-manager", "--store", built, home=home)
        assert route.returncode == 0, route.stderr
        assert time.monotonic() - started < 4  # nobody waited for the writer
        assert _write_locked(built), "the build stopped writing before the second one started"
        second = kg("build", home / "docs", "--store", built, home=home, timeout=60)
        assert_no_traceback(second)
        assert second.returncode == 1
        assert "busy" in second.stderr and "remove" not in second.stderr and "not a kg store" not in second.stderr
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(writer.pid, signal.SIGKILL)
        writer.wait()
    assert kg("stats", "--json", "--store", built, home=home).stdout == before.stdout


def test_a_store_of_the_previous_schema_is_migrated_in_place(built: Path) -> None:
    conn = sqlite3.connect(built)  # what kg wrote before documents' claims on nodes were kept
    with conn:
        conn.execute("DROP TABLE node_doc")
        conn.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    conn.close()
    stats = kg("stats", "--json", "--store", built, home=built.parent)
    assert stats.returncode == 0, stats.stderr
    conn = sqlite3.connect(built)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("2",)
        assert conn.execute("SELECT COUNT(*) FROM node_doc").fetchone()[0] > 0
    finally:
        conn.close()
    removed = kg("remove", built.parent / "docs" / "senior.md", "--store", built, home=built.parent)
    assert removed.returncode == 0, removed.stderr
    assert "platform-engineer" in kg("roles", "--store", built, home=built.parent).stdout
