"""Build a generated job-posting dataset (CSV) with ``kg build --text-column``: throughput and peak memory.

Usage::

    python -m benchmarks.postings --rows 10000,100000 [--workers 2] [--salaries]

Each size is a fresh CSV of templated postings (kg's own words) built into a fresh store by a
whole ``kg build`` process; the table shows wall time, documents per second, documents per
CPU second (user + system time of the main process and its workers: per core, and steadier than
wall time on a shared machine) and the peak memory, which must stay flat as rows grow: of the largest single process
(``peak``, what ``/usr/bin/time -v`` reports), of the main process, of the largest worker, and
of the whole tree (main plus workers, shared pages split between them; see
:mod:`benchmarks.tree_memory`).
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
from pathlib import Path

from benchmarks.corpus_text import CERTS, ROLES, SKILLS
from benchmarks.run import ENV, KG
from benchmarks.tree_memory import run_tree

__all__ = ["main", "write_postings"]


def write_postings(path: Path, rows: int, seed: int = 7, salaries: bool = False) -> None:
    """Write ``rows`` postings (id, title, description) to a CSV file, streamed.

    With ``salaries`` each posting also states a pay range (in steps of 1,000), so most rows add
    a salary node of their own: the build then touches nodes and edges in proportion to the rows.
    """
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "title", "description"])
        for n in range(rows):
            title = rng.choice(ROLES)
            need = rng.sample(SKILLS, 6)
            nice = rng.sample(SKILLS, 3)
            pay = ""
            if salaries:
                low = rng.randrange(60, 250) * 1000
                pay = f"<p>Salary: ${low:,} - ${low + rng.randrange(10, 80) * 1000:,} per year.</p>"
            text = (f"<p>We are hiring a {title} to join a product team.</p>{pay}"
                    f"<h2>Requirements</h2><ul>{''.join(f'<li>Experience with {s}</li>' for s in need)}"
                    f"<li>{rng.randint(2, 8)}+ years of experience</li></ul>"
                    f"<h2>Nice to have</h2><ul>{''.join(f'<li>{s}</li>' for s in nice)}"
                    f"<li>{rng.choice(CERTS)}</li></ul>")
            out.writerow([f"job-{n}", title, text])


def main(argv: list[str] | None = None) -> int:
    """Generate and build each size; print one row per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="10000,100000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--salaries", action="store_true", help="each posting states a pay range (a node per row)")
    args = parser.parse_args(argv)
    print(f"{'rows':>8} {'wall s':>8} {'docs/s':>8} {'cpu s':>8} {'docs/cpu s':>10} {'peak MB':>8} "
          f"{'main MB':>8} {'worker MB':>10} {'tree MB':>8}")
    for rows in (int(r) for r in args.rows.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            data, store = Path(tmp) / "postings.csv", Path(tmp) / "kg.sqlite"
            write_postings(data, rows, salaries=args.salaries)
            got = run_tree([KG, "build", str(data), "--title-column", "title", "--text-column", "description",
                            "--id-column", "id", "--store", str(store), "--workers", str(args.workers)],
                           env=ENV, limit=3600)
            rate = rows / got.wall if got.wall else 0.0
            per_cpu = rows / got.cpu if got.cpu else 0.0
            print(f"{rows:>8,} {got.wall:>8.1f} {rate:>8.0f} {got.cpu:>8.1f} {per_cpu:>10.0f} {got.largest:>8.1f} "
                  f"{got.main:>8.1f} {got.worker:>10.1f} {got.tree:>8.1f}"
                  + ("" if got.status == 0 else f"  (exit {got.status})"), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
