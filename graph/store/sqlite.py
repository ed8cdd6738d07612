"""The embedded store: one SQLite file holding nodes, aggregated edges, evidence and documents.

Writes happen inside :meth:`SQLiteStore.transaction`: a build that fails or is
killed leaves the previous store as it was. Loading the same document twice
changes nothing; loading a new version of a source replaces its facts;
removing a document retracts only the facts no other document supports.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import StoreError
from kg.graph.model import DocumentInfo, Edge, Evidence, Node
from kg.graph.store.rows import (
    alias_key,
    edge_from_row,
    evidence_from_row,
    evidence_row,
    merged_node,
    node_from_row,
    now,
)
from kg.graph.store.schema import SCHEMA, SCHEMA_VERSION
from kg.graph.types import REL_TYPES

if TYPE_CHECKING:
    from kg.graph.ingest.facts import DocumentFacts

__all__ = ["SQLiteStore", "LoadOutcome"]


@dataclass(frozen=True)
class LoadOutcome:
    """What loading one document did: ``added``, ``unchanged`` or ``replaced``."""

    doc_id: str
    source: str
    status: str


class SQLiteStore:
    """A graph store in one SQLite file (``:memory:`` for a throw-away store).

    It is the :class:`~kg.graph.protocols.GraphReader` and :class:`~kg.graph.protocols.GraphWriter`
    of kg, and the only module that runs SQL on the connection.
    """

    name = "sqlite"
    ordered_streams = True
    transactional = True

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        if self.path is not None and not self.path.exists() and not create:
            raise StoreError(f"no store at {self.path}; run `kg build` first")
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(str(path), isolation_level=None)
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=OFF")
            self._ensure_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a kg store ({exc}); remove it or choose another --store") from exc
        self._touched: set[tuple[str, str, str]] = set()
        self._in_tx = False

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ensure_schema(self) -> None:
        row = None
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" in tables:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is not None and int(row[0]) != SCHEMA_VERSION:
                raise StoreError(
                    f"store schema version {row[0]} is not {SCHEMA_VERSION}; rebuild it with `kg build`"
                )
        if row is None:
            self.conn.executescript(SCHEMA)
            self.conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    # ------------------------------------------------------------------ writes

    @contextmanager
    def transaction(self) -> Iterator[SQLiteStore]:
        """Group writes: all of them land, or none (edges are re-aggregated at commit)."""
        if self._in_tx:
            yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield self
            self._reaggregate()
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._touched.clear()
            raise
        finally:
            self._in_tx = False

    def add_facts(self, facts: DocumentFacts) -> LoadOutcome:
        """Store one document's facts; idempotent by content hash, replacing older versions."""
        doc = facts.extraction.doc
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM document WHERE id=?", (doc.id,)).fetchone():
                return LoadOutcome(doc.id, doc.source, "unchanged")
            old = [r[0] for r in self.conn.execute("SELECT id FROM document WHERE source=?", (doc.source,))]
            for old_id in old:
                self._retract(old_id)
            self.conn.execute(
                "INSERT INTO document(id, source, name, title, loaded_at, chars) VALUES (?,?,?,?,?,?)",
                (doc.id, doc.source, doc.name, doc.title, now(), len(doc.text)),
            )
            self._upsert_nodes(facts.nodes)
            self.conn.executemany(
                'INSERT INTO evidence(doc_id, type, src, dst, quote, start, "end", required, strength, props)'
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                [evidence_row(e) for e in facts.evidence],
            )
            self._touched.update((e.type, e.src, e.dst) for e in facts.evidence if e.type in REL_TYPES)
            return LoadOutcome(doc.id, doc.source, "replaced" if old else "added")

    def is_empty(self) -> bool:
        """Return True when the store holds no node and no document."""
        return self.conn.execute("SELECT 1 FROM node UNION ALL SELECT 1 FROM document LIMIT 1").fetchone() is None

    def load_rows(self, documents: list[tuple[Any, ...]], nodes: list[tuple[Any, ...]],
                  aliases: list[tuple[str, str]], edges: list[tuple[Any, ...]],
                  evidence: list[tuple[Any, ...]]) -> None:
        """Insert whole table rows (an import of a graph kg exported) in one transaction, as they are."""
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO document(id, source, name, title, loaded_at, chars) VALUES (?,?,?,?,?,?)", documents)
            self.conn.executemany("INSERT INTO node(id, type, name, aliases, props) VALUES (?,?,?,?,?)", nodes)
            self.conn.executemany("INSERT OR IGNORE INTO alias(key, node_id) VALUES (?, ?)", aliases)
            self.conn.executemany(
                "INSERT INTO edge(type, src, dst, weight, required, doc_count) VALUES (?,?,?,?,?,?)", edges)
            self.conn.executemany(
                'INSERT INTO evidence(doc_id, type, src, dst, quote, start, "end", required, strength, props)'
                " VALUES (?,?,?,?,?,?,?,?,?,?)", evidence)

    def remove_document(self, key: str) -> DocumentInfo:
        """Retract a document by id, id prefix, source path or name; return what was removed."""
        info = self.find_document(key)
        with self.transaction():
            self._retract(info.id)
        return info

    def _retract(self, doc_id: str) -> None:
        """Delete a document's evidence, then the nodes and aliases only it mentioned (targeted GC)."""
        keys = self.conn.execute("SELECT DISTINCT type, src, dst FROM evidence WHERE doc_id=?", (doc_id,))
        self._touched.update((t, s, d) for t, s, d in keys if t in REL_TYPES)
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS gc(id TEXT PRIMARY KEY) WITHOUT ROWID")
        self.conn.execute("DELETE FROM gc")
        self.conn.execute(
            "INSERT OR IGNORE INTO gc SELECT src FROM evidence WHERE doc_id=?1"
            " UNION SELECT dst FROM evidence WHERE doc_id=?1", (doc_id,)
        )
        self.conn.execute("DELETE FROM evidence WHERE doc_id=?", (doc_id,))
        self.conn.execute("DELETE FROM document WHERE id=?", (doc_id,))
        self.conn.execute(
            "DELETE FROM node WHERE id IN (SELECT id FROM gc)"
            " AND NOT EXISTS (SELECT 1 FROM evidence WHERE src=node.id)"
            " AND NOT EXISTS (SELECT 1 FROM evidence WHERE dst=node.id)"
        )
        self.conn.execute(
            "DELETE FROM alias WHERE node_id IN (SELECT id FROM gc)"
            " AND NOT EXISTS (SELECT 1 FROM node WHERE id=alias.node_id)"
        )

    def _upsert_nodes(self, nodes: Iterable[Node]) -> None:
        """Insert or merge a document's nodes: one read of the existing rows, then batched writes."""
        batch = {node.id: node for node in nodes}
        existing: dict[str, tuple[str, str, str]] = {}
        ids = list(batch)
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            existing.update((r[0], (r[1], r[2], r[3])) for r in self.conn.execute(
                f"SELECT id, name, aliases, props FROM node WHERE id IN ({','.join('?' * len(part))})", part))
        node_rows: list[tuple[str, str, str, str, str]] = []
        alias_rows: list[tuple[str, str]] = []
        for node in batch.values():
            before = existing.get(node.id)
            name, aliases, props = merged_node(node, before)
            row = (name, json.dumps(aliases, ensure_ascii=False), json.dumps(props, sort_keys=True, ensure_ascii=False))
            if row == before:
                continue  # already stored exactly so: common when many documents name the same node
            node_rows.append((node.id, node.type, *row))
            keys = {alias_key(n) for n in (node.id.replace("-", " "), name, *aliases)}
            alias_rows.extend((k, node.id) for k in sorted(keys) if k)
        self.conn.executemany("INSERT OR REPLACE INTO node(id, type, name, aliases, props) VALUES (?,?,?,?,?)",
                              node_rows)
        self.conn.executemany("INSERT OR IGNORE INTO alias(key, node_id) VALUES (?, ?)", alias_rows)

    def _reaggregate(self) -> None:
        if not self._touched:
            return
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched(type TEXT, src TEXT, dst TEXT)")
        self.conn.execute("DELETE FROM touched")
        self.conn.executemany("INSERT INTO touched VALUES (?,?,?)", sorted(self._touched))
        self.conn.execute(
            "DELETE FROM edge WHERE EXISTS (SELECT 1 FROM touched t WHERE t.type=edge.type"
            " AND t.src=edge.src AND t.dst=edge.dst)"
        )
        self.conn.execute(
            """INSERT INTO edge(type, src, dst, weight, required, doc_count)
               SELECT type, src, dst, ROUND(SUM(s), 6), MAX(r), COUNT(*) FROM (
                   SELECT e.type, e.src, e.dst, e.doc_id, MAX(e.strength) AS s, MAX(e.required) AS r
                   FROM touched t JOIN evidence e ON e.type=t.type AND e.src=t.src AND e.dst=t.dst
                   GROUP BY e.type, e.src, e.dst, e.doc_id)
               GROUP BY type, src, dst"""
        )
        self._touched.clear()

    # ------------------------------------------------------------------- reads

    def node(self, node_id: str) -> Node | None:
        """Return the node with this id, or None."""
        row = self.conn.execute("SELECT id, type, name, aliases, props FROM node WHERE id=?", (node_id,)).fetchone()
        return node_from_row(row) if row else None

    def nodes(self, type_: str | None = None) -> Iterator[Node]:
        """Yield nodes (of one type when given), ordered by type and id."""
        sql = "SELECT id, type, name, aliases, props FROM node"
        params: tuple[Any, ...] = ()
        if type_:
            sql += " WHERE type=?"
            params = (type_,)
        for row in self.conn.execute(sql + " ORDER BY type, id", params):
            yield node_from_row(row)

    def nodes_by_key(self, key: str, type_: str | None = None) -> list[Node]:
        """Return the nodes whose id, name or alias normalises to ``key``."""
        rows = self.conn.execute(
            "SELECT n.id, n.type, n.name, n.aliases, n.props FROM alias a JOIN node n ON n.id=a.node_id"
            " WHERE a.key=? ORDER BY n.id",
            (key,),
        )
        return [n for n in map(node_from_row, rows) if type_ is None or n.type == type_]

    def names(self, type_: str) -> Iterator[tuple[str, str]]:
        """Yield (alias key, node id) pairs of one node type, for fuzzy suggestions."""
        yield from self.conn.execute(
            "SELECT a.key, a.node_id FROM alias a JOIN node n ON n.id=a.node_id WHERE n.type=?", (type_,)
        )

    def out_edges(self, type_: str, src: str) -> list[Edge]:
        """Return the edges of a type leaving ``src``, heaviest first."""
        rows = self.conn.execute(
            "SELECT type, src, dst, weight, required, doc_count FROM edge WHERE type=? AND src=?"
            " ORDER BY weight DESC, dst",
            (type_, src),
        )
        return [edge_from_row(r) for r in rows]

    def in_edges(self, type_: str, dst: str) -> list[Edge]:
        """Return the edges of a type entering ``dst``, heaviest first."""
        rows = self.conn.execute(
            "SELECT type, src, dst, weight, required, doc_count FROM edge WHERE type=? AND dst=?"
            " ORDER BY weight DESC, src",
            (type_, dst),
        )
        return [edge_from_row(r) for r in rows]

    def targets_lacking(self, type_: str, src: str, other: str, *, required_only: bool = False) -> list[Node]:
        """Return the nodes ``src`` reaches by ``type_`` that ``other`` does not, heaviest first (one query)."""
        rows = self.conn.execute(
            "SELECT n.id, n.type, n.name, n.aliases, n.props FROM edge e JOIN node n ON n.id = e.dst"
            " WHERE e.type=? AND e.src=? AND (? = 0 OR e.required = 1) AND NOT EXISTS"
            " (SELECT 1 FROM edge h WHERE h.type=e.type AND h.src=? AND h.dst=e.dst)"
            " ORDER BY e.weight DESC, e.dst",
            (type_, src, int(required_only), other),
        )
        return [node_from_row(r) for r in rows]

    def successors(self, type_: str, src: str) -> list[str]:
        """Return the ids reached from ``src`` by one edge of a type (sorted)."""
        return [r[0] for r in self.conn.execute("SELECT dst FROM edge WHERE type=? AND src=? ORDER BY dst",
                                                (type_, src))]

    def predecessors(self, type_: str, dst: str) -> list[str]:
        """Return the ids that reach ``dst`` by one edge of a type (sorted)."""
        return [r[0] for r in self.conn.execute("SELECT src FROM edge WHERE type=? AND dst=? ORDER BY src",
                                                (type_, dst))]

    def degrees(self, type_: str) -> dict[str, int]:
        """Return node id -> number of relationships it takes part in (either end), for one node type."""
        return dict(self.conn.execute(
            "SELECT id, (SELECT COUNT(*) FROM edge WHERE src=node.id) + (SELECT COUNT(*) FROM edge WHERE dst=node.id)"
            " FROM node WHERE type=?", (type_,)).fetchall())

    def dangling_ends(self) -> Iterator[str]:
        """Yield relationship ends that are neither a node nor a document, sorted."""
        rows = self.conn.execute(
            "SELECT src FROM edge UNION SELECT dst FROM edge EXCEPT SELECT id FROM node EXCEPT SELECT id FROM document"
            " ORDER BY 1")
        for (node_id,) in rows:
            yield node_id

    def edges(self, type_: str | None = None) -> Iterator[Edge]:
        """Yield aggregated edges (of one type when given) in a stable order."""
        sql = "SELECT type, src, dst, weight, required, doc_count FROM edge"
        params: tuple[Any, ...] = ()
        if type_:
            sql += " WHERE type=?"
            params = (type_,)
        for row in self.conn.execute(sql + " ORDER BY type, src, dst", params):
            yield edge_from_row(row)

    def evidence(self, type_: str, src: str, dst: str = "") -> list[Evidence]:
        """Return every document's evidence for one fact (``dst`` '' for role attributes)."""
        rows = self.conn.execute(
            'SELECT doc_id, type, src, dst, quote, start, "end", required, strength, props FROM evidence'
            " WHERE type=? AND src=? AND dst=? ORDER BY doc_id, start",
            (type_, src, dst),
        )
        return [evidence_from_row(r) for r in rows]

    def all_evidence(self, type_: str | None = None) -> Iterator[Evidence]:
        """Yield every evidence row (of one fact type when given) in a stable order."""
        where, params = ("WHERE type=? ", (type_,)) if type_ else ("", ())
        rows = self.conn.execute(
            'SELECT doc_id, type, src, dst, quote, start, "end", required, strength, props FROM evidence '
            + where + "ORDER BY type, src, dst, doc_id, start",
            params,
        )
        yield from map(evidence_from_row, rows)

    def documents(self) -> list[DocumentInfo]:
        """Return the loaded documents ordered by source."""
        rows = self.conn.execute("SELECT id, source, name, title, loaded_at, chars FROM document ORDER BY source, id")
        return [DocumentInfo(*r) for r in rows]

    def has_documents(self) -> bool:
        """Return True when at least one document is loaded."""
        return self.conn.execute("SELECT 1 FROM document LIMIT 1").fetchone() is not None

    def find_document(self, key: str) -> DocumentInfo:
        """Return the document with this id, id prefix, source or file name."""
        rows = self.conn.execute(
            "SELECT id, source, name, title, loaded_at, chars FROM document"
            " WHERE id=? OR source=? OR name=? OR id LIKE ? ESCAPE '\\' ORDER BY id",
            (key, key, key, key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"),
        ).fetchall()
        if not rows:
            raise StoreError(f"no document {key!r} in the store; `kg stats --json` lists the documents")
        if len(rows) > 1:
            raise StoreError(f"{key!r} names {len(rows)} documents; use the full id")
        return DocumentInfo(*rows[0])

    def document_titles(self, doc_ids: Iterable[str]) -> dict[str, DocumentInfo]:
        """Return document info for a set of ids (missing ids are left out)."""
        ids = sorted(set(doc_ids))
        out: dict[str, DocumentInfo] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            rows = self.conn.execute(
                "SELECT id, source, name, title, loaded_at, chars FROM document"
                f" WHERE id IN ({','.join('?' * len(part))})", part)
            out.update((r[0], DocumentInfo(*r)) for r in rows)
        return out

    def counts(self) -> dict[str, dict[str, int]]:
        """Return node counts by type, edge counts by type and the document and evidence totals."""
        nodes = dict(self.conn.execute("SELECT type, COUNT(*) FROM node GROUP BY type ORDER BY type").fetchall())
        edges = dict(self.conn.execute("SELECT type, COUNT(*) FROM edge GROUP BY type ORDER BY type").fetchall())
        docs = self.conn.execute("SELECT COUNT(*) FROM document").fetchone()[0]
        ev = self.conn.execute("SELECT COUNT(*) FROM evidence").fetchone()[0]
        return {"nodes": nodes, "edges": edges, "totals": {"documents": docs, "evidence": ev}}
