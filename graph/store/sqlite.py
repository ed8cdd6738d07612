"""The embedded store: one SQLite file holding nodes, aggregated edges, evidence and documents.

Writes happen inside :meth:`SQLiteStore.transaction`: a build that fails or is
killed leaves the previous store as it was. Loading the same document twice
changes nothing; loading a new version of a source replaces its facts;
removing a document retracts only the facts no other document supports.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Collection, Container, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

import kg.graph.store.bulk as bulk
from kg.errors import StoreError
from kg.graph.model import DocumentInfo, Edge, Evidence, Node
from kg.graph.store.deferred import aggregate_every_edge, defer_indexes, restore_indexes
from kg.graph.store.opening import BUSY_SECONDS, check_file, connect, ensure_schema, file_mode, store_error
from kg.graph.store.rows import (
    edge_from_row,
    evidence_from_row,
    evidence_row,
    node_from_row,
    now,
)
from kg.graph.store.touched import EDGES, Touched
from kg.graph.types import REL_TYPES

if TYPE_CHECKING:
    from pathlib import Path

    from kg.graph.ingest.facts import DocumentFacts

__all__ = ["SQLiteStore", "LoadOutcome", "store_error", "BUSY_SECONDS", "ROWS_PAGE"]

#: documents read per query when a dataset's rows are walked (retract_rows)
ROWS_PAGE = 500


class LoadOutcome(NamedTuple):
    """What loading one document did: ``added``, ``unchanged``, ``replaced`` or ``removed`` (its file is gone)."""

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
        #: the store file as text (``None`` in memory): opening it needs no pathlib
        self.file: str | None = os.fspath(path) if str(path) != ":memory:" else None
        self._path: Path | None = None
        self.read_only = False
        self._read_only_why = "its file or folder cannot be written"
        self._in_tx = False
        #: the open transaction began in an empty store: its edges are aggregated at commit from all the evidence
        self._fresh = False
        new = self.file is None or file_mode(self.file) is None
        if self.file is not None:
            self.read_only = check_file(self.file, create)
        try:
            self._open(new)
        except sqlite3.OperationalError as exc:
            if new or self.read_only or "disk I/O" not in str(exc) and "unable to open" not in str(exc):
                raise store_error(self.path or path, exc) from exc
            # a full disk cannot hold the shared-memory file WAL readers need: read without it, write nothing
            self.read_only, self._read_only_why = True, f"it cannot be opened for writing ({exc}; is the disk full?)"
            try:
                self._open(new)
            except sqlite3.DatabaseError as again:
                raise store_error(self.path or path, again) from again
        except sqlite3.DatabaseError as exc:
            raise store_error(self.path or path, exc) from exc
        self._touched = Touched(self.conn)

    @property
    def path(self) -> Path | None:
        """The store file (``None`` in memory)."""
        if self._path is None and self.file is not None:
            from pathlib import Path  # on first use: a cold `kg path` never asks

            self._path = Path(self.file)
        return self._path

    def _open(self, new: bool) -> None:
        self.conn = connect(self.file, self.read_only)
        try:
            ensure_schema(self.conn, self.file or ":memory:", new=new, read_only=self.read_only,
                          in_memory=self.file is None)
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _where(self) -> str:
        return str(self.path) if self.path is not None else ":memory:"

    def check(self) -> None:
        """Raise :class:`StoreError` if SQLite finds the file damaged (``PRAGMA quick_check``)."""
        try:
            result = self.conn.execute("PRAGMA quick_check(1)").fetchone()
        except sqlite3.DatabaseError as exc:
            raise store_error(self._where(), exc) from exc
        if result is None or result[0] != "ok":
            raise store_error(self._where(), sqlite3.DatabaseError(f"database disk image is malformed: {result}"))

    # ------------------------------------------------------------------ writes

    @contextmanager
    def transaction(self) -> Iterator[SQLiteStore]:
        """Group writes: all of them land, or none (edges and nodes are recomputed at commit).

        Raises:
            StoreError: the store is read-only, busy (another writer), damaged, or the disk is full
                (then nothing was written).
        """
        if self._in_tx:
            yield self
            return
        if self.read_only:
            raise StoreError(f"the store {self._where()} is read-only ({self._read_only_why}); "
                             "choose a writable --store, or copy it somewhere writable")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise store_error(self._where(), exc) from exc
        self._in_tx = True
        try:
            deferred = defer_indexes(self.conn)  # a store with no rows yet gets them after its rows (one sort)
            self._fresh = bool(deferred)
            yield self
            restore_indexes(self.conn, deferred)
            self._reaggregate()
            self._refresh_nodes()
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:  # SQLite may have rolled back already (disk full): never mask the cause
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            self._touched.forget()
            if isinstance(exc, sqlite3.DatabaseError):
                raise store_error(self._where(), exc) from exc
            raise
        finally:
            self._in_tx = self._fresh = False

    def add_facts(self, facts: DocumentFacts) -> LoadOutcome:
        """Store one document's facts; a source's unchanged version is kept, an older one replaced."""
        doc = facts.extraction.doc
        doc_id = facts.doc_id or doc.id
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM document WHERE id=?", (doc_id,)).fetchone():
                return LoadOutcome(doc_id, doc.source, "unchanged")
            old = [r[0] for r in self.conn.execute("SELECT id FROM document WHERE source=?", (doc.source,))]
            for old_id in old:
                self._retract(old_id)
            self.conn.execute(
                "INSERT INTO document(id, source, name, title, loaded_at, chars) VALUES (?,?,?,?,?,?)",
                (doc_id, doc.source, doc.name, doc.title, now(), len(doc.text)),
            )
            self._claim_nodes(doc_id, facts.nodes)
            self.conn.executemany(
                'INSERT INTO evidence(doc_id, type, src, dst, quote, start, "end", required, strength, props)'
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                [evidence_row(e) for e in facts.evidence],
            )
            if not self._fresh:  # (a transaction into an empty store aggregates every edge at commit)
                self._touched.add_edges((e.type, e.src, e.dst) for e in facts.evidence
                                        if e.type in REL_TYPES and e.dst != doc_id)
            own = sorted({e.type for e in facts.evidence if e.type in REL_TYPES and e.dst == doc_id})
            for type_ in own:
                self._aggregate_own(type_, doc_id)
            return LoadOutcome(doc_id, doc.source, "replaced" if old else "added")

    def _aggregate_own(self, type_: str, doc_id: str) -> None:
        """Write the edges that point at the document itself (a role DESCRIBED_IN it) right away.

        Only this document's evidence can state them, so they need no recompute at commit:
        a build of 100,000 postings keeps no per-row key in memory until it commits. (Read
        through the document's index: the fact index would scan every row of the type.)
        """
        self.conn.execute(
            """INSERT OR REPLACE INTO edge(type, src, dst, weight, required, doc_count)
               SELECT type, src, dst, ROUND(SUM(s), 6), MAX(r), COUNT(*) FROM (
                   SELECT e.type, e.src, e.dst, e.doc_id, MAX(e.strength) AS s, MAX(e.required) AS r
                   FROM evidence e INDEXED BY evidence_by_doc WHERE e.doc_id=? AND e.type=? AND e.dst=?
                   GROUP BY e.type, e.src, e.dst, e.doc_id)
               GROUP BY type, src, dst""", (doc_id, type_, doc_id))

    def is_empty(self) -> bool:
        """Return True when the store holds no node and no document."""
        return self.conn.execute("SELECT 1 FROM node UNION ALL SELECT 1 FROM document LIMIT 1").fetchone() is None

    def load_rows(self, documents: list[tuple[Any, ...]], nodes: list[tuple[Any, ...]],
                  aliases: list[tuple[str, str]], edges: list[tuple[Any, ...]],
                  evidence: list[tuple[Any, ...]]) -> None:
        """Insert whole table rows (an import of a graph kg exported) in one transaction, as they are."""
        with self.transaction():
            if self._fresh:  # imported edges stay as they are: only the documents' are recomputed from now on
                self._touched.add_stated_edges()
                self._fresh = False
            self.conn.executemany(
                "INSERT INTO document(id, source, name, title, loaded_at, chars) VALUES (?,?,?,?,?,?)", documents)
            self.conn.executemany("INSERT INTO node(id, type, name, aliases, props) VALUES (?,?,?,?,?)", nodes)
            self.conn.executemany("INSERT OR IGNORE INTO alias(key, node_id) VALUES (?, ?)", aliases)
            self.conn.executemany(
                "INSERT INTO edge(type, src, dst, weight, required, doc_count) VALUES (?,?,?,?,?,?)", edges)
            self.conn.executemany(
                'INSERT INTO evidence(doc_id, type, src, dst, quote, start, "end", required, strength, props)'
                " VALUES (?,?,?,?,?,?,?,?,?,?)", evidence)
            self.adopt_nodes()  # so a later build or remove recomputes these nodes from their documents

    def remove_document(self, key: str) -> DocumentInfo:
        """Retract a document by id, id prefix, source path (as typed or resolved) or name; return it."""
        info = self.find_document(key)
        with self.transaction():
            self._retract(info.id)
        return info

    def retract_missing(self, folder: Path) -> list[DocumentInfo]:
        """Retract the documents loaded from under ``folder`` whose files are gone; return them."""
        prefix = str(folder).rstrip(os.sep) + os.sep
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.conn.execute("SELECT id, source, name, title, loaded_at, chars FROM document"
                                 " WHERE source LIKE ? ESCAPE '\\' ORDER BY source", (pattern,)).fetchall()
        gone = [DocumentInfo(*r) for r in rows if not os.path.lexists(r[1])]
        if gone:
            with self.transaction():
                for info in gone:
                    self._retract(info.id)
        return gone

    def retract_rows(self, dataset: str, keep: Container[str]) -> Iterator[DocumentInfo]:
        """Retract the rows loaded from the dataset file ``dataset`` (sources ``dataset#id``) not in ``keep``.

        Yields each row as it is retracted. The rows are read a page at a time (in source order,
        through the source index), so memory stays flat however many rows the dataset has or
        loses. Runs inside an open :meth:`transaction` (the dataset build's), like the rest of the
        build.

        Raises:
            StoreError: called outside a transaction.
        """
        if not self._in_tx:
            raise StoreError("retract_rows runs inside store.transaction(), with the rest of the build")
        low, high = dataset + "#", dataset + "$"  # every source that starts with "dataset#" ('$' follows '#')
        after: tuple[str, int] = (low, -1)
        while True:
            page = self.conn.execute(
                "SELECT rowid, id, source, name, title, loaded_at, chars FROM document"
                " WHERE source >= ? AND source < ? AND (source, rowid) > (?, ?) ORDER BY source, rowid LIMIT ?",
                (low, high, *after, ROWS_PAGE)).fetchall()
            if not page:
                return
            after = (page[-1][2], page[-1][0])
            for row in page:
                if row[2] not in keep:
                    self._retract(row[1])
                    yield DocumentInfo(*row[1:])

    def _retract(self, doc_id: str) -> None:
        """Delete a document's evidence and node claims; its nodes and edges are recomputed at commit."""
        keys = self.conn.execute("SELECT DISTINCT type, src, dst FROM evidence WHERE doc_id=?", (doc_id,)).fetchall()
        own_types = {t for t, _, dst in keys if t in REL_TYPES and dst == doc_id}  # edges only it states
        self._touched.add_edges((t, src, dst) for t, src, dst in keys if t in REL_TYPES and dst != doc_id)
        self._touched.add_nodes(end for _, src, dst in keys for end in (src, dst))
        for t in sorted(own_types):
            self.conn.execute("DELETE FROM edge WHERE type=? AND dst=?", (t, doc_id))
        self._touched.add_nodes(r[0] for r in self.conn.execute(
            "SELECT node_id FROM node_doc WHERE doc_id=?", (doc_id,)))
        self.conn.execute("DELETE FROM evidence WHERE doc_id=?", (doc_id,))
        self.conn.execute("DELETE FROM node_doc WHERE doc_id=?", (doc_id,))
        self.conn.execute("DELETE FROM document WHERE id=?", (doc_id,))

    def _claim_nodes(self, doc_id: str, nodes: Iterable[Node]) -> None:
        """Record what one document says about each node it names (merged into the node at commit)."""
        from kg.graph.store.claims import claim_nodes  # writes only: a command that reads never loads it

        self._touched.add_nodes(claim_nodes(self.conn, doc_id, nodes))

    def _refresh_nodes(self) -> None:
        """Recompute every touched node from the documents that name it now (see :mod:`.claims`)."""
        if self._touched.nodes_table():
            from kg.graph.store.claims import refresh_nodes

            refresh_nodes(self.conn, fresh=self._fresh)
        self._touched.clear()

    def adopt_nodes(self) -> None:
        """Attribute nodes written without claims (an RDF import) to the documents whose evidence names them."""
        from kg.graph.store.claims import adopt_nodes

        with self.transaction():
            adopt_nodes(self.conn)

    def _reaggregate(self) -> None:
        """Recompute every touched edge from the evidence that states it now (the keys wait in a temp table)."""
        if self._fresh:
            aggregate_every_edge(self.conn)
            return
        if not self._touched.edges_table():
            return
        self.conn.execute(f"DELETE FROM edge WHERE (type, src, dst) IN (SELECT type, src, dst FROM temp.{EDGES})")
        self.conn.execute(
            f"""INSERT INTO edge(type, src, dst, weight, required, doc_count)
               SELECT type, src, dst, ROUND(SUM(s), 6), MAX(r), COUNT(*) FROM (
                   SELECT e.type, e.src, e.dst, e.doc_id, MAX(e.strength) AS s, MAX(e.required) AS r
                   FROM temp.{EDGES} t JOIN evidence e ON e.type=t.type AND e.src=t.src AND e.dst=t.dst
                   GROUP BY e.type, e.src, e.dst, e.doc_id)
               GROUP BY type, src, dst"""
        )

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

    def nodes_of(self, ids: Iterable[str]) -> list[Node]:
        """Return the nodes with these ids (missing ids are left out), by id; one query per 500 ids."""
        return bulk.nodes_of(self.conn, ids)

    def names_of(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Return id -> (type, name) of the nodes with these ids (missing ids are left out), in bulk."""
        return bulk.names_of(self.conn, ids)

    def edges_of(self, types: Collection[str], ids: Iterable[str], *, into: bool = False,
                 others: Iterable[str] | None = None) -> list[Edge]:
        """Return the edges of ``types`` leaving any of ``ids`` (``into``: entering), by that end, heaviest first;
        with ``others``, only those whose other end is one of them."""
        return bulk.edges_of(self.conn, types, ids, into, others)

    def weight_sums(self, types: Collection[str],
                    srcs: Iterable[str]) -> dict[tuple[str, str, bool], tuple[float, float]]:
        """Return (src, type, required) -> (summed, largest weight) of the edges of ``types`` leaving ``srcs``."""
        return bulk.weight_sums(self.conn, types, srcs)

    def pairs_of(self, type_: str, ids: Iterable[str], *, into: bool = False,
                 required_only: bool = False) -> list[tuple[str, str]]:
        """Return (src, dst) of the edges of a type leaving any of ``ids`` (``into``: entering), sorted."""
        return bulk.pairs_of(self.conn, type_, ids, into, required_only)

    def evidence_of(self, type_: str, srcs: Iterable[str]) -> list[Evidence]:
        """Return every evidence row of one fact type whose src is one of ``srcs`` (by src, dst, document)."""
        return bulk.evidence_of(self.conn, type_, srcs)

    def count_into(self, types: Collection[str], dsts: Iterable[str]) -> dict[str, int]:
        """Return src -> how many of ``dsts`` it reaches by edges of ``types`` (read from the dst index)."""
        return bulk.count_into(self.conn, types, dsts)

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

    def committed_ids(self) -> Container[str]:
        """Return the ids of the documents held at the last commit, as a container any process can ask.

        A store file in WAL mode gives a :class:`~kg.graph.store.known.CommittedIds` (each process
        asks the file on its own read-only connection: memory flat in the number of documents);
        otherwise (in memory, or a file SQLite could not put in WAL mode) a frozenset of the ids.
        Call it before the build's transaction begins. An empty store gives an empty frozenset (a
        build into a new store opens no second connection).
        """
        if not self.has_documents():
            return frozenset()
        if self.path is not None and not self.read_only:
            mode = self.conn.execute("PRAGMA journal_mode").fetchone()
            if mode is not None and str(mode[0]).lower() == "wal":
                from kg.graph.store.known import CommittedIds

                return CommittedIds(self.path)
        return frozenset(r[0] for r in self.conn.execute("SELECT id FROM document"))

    def has_documents(self) -> bool:
        """Return True when at least one document is loaded."""
        return self.conn.execute("SELECT 1 FROM document LIMIT 1").fetchone() is not None

    def find_document(self, key: str) -> DocumentInfo:
        """Return the document with this id, id prefix, source (as typed or resolved) or file name."""
        resolved = os.path.join(os.path.realpath(os.path.dirname(key) or "."), os.path.basename(key))
        rows = self.conn.execute(
            "SELECT id, source, name, title, loaded_at, chars FROM document"
            " WHERE id=? OR source=? OR source=? OR name=? OR id LIKE ? ESCAPE '\\' ORDER BY id",
            (key, key, resolved, key, key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"),
        ).fetchall()
        if not rows:
            raise StoreError(f"no document {key!r} in the store; `kg stats --json` lists the documents")
        exact = [r for r in rows if r[1] in (key, resolved)]
        if len(rows) > 1 and len(exact) == 1:
            rows = exact
        if len(rows) > 1:
            raise StoreError(f"{key!r} names {len(rows)} documents ({', '.join(r[1] for r in rows[:4])}); "
                             "give its path or full id")
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

