"""Bulk reads for many nodes at once: the SQL behind the store's ``nodes_of``, ``names_of``, ``edges_of``,
``weight_sums``, ``pairs_of``, ``evidence_of`` and ``count_into``.

The planning searches read hundreds of roles' requirements, or a whole breadth-first layer, at a time;
one query per 500 ids instead of one per id keeps them close to ``kg path`` on large graphs.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Collection, Iterable, Iterator

from kg.graph.model import Edge, Evidence, Node
from kg.graph.store.rows import edge_from_row, evidence_from_row, node_from_row

__all__ = ["nodes_of", "names_of", "edges_of", "weight_sums", "pairs_of", "evidence_of", "count_into", "CHUNK"]

#: ids bound in one query (well under SQLite's limit on bound parameters)
CHUNK = 500
_HALF = 400  # ids per query when both ends are bound

def _chunks(ids: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    keys = sorted(set(ids))
    for i in range(0, len(keys), size):
        yield keys[i:i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def edges_of(conn: sqlite3.Connection, types: Collection[str], ids: Iterable[str], into: bool,
             others: Iterable[str] | None = None) -> list[Edge]:
    """Return the edges of ``types`` leaving any of ``ids`` (``into``: entering), by that end, heaviest first.

    With ``others``, only the edges whose other end is one of them.
    """
    end, other = ("dst", "src") if into else ("src", "dst")
    kinds: list[str] = sorted(set(types))
    ends: list[list[str] | None] = [None] if others is None else list(_chunks(others, _HALF))
    out: list[Edge] = []
    for part in _chunks(ids, _HALF if others is not None else CHUNK):
        for far in ends:
            if far == []:
                continue
            # "+": look the edges up by the ids' end; SQLite may otherwise pick the index of the other end,
            # and popular skills have thousands of edges (57 ms instead of 2 ms for 60 roles at L)
            where = f" AND +{other} IN ({_marks(len(far))})" if far is not None else ""
            rows = conn.execute(
                f"SELECT type, src, dst, weight, required, doc_count FROM edge WHERE type IN ({_marks(len(kinds))})"
                f" AND {end} IN ({_marks(len(part))}){where} ORDER BY {end}, weight DESC, {other}, type",
                (*kinds, *part, *(far or ())))
            out.extend(map(edge_from_row, rows))
    if others is not None:
        out.sort(key=lambda e: (e.dst if into else e.src, -e.weight, e.src if into else e.dst, e.type))
    return out


def weight_sums(conn: sqlite3.Connection, types: Collection[str],
                srcs: Iterable[str]) -> dict[tuple[str, str, bool], tuple[float, float]]:
    """Return (src, type, required) -> (summed weight, largest weight) of the edges of ``types`` leaving ``srcs``."""
    kinds: list[str] = sorted(set(types))
    out: dict[tuple[str, str, bool], tuple[float, float]] = {}
    for part in _chunks(srcs):
        rows = conn.execute(
            f"SELECT src, type, required, SUM(weight), MAX(weight) FROM edge WHERE type IN ({_marks(len(kinds))})"
            f" AND src IN ({_marks(len(part))}) GROUP BY src, type, required", (*kinds, *part))
        out.update(((src, t, bool(req)), (float(total), float(top))) for src, t, req, total, top in rows)
    return out


def nodes_of(conn: sqlite3.Connection, ids: Iterable[str]) -> list[Node]:
    """Return the nodes with these ids (missing ids are left out), by id."""
    out: list[Node] = []
    for part in _chunks(ids):
        out.extend(map(node_from_row, conn.execute(
            f"SELECT id, type, name, aliases, props FROM node WHERE id IN ({_marks(len(part))}) ORDER BY id", part)))
    return out


def names_of(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Return id -> (type, name) of the nodes with these ids (missing ids are left out); no JSON is parsed."""
    out: dict[str, tuple[str, str]] = {}
    for part in _chunks(ids):
        out.update((i, (t, n)) for i, t, n in conn.execute(
            f"SELECT id, type, name FROM node WHERE id IN ({_marks(len(part))})", part))
    return out


def pairs_of(conn: sqlite3.Connection, type_: str, ids: Iterable[str], into: bool,
             required_only: bool) -> list[tuple[str, str]]:
    """Return (src, dst) of the edges of ``type_`` leaving any of ``ids`` (``into``: entering), sorted."""
    end = "dst" if into else "src"
    out: list[tuple[str, str]] = []
    for part in _chunks(ids):
        out.extend(conn.execute(
            f"SELECT src, dst FROM edge WHERE type=? AND {end} IN ({_marks(len(part))})"
            + (" AND required" if required_only else ""), (type_, *part)))
    out.sort()
    return out


def evidence_of(conn: sqlite3.Connection, type_: str, srcs: Iterable[str]) -> list[Evidence]:
    """Return every evidence row of ``type_`` whose src is one of ``srcs``, by src, dst, document and start."""
    out: list[Evidence] = []
    for part in _chunks(srcs):
        rows = conn.execute(
            'SELECT doc_id, type, src, dst, quote, start, "end", required, strength, props FROM evidence'
            f" WHERE type=? AND src IN ({_marks(len(part))}) ORDER BY src, dst, doc_id, start", (type_, *part))
        out.extend(map(evidence_from_row, rows))
    return out


def count_into(conn: sqlite3.Connection, types: Collection[str], dsts: Iterable[str]) -> dict[str, int]:
    """Return src -> how many of ``dsts`` it reaches by edges of ``types`` (from the dst index alone).

    Counted in Python: faster than SQL's GROUP BY, which builds a temporary b-tree of every source.
    """
    kinds: list[str] = sorted(set(types))
    out: Counter[str] = Counter()
    if kinds:
        for part in _chunks(dsts):
            out.update(src for (src,) in conn.execute(
                f"SELECT src FROM edge WHERE type IN ({_marks(len(kinds))}) AND dst IN ({_marks(len(part))})",
                (*kinds, *part)))
    return dict(out)
