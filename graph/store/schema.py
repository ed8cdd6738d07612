"""The SQLite schema of the embedded store (one file: nodes, edges, evidence, documents)."""

from __future__ import annotations

__all__ = ["SCHEMA_VERSION", "SCHEMA", "MIGRATIONS", "KG_TABLES"]

SCHEMA_VERSION = 2

#: version 2 added ``node_doc``: what each document says about each node (name, aliases, properties), so
#: a node is always recomputed from the documents that name it, whatever the order they came and went in
MIGRATIONS = {
    1: """
CREATE TABLE IF NOT EXISTS node_doc (
    doc_id TEXT NOT NULL, node_id TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]', props TEXT NOT NULL DEFAULT '{}', PRIMARY KEY (doc_id, node_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS node_doc_by_node ON node_doc(node_id);
INSERT OR IGNORE INTO node_doc(doc_id, node_id, type, name, aliases, props)
    SELECT m.doc_id, n.id, n.type, n.name, n.aliases, n.props FROM node n
    JOIN (SELECT doc_id, src AS id FROM evidence UNION SELECT doc_id, dst FROM evidence) m ON m.id = n.id;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
""",
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS document (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, name TEXT NOT NULL, title TEXT NOT NULL,
    loaded_at TEXT NOT NULL, chars INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS document_by_source ON document(source);
CREATE TABLE IF NOT EXISTS node (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]', props TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS node_by_type ON node(type, name);
CREATE TABLE IF NOT EXISTS alias (
    key TEXT NOT NULL, node_id TEXT NOT NULL, PRIMARY KEY (key, node_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS alias_by_node ON alias(node_id);
CREATE TABLE IF NOT EXISTS edge (
    type TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL,
    weight REAL NOT NULL, required INTEGER NOT NULL, doc_count INTEGER NOT NULL,
    PRIMARY KEY (type, src, dst)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edge_by_dst ON edge(type, dst, src);
CREATE TABLE IF NOT EXISTS evidence (
    doc_id TEXT NOT NULL, type TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL,
    quote TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    required INTEGER NOT NULL, strength REAL NOT NULL, props TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS evidence_by_fact ON evidence(type, src, dst);
CREATE INDEX IF NOT EXISTS evidence_by_doc ON evidence(doc_id);
CREATE INDEX IF NOT EXISTS evidence_by_dst ON evidence(dst);
CREATE INDEX IF NOT EXISTS evidence_by_src ON evidence(src);
CREATE TABLE IF NOT EXISTS node_doc (
    doc_id TEXT NOT NULL, node_id TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]', props TEXT NOT NULL DEFAULT '{}', PRIMARY KEY (doc_id, node_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS node_doc_by_node ON node_doc(node_id);
"""

#: the tables every kg store has (a database holding other tables, or lacking these, is not a kg store)
KG_TABLES = frozenset({"meta", "document", "node", "alias", "edge", "evidence", "node_doc"})
