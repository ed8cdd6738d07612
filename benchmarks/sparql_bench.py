"""Time `kg sparql`: the first call (which builds the persistent Oxigraph store) and later calls of every question.

Each call is a new ``kg`` process; its wall time is measured around it and its peak memory is the
child's own maximum RSS, read with ``os.wait4`` (per process, unlike ``RUSAGE_CHILDREN``, which keeps the
maximum over every child so far). The first call runs after the store's ``.oxigraph`` folder is removed;
then each library question runs ``--runs`` times (median wall time, highest peak). Parameters are chosen
by kind from the store and its ``generate.py`` sidecar (the route's two ends, the unlock role, a skill the
unlock role requires), so renamed parameters need no change here.

Usage::

    python -m benchmarks.generate graph M /tmp/kgbench/M.sqlite      # once
    python -m benchmarks.sparql_bench --store /tmp/kgbench/M.sqlite --runs 3
    python -m benchmarks.sparql_bench --store STORE --engines oxigraph,rdflib --runs 1

Prints a Markdown table on stdout, progress on stderr. Targets: later calls <= 2 s and <= 300 MB each.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from kg.graph.store import SQLiteStore
from kg.queries.library.sparql import library

__all__ = ["run_kg", "question_params", "main"]

KG = str(Path(sys.executable).with_name("kg"))
#: bytecode cached (as in any installed package)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
#: a question of the user's own, to show the cost of a full scan beside the library's
SCAN = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def run_kg(args: list[str]) -> tuple[float, float, int, str]:
    """Run ``kg ARGS``; return (wall seconds, peak RSS MB of that process, exit status, stdout)."""
    started = time.perf_counter()
    proc = subprocess.Popen([KG, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()  # small answers: reading to the end first cannot dead-lock
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, proc.returncode, out


def question_params(store: Path) -> dict[str, dict[str, str]]:
    """Return name -> parameters for every library question, chosen by parameter kind."""
    sidecar = store.with_suffix(".json")
    meta: dict[str, Any] = json.loads(sidecar.read_text()) if sidecar.exists() else {}
    with SQLiteStore(store, create=False) as s:
        roles = [n.id for n in s.nodes("Role")]
        moving = [r for r in roles if s.out_edges("PROGRESSES_TO", r) and s.out_edges("REQUIRES_SKILL", r)]
        first = moving[0] if moving else roles[0]
        nxt = [e.dst for e in s.out_edges("PROGRESSES_TO", first)] or roles[1:2] or [first]
        start, goal = meta.get("route", [first, nxt[0]])
        unlock_role = meta.get("unlock", first)
        needed = [e.dst for e in s.out_edges("REQUIRES_SKILL", unlock_role)]
        skill = needed[0] if needed else next(n.id for n in s.nodes("Skill"))
    out: dict[str, dict[str, str]] = {}
    for name, qdef in library().items():
        kinds = [kind for kind, _ in qdef.params.values()]
        role_values = [start, goal] if kinds.count("Role") == 2 else [unlock_role]
        values, r = [], 0
        for kind in kinds:
            if kind == "Role":
                values.append(role_values[min(r, len(role_values) - 1)])
                r += 1
            elif kind == "Skill":
                values.append(skill)
            else:
                values.append("1")
        out[name] = dict(zip(qdef.params, values, strict=True))
    return out


def main() -> None:
    """Parse the command line, run the calls, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store file (python -m benchmarks.generate)")
    parser.add_argument("--runs", type=int, default=3, help="later calls per question (median wall time)")
    parser.add_argument("--engines", default="oxigraph", help="comma-separated: oxigraph, rdflib")
    parser.add_argument("--keep", action="store_true", help="keep an existing Oxigraph store (no first call)")
    args = parser.parse_args()
    params = question_params(args.store)
    print("| engine | question | call | wall s | peak MB | rows |")
    print("|--------|----------|------|--------|---------|------|")
    for engine in args.engines.split(","):
        base = ["--store", str(args.store), "--engine", engine]
        first_name = next(iter(params))
        if engine == "oxigraph" and not args.keep:
            shutil.rmtree(str(args.store) + ".oxigraph", ignore_errors=True)
            print(f"{engine}: first call ({first_name}, builds the store) ...", file=sys.stderr)
            wall, peak, status, out = run_kg(["sparql", first_name, *_flags(params[first_name]), *base])
            _row(engine, first_name, "first (builds)", [wall], [peak], status, out)
        for name, values in [*params.items(), (SCAN, {})]:
            print(f"{engine}: {name[:40]} x{args.runs} ...", file=sys.stderr)
            runs = [run_kg(["sparql", name, *_flags(values), *base]) for _ in range(args.runs)]
            _row(engine, name, "later", [r[0] for r in runs], [r[1] for r in runs], runs[-1][2], runs[-1][3])


def _flags(values: dict[str, str]) -> list[str]:
    return [x for k, v in values.items() for x in ("-p", f"{k}={v}")]


def _row(engine: str, name: str, call: str, walls: list[float], peaks: list[float], status: int, out: str) -> None:
    lines = out.splitlines()
    rows = "error" if status else (lines[0] if len(lines) == 1 else str(max(len(lines) - 2, 0)))
    shown = f"`{name}`" if name != SCAN else "`SELECT (COUNT(*) …) { ?s ?p ?o }`"
    print(f"| {engine} | {shown} | {call} | {statistics.median(walls):.2f} | {max(peaks):.0f} | {rows} |",
          flush=True)


if __name__ == "__main__":
    main()
