"""Build a generated job-posting dataset (CSV) with ``kg build --text-column``: throughput and peak memory.

Usage::

    python -m benchmarks.postings --rows 10000,100000 [--workers 2]

Each size is a fresh CSV of templated postings (kg's own words) built into a fresh store by a
whole ``kg build`` process under ``/usr/bin/time -v``; the table shows wall time, documents per
second (and per worker core) and the peak resident memory, which must stay flat as rows grow.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
from pathlib import Path

from benchmarks.corpus_text import CERTS, ROLES, SKILLS
from benchmarks.run import KG, measured

__all__ = ["main", "write_postings"]


def write_postings(path: Path, rows: int, seed: int = 7) -> None:
    """Write ``rows`` postings (id, title, description) to a CSV file, streamed."""
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "title", "description"])
        for n in range(rows):
            title = rng.choice(ROLES)
            need = rng.sample(SKILLS, 6)
            nice = rng.sample(SKILLS, 3)
            text = (f"<p>We are hiring a {title} to join a product team.</p>"
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
    args = parser.parse_args(argv)
    print(f"{'rows':>8} {'wall s':>8} {'docs/s':>8} {'per core':>9} {'peak MB':>8}")
    for rows in (int(r) for r in args.rows.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            data, store = Path(tmp) / "postings.csv", Path(tmp) / "kg.sqlite"
            write_postings(data, rows)
            wall, peak, status = measured([KG, "build", str(data), "--title-column", "title", "--text-column",
                                           "description", "--id-column", "id", "--store", str(store),
                                           "--workers", str(args.workers)], limit=3600)
            rate = rows / wall if wall else 0.0
            print(f"{rows:>8,} {wall:>8.1f} {rate:>8.0f} {rate / args.workers:>9.0f} {peak:>8.0f}"
                  + ("" if status == 0 else f"  (exit {status})"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
