"""Run the kg benchmarks as whole processes and print one table.

Every figure is a subprocess measured from process start to exit: ``kg path`` and
``kg unlock`` on cold processes (median of ``--runs``), ``kg build`` throughput on
generated corpora, graph loading, every registered exporter and ``kg validate`` with wall
time and peak memory (``/usr/bin/time -v``).

Usage::

    python -m benchmarks.run                       # S, M, L graphs; 100, 1000, 10000 documents
    python -m benchmarks.run --sizes S,M --corpora 100 --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["main", "timed", "measured"]

KG = str(Path(sys.executable).with_name("kg"))
_TIME = shutil.which("time") or "/usr/bin/time"
#: subprocess environment: bytecode cached (as in any installed package) but outside the repository
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Return (median milliseconds, exit status) of ``runs`` cold runs of ``cmd`` after one warm-up run.

    "Cold" means a new process each time (interpreter start, imports, opening the
    store); the warm-up only lets the OS cache the files and Python write bytecode.
    """
    samples, status = [], 0
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV)
    for _ in range(runs):
        start = time.perf_counter()
        status = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env or ENV).returncode
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), status


def measured(cmd: list[str], env: dict[str, str] | None = None, limit: float = 900) -> tuple[float, float, int]:
    """Return (wall seconds, peak RSS MB, exit status) of one run under ``/usr/bin/time -v``.

    A run longer than ``limit`` seconds is stopped and reported with status -9.
    """
    try:
        proc = subprocess.run([_TIME, "-v", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, env=env or ENV, timeout=limit)
    except subprocess.TimeoutExpired:
        return limit, 0.0, -9
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    seconds = 0.0
    if wall:
        h, m, s = wall.groups()
        seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    return seconds, int(peak.group(1)) / 1024 if peak else 0.0, proc.returncode


def main() -> None:
    """Generate what is missing under ``--workdir``, run every benchmark, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kgbench"))
    parser.add_argument("--sizes", default="S,M,L")
    parser.add_argument("--corpora", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip", default="", help="comma list of: query, build, load, export, validate")
    parser.add_argument("--formats", default="", help="comma list of export formats [default: all registered]")
    parser.add_argument("--export-limit", type=float, default=600, help="seconds before an export is stopped")
    args = parser.parse_args()
    work: Path = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    skip = set(filter(None, args.skip.split(",")))
    sizes = [s for s in args.sizes.split(",") if s]
    rows: list[tuple[str, str, str, str]] = []

    def row(what: str, size: str, figure: str, note: str = "") -> None:
        rows.append((what, size, figure, note))
        print(f"  {what:<34} {size:<8} {figure:<22} {note}", file=sys.stderr, flush=True)

    base, _ = timed([sys.executable, "-c", "pass"], args.runs)
    row("python -c pass (start-up floor)", "-", f"{base:.0f} ms")
    help_ms, _ = timed([KG, "--help"], args.runs)
    row("kg --help", "-", f"{help_ms:.0f} ms")
    for size in sizes:
        store = work / f"{size}.sqlite"
        if "load" not in skip or not store.exists():
            secs, peak, _ = measured([sys.executable, "-m", "benchmarks.generate", "graph", size, str(store)])
            facts = json.loads(store.with_suffix(".json").read_text())
            row("load graph (bulk, one transaction)", size, f"{secs:.1f} s, {peak:.0f} MB",
                f"{facts['nodes']:,} nodes, {facts['edges']:,} edges")
        facts = json.loads(store.with_suffix(".json").read_text())
        if "query" not in skip:
            a, b = facts["route"]
            ms, status = timed([KG, "path", a, b, "--store", str(store)], args.runs)
            row("kg path (cold, 10 hops)", size, f"{ms:.0f} ms", f"exit {status}, median of {args.runs}")
            ms, status = timed([KG, "path", a, b, "--store", str(store)], args.runs,
                               {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
            row("kg path (cold, no bytecode cache)", size, f"{ms:.0f} ms", f"exit {status}, median of {args.runs}")
            ms, status = timed([KG, "unlock", facts["unlock"], "--store", str(store)], args.runs)
            row("kg unlock (cold)", size, f"{ms:.0f} ms", f"exit {status}, median of {args.runs}")
        if "export" not in skip:
            _exports(store, size, work, row, args.export_limit, [f for f in args.formats.split(",") if f])
        if "validate" not in skip:
            secs, peak, status = measured([KG, "validate", "--store", str(store)], limit=args.export_limit)
            row("kg validate (SHACL, in blocks)", size, f"{secs:.1f} s, {peak:.0f} MB",
                f"exit {status}" + (" (stopped)" if status == -9 else ""))
    if "build" not in skip:
        _builds([int(c) for c in args.corpora.split(",") if c], work, args.workers, row)
    print(f"| {'benchmark':<34} | {'size':<8} | {'figure':<22} | note")
    print(f"|{'-' * 36}|{'-' * 10}|{'-' * 24}|------")
    for what, size, figure, note in rows:
        print(f"| {what:<34} | {size:<8} | {figure:<22} | {note}")


def _exports(store: Path, size: str, work: Path, row: object, limit: float, formats: list[str]) -> None:
    from kg.graph.export.registry import EXPORTERS

    for fmt in formats or sorted(EXPORTERS):
        out = work / f"{size}-export.{fmt}"
        if out.is_dir():
            shutil.rmtree(out)
        secs, peak, status = measured([KG, "export", "--format", fmt, "-o", str(out), "--store", str(store)],
                                      limit=limit)
        files = [p for p in out.rglob("*") if p.is_file()] if out.is_dir() else [out] if out.exists() else []
        note = (f"{sum(p.stat().st_size for p in files) / 1e6:.0f} MB written" if status == 0
                else f"exit {status}" + (f" (stopped after {limit:.0f} s)" if status == -9 else ""))
        row(f"kg export --format {fmt}", size, f"{secs:.1f} s, {peak:.0f} MB", note)  # type: ignore[operator]


def _builds(counts: list[int], work: Path, workers: int, row: object) -> None:
    from benchmarks.generate import generate_corpus

    for count in counts:
        corpus = work / f"corpus-{count}"
        if not corpus.exists():
            generate_corpus(count, corpus)
        store = work / f"build-{count}.sqlite"
        store.unlink(missing_ok=True)
        cmd = [KG, "build", str(corpus), "--store", str(store), "--workers", str(workers)]
        secs, peak, status = measured(cmd)
        rate = count / secs if secs else 0.0
        row("kg build (fresh store)", f"{count} docs", f"{secs:.1f} s, {peak:.0f} MB",  # type: ignore[operator]
            f"{rate:.0f} docs/s = {rate / workers:.0f}/s/core, exit {status}")
        secs, peak, status = measured(cmd)
        row("kg build again (all unchanged)", f"{count} docs", f"{secs:.1f} s, {peak:.0f} MB",  # type: ignore[operator]
            f"exit {status}")


if __name__ == "__main__":
    main()
