"""Benchmark ``kg viz``: build synthetic stores of 200, 2,000 and 20,000 nodes and time the HTML page.

Each store is filled through the public :meth:`SQLiteStore.add_facts` API, one
synthetic document per role (20 % roles, 60 % skills, 10 % certifications,
5 % degrees, 5 % salary ranges; about two relationships per node, every one
with a quote). Prints, per size: nodes and edges drawn, whether physics is on,
the time to write the page (store reads + layout + rendering, PyVis import
excluded) and the file size.

Usage::

    python -m benchmarks.viz_bench            # 200, 2000, 20000
    python -m benchmarks.viz_bench 500 5000   # other sizes
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kg.graph.ingest.facts import DocumentFacts
from kg.graph.model import Evidence, Node
from kg.graph.store import SQLiteStore
from kg.graph.types import MENTIONED_IN
from kg.loaders.models import Extraction, LoadedDocument

__all__ = ["synthetic_store", "bench", "main"]

SIZES = (200, 2_000, 20_000)


def synthetic_store(path: Path | str, n_nodes: int) -> SQLiteStore:
    """Return a store at ``path`` holding about ``n_nodes`` nodes of every drawn type."""
    n_roles, n_skills = max(2, n_nodes // 5), max(6, n_nodes * 3 // 5)
    n_certs, n_degrees = max(1, n_nodes // 10), max(1, n_nodes // 20)
    n_salaries = max(1, n_nodes - n_roles - n_skills - n_certs - n_degrees)
    store = SQLiteStore(path)
    with store.transaction():
        for i in range(n_roles):
            store.add_facts(_document(i, n_roles, n_skills, n_certs, n_degrees, n_salaries))
    return store


def _document(i: int, n_roles: int, n_skills: int, n_certs: int, n_degrees: int, n_salaries: int) -> DocumentFacts:
    doc_id = f"{i:016x}"
    text = f"Synthetic role document {i}."
    doc = LoadedDocument(doc_id, f"synthetic/role-{i}.md", f"role-{i}.md", f"Role {i}", text, "markdown")
    role, nxt = _role(i), _role((i + 1) % n_roles)
    skills = [Node(f"skill-{(i * 6 + j) % n_skills}", "Skill", f"Skill {(i * 6 + j) % n_skills}", (),
                   {"kind": "technical", "category": f"cat-{(i + j) % 12}"}) for j in range(6)]
    cert = Node(f"cert-{i % n_certs}", "Certification", f"Certification {i % n_certs}", (), {"issuer": "Synth"})
    degree = Node(f"degree-{i % n_degrees}", "Degree", f"Degree {i % n_degrees}", (), {"level": "master"})
    salary = Node(f"salary-{i % n_salaries}", "SalaryRange", f"USD {100 + i % n_salaries}k per year", (),
                  {"currency": "USD", "period": "year"})
    rels = [("REQUIRES_SKILL", s.id, j < 4) for j, s in enumerate(skills)]
    rels += [("RECOMMENDS_CERTIFICATION", cert.id, False), ("REQUIRES_EDUCATION", degree.id, True),
             ("HAS_SALARY", salary.id, True)]
    evidence = [Evidence(doc_id, MENTIONED_IN, n.id, doc_id, f"{n.name} is mentioned here", 0, 10)
                for n in (role, nxt, *skills, cert)]
    evidence += [Evidence(doc_id, rel, role.id, dst, f"{role.name} needs {dst}", 0, 10, required)
                 for rel, dst, required in rels]
    evidence.append(Evidence(doc_id, "PROGRESSES_TO", role.id, nxt.id, f"{role.name} → {nxt.name}", 0, 10))
    return DocumentFacts(Extraction(doc, None), (role, nxt, *skills, cert, degree, salary), tuple(evidence))


def _role(i: int) -> Node:
    return Node(f"role-{i}", "Role", f"Role {i}", (f"R{i}",), {"seniority": i % 7, "track": "ic"})


def bench(n_nodes: int, work: Path) -> dict[str, float | int | bool]:
    """Build one synthetic store and time writing the whole-graph page."""
    from kg.queries.viz.select import select_all, write_viz

    started = time.perf_counter()
    store = synthetic_store(work / f"viz-{n_nodes}.sqlite", n_nodes)
    store_seconds = time.perf_counter() - started
    result = write_viz(store, select_all(store), work / f"viz-{n_nodes}.html")
    store.close()
    return {"nodes": result.nodes, "edges": result.edges, "physics": result.physics,
            "store_s": round(store_seconds, 2), "viz_s": result.seconds, "bytes": result.bytes}


def main() -> None:
    """Print one row per size: nodes, edges, physics, store build time, page time and file size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    args = parser.parse_args()
    import pyvis.network  # noqa: F401 - imported once up front so the first row does not pay for it

    print(f"{'nodes':>7} {'edges':>7} {'physics':>7} {'store s':>8} {'viz s':>6} {'file MB':>8}")
    with tempfile.TemporaryDirectory(prefix="kg-viz-bench-") as tmp:
        for size in args.sizes:
            row = bench(size, Path(tmp))
            print(f"{row['nodes']:>7} {row['edges']:>7} {row['physics']!s:>7} {row['store_s']:>8.2f}"
                  f" {row['viz_s']:>6.2f} {row['bytes'] / 1e6:>8.2f}")


if __name__ == "__main__":
    main()
