"""Benchmark ``kg viz``: write pages for synthetic stores and measure them in a real headless Chromium.

Each synthetic store is filled through the public :meth:`SQLiteStore.add_facts` API, one
synthetic document per role (20 % roles, 60 % skills, 10 % certifications,
5 % degrees, 5 % salary ranges; about two relationships per node, every one
with a quote). Prints, per page: nodes and edges, the time to write the page
(store reads + layout + rendering, PyVis import excluded), the file size, and
in the browser (when Chromium is installed): the time from navigation until
the first useful picture is drawn (``picture``, measured in the page), until
the page is ready for use with the whole file read (``ready``, wall clock),
the median time of a full redraw, and of a redraw after zooming in.

Also measured: the route view of the bundled corpus (``ml-engineer`` to
``cto``) and, with ``--store FILE``, the whole-graph overview of any store (for
instance ``python -m benchmarks.generate graph M /tmp/kgbench/M.sqlite``).

Usage::

    python -m benchmarks.viz_bench                        # corpus route, 200, 2000, 20000
    python -m benchmarks.viz_bench 500 5000               # other sizes
    python -m benchmarks.viz_bench --store /tmp/kgbench/M.sqlite
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from kg.graph.ingest.facts import DocumentFacts
from kg.graph.model import Evidence, Node
from kg.graph.store import SQLiteStore
from kg.graph.types import MENTIONED_IN
from kg.loaders.models import Extraction, LoadedDocument

__all__ = ["synthetic_store", "bench", "in_browser", "main"]

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


def in_browser(browser: Any, page: Path, timeout: float = 300) -> dict[str, float]:
    """Open ``page`` and return seconds to the first useful picture and redraw milliseconds (medians of 7)."""
    started = time.perf_counter()
    browser.goto(page.resolve().as_uri(), timeout=timeout)
    browser.wait_for("window.kgViz && window.kgViz.ready", timeout=timeout)
    wall = time.perf_counter() - started
    in_page = browser.evaluate("kgViz.readyAt / 1000")  # first picture, from navigation start
    redraw = browser.evaluate(
        "(() => { const n = kgViz.network, t = [];"
        " for (let i = 0; i < 7; i++) { const s = performance.now(); n.renderer._redraw();"
        "   t.push(performance.now() - s); }"
        " t.sort((a, b) => a - b); return t[3]; })()")
    zoomed = browser.evaluate(
        "(() => { const n = kgViz.network, t = [];"
        " for (let i = 0; i < 7; i++) { n.moveTo({scale: n.getScale() * (i % 2 ? 0.8 : 1.25)});"
        "   const s = performance.now(); n.renderer._redraw(); t.push(performance.now() - s); }"
        " t.sort((a, b) => a - b); return t[3]; })()")
    errors = browser.errors()
    if errors:
        raise RuntimeError(f"{page}: console errors: {errors[:3]}")
    return {"ready_s": round(wall, 2), "picture_s": round(float(in_page), 2),
            "redraw_ms": round(float(redraw), 1), "zoom_redraw_ms": round(float(zoomed), 1),
            "shown": int(browser.evaluate("kgViz.shown"))}


def _route_page(work: Path) -> tuple[Path, dict[str, float | int | bool]]:
    from kg.graph.ingest.build import build
    from kg.queries.viz.select import select_route, write_viz

    with SQLiteStore(work / "corpus.sqlite") as store:
        build(store, workers=1)
        result = write_viz(store, select_route(store, "ml-engineer", "cto"), work / "route.html")
    return result.path, {"nodes": result.nodes, "edges": result.edges, "viz_s": result.seconds,
                         "bytes": result.bytes}


def _store_page(path: Path, work: Path) -> tuple[Path, dict[str, float | int | bool]]:
    from kg.queries.viz.select import select_all, write_viz

    with SQLiteStore(path, create=False) as store:
        result = write_viz(store, select_all(store), work / f"{path.stem}.html")
    return result.path, {"nodes": result.nodes, "edges": result.edges, "viz_s": result.seconds,
                         "bytes": result.bytes}


def main() -> None:
    """Print one row per page: what it draws, write time, file size and the browser figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--store", type=Path, action="append", default=[], help="also an existing store's overview")
    parser.add_argument("--no-browser", action="store_true", help="only write the pages")
    args = parser.parse_args()
    import pyvis.network  # noqa: F401 - imported once up front so the first row does not pay for it

    from tests.browser.cdp import Chromium, find_chromium

    binary = None if args.no_browser else find_chromium()
    head = f"{'page':<22} {'nodes':>7} {'edges':>8} {'write s':>8} {'file MB':>8}"
    print(head + (f" {'picture s':>9} {'ready s':>8} {'redraw ms':>10} {'zoom ms':>8} {'shown':>6}" if binary else ""))
    with tempfile.TemporaryDirectory(prefix="kg-viz-bench-") as tmp:
        work = Path(tmp)
        pages: list[tuple[str, Path, dict[str, float | int | bool]]] = [("corpus route", *_route_page(work))]
        for size in args.sizes:
            row = bench(size, work)
            pages.append((f"synthetic {size}", work / f"viz-{size}.html", row))
        for path in args.store:
            pages.append((path.name, *_store_page(path, work)))
        browser = Chromium(binary, 1400, 900) if binary else None
        try:
            for name, page, row in pages:
                line = (f"{name:<22} {row['nodes']:>7} {row['edges']:>8} {row['viz_s']:>8.2f}"
                        f" {float(row['bytes']) / 1e6:>8.2f}")
                if browser is not None:
                    b = in_browser(browser, page)
                    line += (f" {b['picture_s']:>9.2f} {b['ready_s']:>8.2f} {b['redraw_ms']:>10.1f}"
                             f" {b['zoom_redraw_ms']:>8.1f} {b['shown']:>6}")
                print(line, flush=True)
        finally:
            if browser is not None:
                browser.close()


if __name__ == "__main__":
    main()
