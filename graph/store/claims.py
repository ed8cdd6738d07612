"""What each document says about each node, and the node recomputed from those claims.

A node's name, aliases and properties are a function of the documents that name it
*now* (:func:`kg.graph.store.rows.merged_claims`), never of the order they were loaded
or removed in: so ``kg remove`` leaves exactly what a fresh build of the rest gives.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from itertools import chain, groupby, repeat
from operator import itemgetter
from typing import Any

from kg.graph.model import Node
from kg.graph.store.rows import alias_key, fold_claims, json_text
from kg.graph.store.touched import NODES

__all__ = ["claim_nodes", "refresh_nodes", "adopt_nodes", "WRITE_EVERY"]

#: nodes recomputed before they are written (a bound on what a commit holds in memory)
WRITE_EVERY = 1000


def claim_nodes(conn: sqlite3.Connection, doc_id: str, nodes: Iterable[Node]) -> set[str]:
    """Record one document's claims on the nodes it names; return their ids."""
    rows = {node.id: (doc_id, node.id, node.type, node.name, json_text(node.aliases), json_text(node.props))
            for node in nodes}
    conn.executemany("INSERT OR REPLACE INTO node_doc(doc_id, node_id, type, name, aliases, props)"
                     " VALUES (?,?,?,?,?,?)", rows.values())
    return set(rows)


def refresh_nodes(conn: sqlite3.Connection, *, fresh: bool = False) -> None:
    """Recompute the nodes listed in the temporary table ``touched_node`` and their alias keys from their
    claims; drop the ones nothing names any more.

    A node without claims that evidence still names (an older store, an import) is kept as it is.
    ``fresh``: the transaction began in an empty store and wrote no node itself, so there is no
    node or alias row to drop or replace.
    Claims are read as one stream and nodes written every :data:`WRITE_EVERY` nodes, so a
    build that touched a million nodes recomputes them with flat memory.
    """
    if not fresh:
        _drop_unnamed(conn)
    # in merged_claims' order (curated first, then document id), folded one claim at a time: a node
    # that 100,000 documents name is merged with flat memory
    claims = conn.execute(
        f"SELECT c.node_id, c.type, c.name, c.aliases, c.props, c.doc_id FROM node_doc c"
        f" JOIN temp.{NODES} t ON t.id = c.node_id"
        " ORDER BY c.node_id, CASE WHEN json_extract(c.props, '$.curated') = 0 THEN 1 ELSE 0 END, c.doc_id")
    node_rows: list[tuple[str, str, str, str, str]] = []
    alias_rows: list[tuple[str, str]] = []
    parsed = _Parsed()  # most documents say the same about a node: parse each text once (read-only use)
    for node_id, group in groupby(claims, key=itemgetter(0)):
        first = next(group)
        name, aliases, props = fold_claims((r[2], parsed[r[3]], parsed[r[4]], r[5]) for r in chain((first,), group))
        node_rows.append((node_id, first[1], name, json_text(aliases), json_text(props)))
        keys = set(map(alias_key, (node_id.replace("-", " "), name, *aliases)))
        keys.discard("")
        alias_rows.extend(zip(sorted(keys), repeat(node_id)))
        if len(node_rows) >= WRITE_EVERY:
            _write_nodes(conn, node_rows, alias_rows, fresh)
            parsed.clear()
    _write_nodes(conn, node_rows, alias_rows, fresh)


def _drop_unnamed(conn: sqlite3.Connection) -> None:
    """Delete the touched nodes nothing names any more (no claim, no evidence), and their alias keys."""
    conn.execute(
        f"DELETE FROM node WHERE id IN (SELECT id FROM temp.{NODES})"
        " AND NOT EXISTS (SELECT 1 FROM node_doc WHERE node_id=node.id)"
        " AND NOT EXISTS (SELECT 1 FROM evidence WHERE src=node.id)"
        " AND NOT EXISTS (SELECT 1 FROM evidence WHERE dst=node.id)")
    conn.execute(f"DELETE FROM alias WHERE node_id IN (SELECT id FROM temp.{NODES})"
                 " AND NOT EXISTS (SELECT 1 FROM node WHERE id=alias.node_id)")


def _write_nodes(conn: sqlite3.Connection, node_rows: list[tuple[str, str, str, str, str]],
                 alias_rows: list[tuple[str, str]], fresh: bool) -> None:
    """Replace these nodes and their alias keys (node and alias are not the tables the claims stream reads)."""
    if not fresh:
        conn.executemany("DELETE FROM alias WHERE node_id=?", ((r[0],) for r in node_rows))
    conn.executemany("INSERT OR REPLACE INTO node(id, type, name, aliases, props) VALUES (?,?,?,?,?)", node_rows)
    conn.executemany("INSERT OR IGNORE INTO alias(key, node_id) VALUES (?, ?)", alias_rows)
    node_rows.clear()
    alias_rows.clear()


def adopt_nodes(conn: sqlite3.Connection) -> None:
    """Attribute nodes that have no claims to the documents whose evidence names them (imports, old stores)."""
    conn.execute(
        "INSERT OR IGNORE INTO node_doc(doc_id, node_id, type, name, aliases, props)"
        " SELECT m.doc_id, n.id, n.type, n.name, n.aliases, n.props FROM node n"
        " JOIN (SELECT doc_id, src AS id FROM evidence UNION SELECT doc_id, dst FROM evidence) m"
        " ON m.id = n.id")


class _Parsed(dict[str, Any]):
    """JSON texts and their values, each text parsed on first use (``parsed[text]``)."""

    def __missing__(self, text: str) -> Any:
        value = self[text] = json.loads(text)
        return value
