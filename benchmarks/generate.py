"""Generate synthetic benchmark inputs: graph stores at sizes S/M/L and document corpora.

Graphs are written straight into a :class:`kg.graph.store.sqlite.SQLiteStore` file (one bulk
transaction, rows streamed to ``executemany``): roles sit on career ladders of
:data:`LEVELS` rungs with cross-ladder moves that never skip a rung, so the route
between rung 0 and rung 10 of a ladder is exactly 10 moves. A sidecar
``<store>.json`` names that route's ends and the node/edge counts.

Corpora are seed-sized (4-20 KB) templated role documents in ``.txt``, ``.md`` and
``.html``, written in the repository's own words.

Usage::

    python -m benchmarks.generate graph M /tmp/kgbench/M.sqlite
    python -m benchmarks.generate corpus 1000 /tmp/kgbench/corpus-1000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.graph.store import SQLiteStore
from kg.ontology.names import normalize

__all__ = ["SIZES", "LEVELS", "generate_graph", "generate_corpus"]

#: size name -> (roles, skills, certifications, skills per role)
SIZES: dict[str, tuple[int, int, int, int]] = {
    "S": (96, 384, 20, 12),
    "M": (3_000, 16_500, 500, 93),
    "L": (15_000, 83_000, 2_000, 130),
}
LEVELS = ("Intern", "Junior", "Associate", "", "Senior", "Staff", "Principal", "Lead",
          "Manager of", "Director of", "VP of", "Chief")
_DOMAINS = ("Data", "Machine Learning", "Platform", "Security", "Cloud", "Mobile", "Search", "Payments",
            "Robotics", "Vision", "Speech", "Analytics", "Infrastructure", "Growth", "Health", "Fintech",
            "Retail", "Ads", "Privacy", "Quantum", "Edge", "Graph", "Language", "Simulation")
_FUNCTIONS = ("Engineering", "Science", "Research", "Operations", "Architecture", "Reliability",
              "Product", "Design", "Quality", "Enablement")
_SKILL_A = ("distributed", "streaming", "applied", "probabilistic", "secure", "scalable", "embedded",
            "causal", "federated", "geospatial", "real-time", "statistical", "visual", "low-latency")
_SKILL_B = ("modelling", "inference", "testing", "indexing", "orchestration", "optimisation", "tuning",
            "monitoring", "governance", "retrieval", "labelling", "forecasting", "compilers", "storage")


def generate_graph(size: str, out: Path, seed: int = 7) -> dict[str, Any]:
    """Write a synthetic store of ``size`` (S, M or L) to ``out``; return the sidecar facts."""
    n_roles, n_skills, n_certs, per_role = SIZES[size]
    rng = random.Random(seed)
    out.unlink(missing_ok=True)
    SQLiteStore(out).close()
    conn = sqlite3.connect(str(out), isolation_level=None)
    conn.execute("PRAGMA cache_size=-400000")
    width = n_roles // len(LEVELS)
    roles = [_role_name(i, width) for i in range(n_roles)]
    skills = [f"skill-{i:06d}" for i in range(n_skills)]
    certs = [f"cert-{i:05d}" for i in range(n_certs)]
    docs = {rid: hashlib.sha256(rid.encode()).hexdigest()[:16] for rid, _ in roles}
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO document VALUES (?,?,?,?,?,?)",
                     ((docs[r], f"bench/{r}.md", f"{r}.md", n, "2024-01-01T00:00:00Z", 8000) for r, n in roles))
    conn.executemany("INSERT INTO node VALUES (?,?,?,?,?)", _nodes(roles, skills, certs))
    conn.executemany("INSERT OR IGNORE INTO alias VALUES (?,?)", _aliases(roles, skills, certs))
    edges = 0
    for type_, rows in (("PROGRESSES_TO", _moves(roles, width, rng)),
                        ("REQUIRES_SKILL", _requires(roles, skills, per_role, rng)),
                        ("RECOMMENDS_CERTIFICATION", _requires(roles, certs, 3, rng)),
                        ("VALIDATES", _validates(certs, skills, rng)),
                        ("DESCRIBED_IN", ((r, docs[r], 1.0, True) for r, _ in roles))):
        for chunk in _chunks(rows, 50_000):
            conn.executemany("INSERT OR IGNORE INTO edge VALUES (?,?,?,?,?,1)",
                             ((type_, s, d, w, int(req)) for s, d, w, req in chunk))
            conn.executemany("INSERT INTO evidence VALUES (?,?,?,?,?,?,?,?,?,?)",
                             ((docs.get(s, docs[roles[0][0]]), type_, s, d, f"{s} needs {d} ({type_})",
                               0, 20, int(req), w, "{}") for s, d, w, req in chunk))
            edges += len(chunk)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    facts = {"size": size, "nodes": n_roles + n_skills + n_certs, "edges": edges, "documents": n_roles,
             "route": [roles[0][0], roles[10 * width][0]], "route_hops": 10,
             "unlock": roles[5 * width + 1][0], "seconds": round(time.perf_counter() - started, 2)}
    out.with_suffix(".json").write_text(json.dumps(facts, indent=1) + "\n", encoding="utf-8")
    return facts


def _role_name(i: int, width: int) -> tuple[str, str]:
    """Role ``i`` sits on ladder ``i % width`` at rung ``i // width``."""
    rung, ladder = divmod(i, width)
    domain = _DOMAINS[ladder % len(_DOMAINS)]
    function = _FUNCTIONS[(ladder // len(_DOMAINS)) % len(_FUNCTIONS)]
    name = " ".join(p for p in (LEVELS[min(rung, len(LEVELS) - 1)], domain, function, f"{ladder // 240 + 1}") if p)
    return f"role-{rung:02d}-{ladder:05d}", name


def _nodes(roles: list[tuple[str, str]], skills: list[str], certs: list[str]) -> Iterator[tuple[str, ...]]:
    for n, (rid, name) in enumerate(roles):
        rung = int(rid.split("-")[1])
        yield rid, "Role", name, "[]", json.dumps({"curated": False, "seniority": min(6, rung // 2),
                                                    "track": "ic" if n % 3 else "management"})
    for n, sid in enumerate(skills):
        name = f"{_SKILL_A[n % len(_SKILL_A)]} {_SKILL_B[(n // len(_SKILL_A)) % len(_SKILL_B)]} {n}"
        yield sid, "Skill", name, "[]", '{"curated": false, "kind": "technical"}'
    for n, cid in enumerate(certs):
        yield cid, "Certification", f"Certified Practitioner {n}", "[]", '{"issuer": "Bench Institute"}'


def _aliases(roles: list[tuple[str, str]], skills: list[str], certs: list[str]) -> Iterator[tuple[str, str]]:
    for rid, name in roles:
        yield normalize(rid.replace("-", " ")), rid
        yield normalize(name), rid
    for node_id in (*skills, *certs):
        yield normalize(node_id.replace("-", " ")), node_id


def _moves(roles: list[tuple[str, str]], width: int, rng: random.Random) -> Iterator[tuple[str, str, float, bool]]:
    """Up each ladder one rung, plus one or two cross-ladder moves to the next rung or sideways."""
    for i, (rid, _) in enumerate(roles):
        rung, ladder = divmod(i, width)
        if i + width < len(roles):
            yield rid, roles[i + width][0], 1.0, True
        for _ in range(rng.randint(1, 2)):
            other = rng.randrange(width)
            target = (rung + rng.choice((0, 1))) * width + other
            if target != i and target < len(roles) and other != ladder:
                yield rid, roles[target][0], round(rng.uniform(0.6, 0.9), 3), True


def _requires(roles: list[tuple[str, str]], items: list[str], per_role: int,
              rng: random.Random) -> Iterator[tuple[str, str, float, bool]]:
    """Each role needs ``per_role`` items, popular ones more often (a skewed draw)."""
    n = len(items)
    for rid, _ in roles:
        chosen = {int(n * rng.random() ** 2) for _ in range(per_role)}
        for j in sorted(chosen):
            required = rng.random() < 0.7
            yield rid, items[j], round(rng.uniform(0.5, 1.0) if required else 0.5, 3), required


def _validates(certs: list[str], skills: list[str], rng: random.Random) -> Iterator[tuple[str, str, float, bool]]:
    for cid in certs:
        for j in sorted({rng.randrange(len(skills)) for _ in range(5)}):
            yield cid, skills[j], 1.0, True


def _chunks(rows: Iterator[tuple[str, str, float, bool]], size: int) -> Iterator[list[tuple[str, str, float, bool]]]:
    chunk: list[tuple[str, str, float, bool]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def generate_corpus(count: int, out: Path, seed: int = 11) -> list[Path]:
    """Write ``count`` seed-sized role documents (txt, md, html in turn) under ``out``."""
    from benchmarks.corpus_text import document

    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        suffix, text = document(i, rng)
        path = out / f"doc-{i:05d}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Parse the command line and generate one input."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    g = sub.add_parser("graph")
    g.add_argument("size", choices=sorted(SIZES))
    g.add_argument("out", type=Path)
    c = sub.add_parser("corpus")
    c.add_argument("count", type=int)
    c.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.what == "graph":
        print(json.dumps(generate_graph(args.size, args.out)))
    else:
        print(f"{len(generate_corpus(args.count, args.out))} documents in {args.out}")


if __name__ == "__main__":
    main()
