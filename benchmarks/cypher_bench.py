"""Benchmark ``kg cypher`` on the embedded engine: the first call (which builds the cache) and later ones.

Copies a synthetic store (``python -m benchmarks.generate graph M /tmp/kgbench/M.sqlite``) to a
fresh folder so the first call builds the embedded database, then runs every library question
and the unbounded progression query as whole ``kg`` processes, printing wall time, peak memory,
exit status and the first line of stderr (the build note, a bound note or an error).

Usage::

    python -m benchmarks.cypher_bench /tmp/kgbench/M.sqlite
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from benchmarks.run import _TIME, ENV, KG
from kg.graph.store import SQLiteStore
from kg.queries.library.cypher import library

__all__ = ["main"]

UNBOUNDED = "MATCH p = (a:Role)-[:PROGRESSES_TO*]->(b:Role) RETURN count(p) AS paths"


def _params(name: str, facts: dict[str, object], skill: str) -> list[str]:
    route = facts.get("route") or ["", ""]
    assert isinstance(route, list)
    role = str(facts.get("unlock", route[0]))
    values = {"role": role, "skill": skill, "from": str(route[0]), "to": str(route[1])}
    q = library()[name]
    return [arg for p in q.params if p.required for arg in ("-p", f"{p.name}={values.get(p.name, p.example)}")]


def _measured(cmd: list[str]) -> tuple[float, float, int, str]:
    """Return (wall seconds, peak RSS MB, exit status, kg's first stderr line) of one run under ``time -v``."""
    proc = subprocess.run([_TIME, "-v", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          env=ENV, timeout=900)
    ours, _, timing = proc.stderr.partition("\tCommand being timed:")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", timing)
    seconds = 0.0
    if wall:
        h, m, sec = wall.groups()
        seconds = int(h or 0) * 3600 + int(m) * 60 + float(sec)
    lines = [line for line in ours.splitlines() if line.strip() and not line.startswith("(")]
    return seconds, int(peak[1]) / 1024 if peak else 0.0, proc.returncode, lines[0][:100] if lines else ""


def main() -> None:
    """Run the calls and print one Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    args = parser.parse_args()
    facts = json.loads(args.store.with_suffix(".json").read_text()) if args.store.with_suffix(".json").exists() else {}
    with tempfile.TemporaryDirectory(prefix="kg-cypher-bench-") as tmp:
        store = Path(tmp) / "kg.sqlite"
        shutil.copy(args.store, store)
        tail = ["--store", str(store), "--format", "csv"]
        calls = [("first call (builds the cache)", [KG, "cypher", "MATCH (r:Role) RETURN count(r)", *tail])]
        with SQLiteStore(store, create=False) as opened:
            skill = next(iter(opened.nodes("Skill"))).id
        calls += [(name, [KG, "cypher", name, *_params(name, facts, skill), *tail]) for name in library()]
        calls += [("unbounded PROGRESSES_TO*", [KG, "cypher", UNBOUNDED, *tail])]
        print("| call | seconds | peak MB | exit | stderr |\n|---|---|---|---|---|")
        for label, cmd in calls:
            seconds, peak, status, note = _measured(cmd)
            print(f"| {label} | {seconds:.2f} | {peak:.0f} | {status} | {note} |", flush=True)


if __name__ == "__main__":
    main()
