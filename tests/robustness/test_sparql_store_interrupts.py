"""Ctrl-C or SIGKILL while `kg sparql` builds its Oxigraph store: a quick exit, nothing half-built ever used.

Real ``kg`` processes, real signals, a real generated store (benchmarks/generate.py, size S: 33k triples).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from benchmarks.generate import generate_graph
from tests.robustness.kgproc import KG, kg

pytest.importorskip("pyoxigraph")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "S.sqlite"
    generate_graph("S", path)
    return path


def _start_build(store: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_STORE"))}
    proc = subprocess.Popen([KG, "sparql", "ASK { ?s ?p ?o }", "--store", str(store)], env=env | {"HOME": str(
        store.parent)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    first = proc.stderr.readline()  # printed before the first triple is written
    assert first.startswith("building the SPARQL store"), first
    return proc


def _folders(store: Path) -> list[str]:
    cache = Path(str(store) + ".oxigraph")
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


def test_ctrl_c_during_the_build_exits_at_once_and_leaves_nothing(store: Path) -> None:
    proc = _start_build(store)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    waited = time.monotonic() - sent
    assert proc.returncode == 130, err
    assert waited < 2.5, waited
    assert "Traceback" not in err and "built the SPARQL store" not in err
    assert _folders(store) == []
    again = kg("sparql", "ASK { ?s ?p ?o }", "--store", store, home=store.parent)
    assert (again.returncode, again.stdout) == (0, "true\n"), again.stderr
    assert "building the SPARQL store" in again.stderr


def test_a_build_killed_midway_is_cleared_by_the_next_call(store: Path) -> None:
    proc = _start_build(store)
    proc.kill()
    proc.wait(timeout=30)
    left = _folders(store)
    assert all(name.startswith(".build-") for name in left), left  # never a key folder
    again = kg("sparql", "ASK { ?s ?p ?o }", "--store", store, home=store.parent)
    assert (again.returncode, again.stdout) == (0, "true\n"), again.stderr
    assert [name for name in _folders(store) if name.startswith(".build-")] == []
