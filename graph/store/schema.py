"""The SQLite schema of the embedded store (one file: nodes, edges, evidence, documents)."""

from __future__ import annotations

__all__ = ["SCHEMA_VERSION", "SCHEMA"]

SCHEMA_VERSION = 1

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
"""
