"""Cold whole-process times of the planning commands beside ``kg path``, as ratios to ``python -c "import sqlite3"``.

Each figure is the median of ``--runs`` new processes after one warm-up run, all in one sitting, so
the ratios compare like with like on a noisy shared machine. Beside the wall time it reports the
child's CPU time (user + sys), which other agents' load inflates less. Bytecode is cached, as in any
installed package (this sandbox sets ``PYTHONDONTWRITEBYTECODE=1``, which makes every run compile
kg from source; ``--no-bytecode`` keeps that), in a folder under the system temp dir, not the repository.

Usage::

    python -m benchmarks.plan_bench --store /tmp/kg.sqlite                  # bundled corpus store
    python -m benchmarks.plan_bench --store /tmp/kgbench/L.sqlite --synthetic  # names from the sidecar
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["commands", "median_ms", "timings", "main"]


def commands(store: Path, synthetic: bool, kg_argv: list[str] | None = None) -> dict[str, list[str]]:
    """Return label -> argv of each command timed (the floor first)."""
    if synthetic:
        facts = json.loads(store.with_suffix(".json").read_text(encoding="utf-8"))
        source, target = facts["route"]
        have = ",".join(f"skill-{i:06d}" for i in range(0, 40, 4))
    else:
        source, target, have = "ml-engineer", "cto", "python,pytorch,aws,kubernetes"
    kg = kg_argv or [str(Path(sys.executable).with_name("kg"))]
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


#: child environment: bytecode cached outside the repository (see the module docstring)
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "kg-plan-bench-pycache")}


def timings(argv: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Return the median wall, median CPU (user + sys) and least CPU time of ``runs`` processes, in ms.

    One warm-up run comes first.
    """
    env = ENV if env is None else env
    subprocess.run(argv, check=True, capture_output=True, env=env)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        walls.append((time.perf_counter() - started) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(walls), statistics.median(cpus), min(cpus)


def median_ms(argv: list[str], runs: int) -> float:
    """Return the median wall time of ``runs`` processes (after one warm-up), in milliseconds."""
    return timings(argv, runs)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--synthetic", action="store_true", help="a benchmarks.generate store (reads its sidecar)")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--only", default="", help="comma-separated labels to time (the floor is always timed)")
    parser.add_argument("--kg", default=None, help="the command that runs kg, split like a shell line "
                        "(default: this environment's kg script), e.g. another checkout on PYTHONPATH")
    parser.add_argument("--no-bytecode", action="store_true", help="keep PYTHONDONTWRITEBYTECODE from the environment")
    args = parser.parse_args()
    rows = commands(args.store, args.synthetic, shlex.split(args.kg) if args.kg else None)
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}
    floor: tuple[float, float, float] | None = None
    print("| command | wall ms | × floor | CPU ms | × floor | least CPU ms | × floor |\n|---|---|---|---|---|---|---|")
    for label, argv in rows.items():
        if floor is not None and wanted and label not in wanted:
            continue
        wall, cpu, least = timings(argv, args.runs, dict(os.environ) if args.no_bytecode else ENV)
        floor = floor or (wall, cpu, least)
        print(f"| `{label}` | {wall:.0f} | {wall / floor[0]:.2f} | {cpu:.0f} | {cpu / floor[1]:.2f} | {least:.0f} |"
              f" {least / floor[2]:.2f} |", flush=True)


if __name__ == "__main__":
    main()
