"""Helpers for the robustness tests: run the real ``kg`` command, dump a store's content with plain sqlite3.

Both stay independent of where the library keeps its modules: a test speaks to
``kg`` as a user does, and reads the store file as any SQLite client would.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["KG", "kg", "assert_no_traceback", "store_content", "write_role"]

KG = str(Path(sys.executable).with_name("kg"))


def kg(*args: str | Path, home: Path, cwd: Path | None = None, env: dict[str, str] | None = None,
       timeout: float = 120, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``kg ARGS`` as a user would (own HOME, no NEO4J_* settings) and return the finished process."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_STORE"))}
    full.update({"HOME": str(home), "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"})
    full.update(env or {})
    return subprocess.run([KG, *map(str, args)], cwd=cwd or home, env=full, capture_output=True, text=True,
                          timeout=timeout, input=input, errors="replace", check=False)


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    """A user never sees a Python traceback: errors are one readable message."""
    assert "Traceback (most recent call last)" not in proc.stderr, proc.stderr[-3000:]
    assert "Traceback (most recent call last)" not in proc.stdout, proc.stdout[-3000:]


def store_content(path: Path) -> dict[str, Any]:
    """Everything a store states, load times left out: documents, nodes, aliases, edges, evidence."""
    conn = sqlite3.connect(path)  # only reads; as the last connection it cleans up the WAL files on close
    try:
        return {
            "documents": sorted(conn.execute("SELECT id, source, name, title, chars FROM document")),
            "nodes": sorted(conn.execute("SELECT id, type, name, aliases, props FROM node")),
            "aliases": sorted(conn.execute("SELECT key, node_id FROM alias")),
            "edges": sorted(conn.execute("SELECT type, src, dst, weight, required, doc_count FROM edge")),
            "evidence": sorted(conn.execute(
                'SELECT doc_id, type, src, dst, quote, start, "end", required, strength, props FROM evidence')),
        }
    finally:
        conn.close()


def write_role(path: Path, role: str, skills: list[str], moves_to: str | None = None) -> Path:
    """Write a tiny role document of our own words."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# {role}", "", "## Required skills", *(f"- Proficiency in {s}" for s in skills)]
    if moves_to:
        lines += ["", "## Career progression", f"{role} → {moves_to}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
