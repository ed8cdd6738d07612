"""Cold whole-process times of the planning commands beside ``kg path``, as ratios to ``python -c "import sqlite3"``.

Each figure is the median of ``--runs`` new processes after one warm-up run, all in one sitting, so
the ratios compare like with like on a noisy shared machine.

Usage::

    python -m benchmarks.plan_bench --store /tmp/kg.sqlite                  # bundled corpus store
    python -m benchmarks.plan_bench --store /tmp/kgbench/L.sqlite --synthetic  # names from the sidecar
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["commands", "median_ms", "main"]


def commands(store: Path, synthetic: bool) -> dict[str, list[str]]:
    """Return label -> argv of each command timed (the floor first)."""
    if synthetic:
        facts = json.loads(store.with_suffix(".json").read_text(encoding="utf-8"))
        source, target = facts["route"]
        have = ",".join(f"skill-{i:06d}" for i in range(0, 40, 4))
    else:
        source, target, have = "ml-engineer", "cto", "python,pytorch,aws,kubernetes"
    kg = [str(Path(sys.executable).with_name("kg"))]
    tail = ["--store", str(store)]
    return {
        'python -c "import sqlite3"': [sys.executable, "-c", "import sqlite3"],
        "kg path": [*kg, "path", source, target, *tail],
        "kg path --have": [*kg, "path", source, target, "--have", have, *tail],
        "kg plan": [*kg, "plan", source, target, "--have", have, *tail],
        "kg match --from": [*kg, "match", "--have", have, "--from", source, *tail],
        "kg levers": [*kg, "levers", source, "--have", have, *tail],
        "kg unlock --have": [*kg, "unlock", target, "--have", have, *tail],
    }


def median_ms(argv: list[str], runs: int) -> float:
    """Return the median wall time of ``runs`` processes (after one warm-up), in milliseconds."""
    subprocess.run(argv, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--synthetic", action="store_true", help="a benchmarks.generate store (reads its sidecar)")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    rows = commands(args.store, args.synthetic)
    floor = None
    print("| command | median ms | × import sqlite3 |\n|---|---|---|")
    for label, argv in rows.items():
        ms = median_ms(argv, args.runs)
        floor = floor or ms
        print(f"| `{label}` | {ms:.0f} | {ms / floor:.2f} |", flush=True)


if __name__ == "__main__":
    main()
