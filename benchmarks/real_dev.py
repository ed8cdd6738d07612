"""Build every real-dev document into one store and check what ``kg path`` can route.

Prints, for ``../shared/real-dev`` (or ``--root``):

* build throughput in one process (documents per second per core) and extraction alone;
* how many gold moves ``find_routes`` routes in at most ``--max-moves`` moves (each gold role
  is looked up by the extraction's own roles for that document: the names the scorer would match);
* role nodes with no relationship, role nodes whose name is not a job title (judged by the
  strict title grammar, every one listed), and aliases that name another role.

Usage::

    python -m benchmarks.real_dev [--root ../shared/real-dev] [--max-moves 3]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["main", "route_share"]


def main(argv: list[str] | None = None) -> int:
    """Run the checks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "real-dev")
    parser.add_argument("--max-moves", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5, help="extraction passes for the throughput figure")
    args = parser.parse_args(argv)

    from kg.graph.ingest.build import build
    from kg.graph.store import SQLiteStore
    from kg.loaders.extract import extract
    from kg.loaders.readers import read_path

    docs = sorted(p for p in (args.root / "docs").iterdir() if p.is_file())
    loaded = [read_path(p) for p in docs]
    t0 = time.process_time()
    for _ in range(args.repeat):
        extractions = {x.doc.name: x for x in map(extract, loaded)}
    cpu = (time.process_time() - t0) / args.repeat
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "real-dev.sqlite")
        t1, c1 = time.perf_counter(), time.process_time()
        build(store, docs, workers=1)
        wall, build_cpu = time.perf_counter() - t1, time.process_time() - c1
        print(f"documents: {len(docs)}")
        print(f"extraction: {len(docs) / cpu:,.0f} docs/s per core ({1000 * cpu / len(docs):.2f} ms CPU each)")
        print(f"kg build (1 worker, store writes included): {len(docs) / build_cpu:,.0f} docs/s per core, "
              f"{wall:.2f} s wall")
        for workers in (1, 2):
            cpu_s, wall_s = _process_build(args.root / "docs", Path(tmp) / f"process-{workers}.sqlite", workers)
            print(f"`kg build` as a whole process ({workers} worker{'s' if workers > 1 else ''}, start-up, imports "
                  f"and workers included): {len(docs) / cpu_s:,.0f} docs/s per core ({cpu_s:.2f} s CPU), "
                  f"{wall_s:.2f} s wall")
        _routes(store, args.root / "gold", extractions, args.max_moves)
        _role_nodes(store)
    return 0


def _process_build(folder: Path, store: Path, workers: int) -> tuple[float, float]:
    """CPU seconds (this child and its workers) and wall seconds of one ``kg build`` process."""
    import os
    import resource
    import subprocess
    import sys

    kg = str(Path(sys.executable).with_name("kg"))
    # as installed: with bytecode (a first, untimed run writes it if the environment forbade it)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [kg, "build", str(folder), "--store", str(store), "--workers", str(workers)]
    subprocess.run(command, check=True, capture_output=True, env=env)
    store.unlink()
    for extra in ("-wal", "-shm"):
        Path(f"{store}{extra}").unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, wall


def route_share(root: Path, max_moves: int = 3) -> tuple[int, int]:
    """Build ``root/docs`` into a fresh store; return (gold moves routed in <= max_moves, gold moves)."""
    from kg.graph.ingest.build import build
    from kg.graph.store import SQLiteStore
    from kg.loaders.extract import extract
    from kg.loaders.readers import read_path

    docs = sorted(p for p in (root / "docs").iterdir() if p.is_file())
    extractions = {x.doc.name: x for x in (extract(read_path(p)) for p in docs)}
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "real-dev.sqlite")
        build(store, docs, workers=1)
        routed, total, _ = _route_counts(store, root / "gold", extractions, max_moves)
        store.close()
    return routed, total


def _routes(store: Any, gold_dir: Path, extractions: dict[str, Any], max_moves: int) -> None:
    routed, total, missed = _route_counts(store, gold_dir, extractions, max_moves)
    print(f"gold moves routed in <= {max_moves} moves: {routed}/{total} ({100 * routed / max(total, 1):.0f}%)")
    for line in missed:
        print(f"  not routed: {line}")


def _route_counts(store: Any, gold_dir: Path, extractions: dict[str, Any],
                  max_moves: int) -> tuple[int, int, list[str]]:
    from kg.errors import KgError
    from kg.queries.path import find_routes

    total = routed = 0
    missed: list[str] = []
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        x = extractions.get(gold["doc"])
        if x is None:
            continue
        ids = _id_index(x)
        names = _gold_names(gold)
        for move in gold.get("progressions", []):
            total += 1
            a = _lookup(move["from"], names, ids)
            b = _lookup(move["to"], names, ids)
            try:
                routes = find_routes(store, a, b) if a and b and a != b else []
            except KgError:
                routes = []
            if routes and len(routes[0].roles) - 1 <= max_moves:
                routed += 1
            else:
                missed.append(f"{gold['doc']}: {move['from']} -> {move['to']}")
    return routed, total, missed


def _norm(s: str) -> str:
    s = s.lower().replace("&", " and ").replace("–", "-").replace("—", "-")
    return " ".join(re.sub(r"[^a-z0-9+#]+", " ", s).split())


def _id_index(x: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in [*x.roles, *([x.primary_role] if x.primary_role else [])]:
        for n in (m.label, *m.aliases):
            out.setdefault(_norm(n), m.id)
    return out


def _gold_names(gold: dict[str, Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in [*gold.get("roles", []), gold.get("primary_role") or {}]:
        if not r:
            continue
        names = {_norm(n) for n in [r["name"], *r.get("aliases", [])]}
        for n in names:
            out.setdefault(n, set()).update(names)
    return out


def _lookup(name: str, gold_names: dict[str, set[str]], ids: dict[str, str]) -> str | None:
    for n in [_norm(name), *sorted(gold_names.get(_norm(name), set()))]:
        if n in ids:
            return ids[n]
    return None


def _role_nodes(store: Any) -> None:
    from kg.loaders.level_titles import parse_title

    roles = list(store.nodes("Role"))
    linked = {e.src for e in store.edges()} | {e.dst for e in store.edges()}
    isolated = [r for r in roles if r.id not in linked]
    not_titles = [r.name for r in roles if parse_title(r.name) is None and parse_title(r.name, True) is None]
    owners: dict[str, set[str]] = {}
    for r in roles:
        owners.setdefault(_norm(r.name), set()).add(r.id)
    clashes = [(r.name, a) for r in roles for a in r.aliases
               if owners.get(_norm(a), set()) - {r.id}]
    print(f"role nodes: {len(roles)}; with no relationship: {len(isolated)} ({100 * len(isolated) / len(roles):.0f}%)")
    print(f"role names the title grammar does not read as a title: {len(not_titles)} "
          f"({100 * len(not_titles) / len(roles):.1f}%): {sorted(not_titles)}")
    print(f"aliases that name another role: {len(clashes)} {clashes[:20]}")


if __name__ == "__main__":
    raise SystemExit(main())
