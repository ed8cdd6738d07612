"""Every Cypher statement kg emits, linted by Neo4j's own parser (tools/cypher-lint, one node process).

The ontology's labels, relationship types and property keys are passed as the
schema, so a misspelt label or key is a diagnostic too. In CI the tool must be
installed (the test fails otherwise); locally it is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kg.graph.cypher import builders as build
from kg.graph.cypher.files import script_statements
from kg.graph.types import NODE_TYPES, REL_ENDPOINTS
from kg.queries.library.cypher import library
from tests.data import REPO

pytestmark = pytest.mark.slow  # starts node with Neo4j's parser

TOOL = REPO / "tools" / "cypher-lint"
INSTALL = "cd tools/cypher-lint && npm ci"


def _node() -> str | None:
    return os.environ.get("KG_NODE") or shutil.which("node")


def _require_tool() -> str:
    node = _node()
    missing = None
    if node is None:
        missing = "node is not on PATH (or set KG_NODE)"
    elif not (TOOL / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        missing = f"tools/cypher-lint is not installed: run `{INSTALL}`"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"Cypher lint tool missing in CI: {missing}")
        pytest.skip(f"Cypher lint skipped: {missing}")
    assert node is not None
    return node


def lint(statements: dict[str, str]) -> dict[str, Any]:
    """Lint statements (id -> text) in one node process; return the tool's JSON answer."""
    request = {"schema": build.lint_schema(),
               "statements": [{"id": k, "text": v} for k, v in statements.items()]}
    done = subprocess.run([_require_tool(), str(TOOL / "lint.mjs")], input=json.dumps(request), text=True,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


def emitted_statements(store: Any) -> dict[str, str]:
    """Return every statement kg emits: push, prune, the export script (as one file) and the library."""
    out = {f"constraint-{i}": s for i, s in enumerate(build.constraints())}
    out |= {f"merge-{label}": build.merge_nodes(label) for label in NODE_TYPES}
    out |= {f"merge-{t}": build.merge_relationships(t) for t in REL_ENDPOINTS}
    out |= {f"prune-{label}": build.prune_nodes(label) for label in NODE_TYPES}
    out |= {f"prune-{t}": build.prune_relationships(t) for t in REL_ENDPOINTS}
    script = script_statements(store)
    out["script-file"] = "// as cypher-shell reads it\n" + "".join(s + ";\n" for s in script)
    out |= {f"library-{name}": q.text_for("neo4j") for name, q in library().items()}
    return out


@pytest.mark.slow
def test_everything_kg_emits_lints_clean(corpus_store) -> None:
    statements = emitted_statements(corpus_store)
    answer = lint(statements)
    problems = {r["id"]: r["diagnostics"] for r in answer["results"] if r["diagnostics"]}
    assert len(answer["results"]) == len(statements)
    assert not problems, json.dumps(problems, indent=1)[:4000]


@pytest.mark.parametrize("text, expected", [
    ("MATCH (n:Rol) RETURN n", "Label Rol is not present"),  # misspelt label
    ("MATCH (n:Role) RETURN n.senority", "senority is not present"),  # misspelt property key
    ("MATCH (n:Role RETURN n", "Invalid input"),  # syntax error
    ("MATCH (:Skill)-[:REQUIRES_SKILL]->(:Role) RETURN 1", ""),  # reversed endpoints (schema path)
])
def test_the_linter_catches_typos_against_the_ontology(text: str, expected: str) -> None:
    answer = lint({"bad": text})
    messages = [d["message"] for d in answer["results"][0]["diagnostics"]]
    assert messages and any(expected in m for m in messages), messages


def test_tool_is_pinned() -> None:
    package = json.loads((TOOL / "package.json").read_text())
    version = package["dependencies"]["@neo4j-cypher/language-support"]
    assert version[0].isdigit(), "pin an exact version"
    assert (TOOL / "package-lock.json").exists()
    assert Path(REPO / ".gitignore").read_text().count("node_modules")
