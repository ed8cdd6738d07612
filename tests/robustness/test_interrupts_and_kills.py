"""Ctrl-C stops any command within a couple of seconds (exit 130); killed workers or parents lose nothing.

Real ``kg`` processes and real signals: SIGINT as a terminal sends it, SIGKILL as
the OOM killer does.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.data import LADDER_MD, SENIOR_MD
from tests.robustness.kgproc import KG, kg

pytest.importorskip("kg.loaders.extract")


def _env(home: Path) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")} | {"HOME": str(home)}


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("interrupts")
    store = home / "kg.sqlite"
    assert kg("build", "--store", store, home=home).returncode == 0  # the bundled corpus
    return store


@pytest.mark.parametrize("command", [
    ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "--engine", "oxigraph"],
    ["cypher", "MATCH (a)-[*1..12]-(b) RETURN count(*) AS n"],
], ids=["sparql-oxigraph", "cypher-embedded"])
def test_ctrl_c_stops_a_runaway_query_within_two_seconds(corpus_store: Path, command: list[str]) -> None:
    home = corpus_store.parent
    warm = kg("cypher", "MATCH (r:Role) RETURN count(r) AS n", "--store", corpus_store, home=home)  # cache built
    assert warm.returncode == 0, warm.stderr
    proc = subprocess.Popen([KG, *command, "--store", str(corpus_store)], env=_env(home), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(4)
        assert proc.poll() is None, "the query finished before Ctrl-C; make it bigger"
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        waited = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, proc.returncode
    assert waited < 2.5, waited
    assert "Traceback" not in proc.stderr.read()  # type: ignore[union-attr]


def _postings(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"posting-{i:05d}.md").write_text(
            (LADDER_MD if i % 2 else SENIOR_MD) + f"\nPosting {i}: requires Python and Docker.\n", encoding="utf-8")
    return folder


def test_a_worker_killed_mid_build_costs_nothing(tmp_path: Path) -> None:
    corpus = _postings(tmp_path / "corpus", 1500)
    store = tmp_path / "kg.sqlite"
    proc = subprocess.Popen([KG, "build", str(corpus), "--store", str(store), "--workers", "2", "--json"],
                            env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        workers = _children(proc.pid)
        assert workers, "no pool workers seen"
        os.kill(workers[0], signal.SIGKILL)  # as the OOM killer would
        out, err = proc.communicate(timeout=300)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert "Traceback" not in err, err[-2000:]
    assert proc.returncode in (0, 3), err[-2000:]
    report = json.loads(out)
    assert report["added"] + len(report["skipped"]) == 1500
    assert all("worker" in s["reason"] for s in report["skipped"])


def test_pool_workers_end_when_their_build_is_killed(tmp_path: Path) -> None:
    corpus = _postings(tmp_path / "corpus", 3000)
    proc = subprocess.Popen([KG, "build", str(corpus), "--store", str(tmp_path / "kg.sqlite"), "--workers", "2"],
                            env=_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = _children(proc.pid)
            time.sleep(0.05)
        assert workers, "no pool workers seen"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 5
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(_alive, workers)), "pool workers outlived their build"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
