"""The architecture holds: imports only point down the layers, SQL stays in the store, click in the CLI.

Layers, bottom to top: ``kg`` (errors, settings, plugins) <- ``kg.ontology`` <- ``kg.loaders`` <-
``kg.graph`` <- ``kg.queries`` <- ``kg.cli``. A module may import its own layer and the ones below,
never one above (imports inside functions and under ``TYPE_CHECKING`` count too). The facade
(``core/__init__.py``) is the one exception: it names the upper layers, lazily, for ``import kg``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.data import REPO

#: folder -> (package, layer); a higher layer may import a lower one
LAYERS = {"core": ("kg", 0), "ontology": ("kg.ontology", 1), "loaders": ("kg.loaders", 2),
          "graph": ("kg.graph", 3), "queries": ("kg.queries", 4), "cli": ("kg.cli", 5)}
_LAYER_OF_PACKAGE = {package: layer for package, layer in LAYERS.values()}
#: the facade may point up: it imports nothing at run time until a name is used
FACADE = Path("core/__init__.py")
#: the only folder whose modules touch the SQLite connection
STORE_ROOM = Path("graph/store")


def layer_of(module: str) -> int:
    """Return the layer of a ``kg...`` module name (``kg.errors`` and ``kg`` itself are layer 0)."""
    parts = module.split(".")
    return _LAYER_OF_PACKAGE.get(".".join(parts[:2]), 0)


def violations(rel: Path, source: str) -> list[str]:
    """Return the rule breaks of one package module, as ``path:line: what``."""
    folder = rel.parts[0]
    own = LAYERS[folder][1]
    tree = ast.parse(source, str(rel))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            names = []
        for name in names:
            if name.split(".")[0] == "kg" and layer_of(name) > own and rel != FACADE:
                out.append(f"{rel}:{node.lineno}: imports {name} (layer {layer_of(name)}) from layer {own}")
            if name.split(".")[0] == "click" and folder != "cli":
                out.append(f"{rel}:{node.lineno}: imports click outside kg.cli")
        if isinstance(node, ast.Attribute) and node.attr == "conn" and STORE_ROOM not in rel.parents:
            out.append(f"{rel}:{node.lineno}: touches .conn outside {STORE_ROOM}/")
        if isinstance(node, ast.Name) and node.id == "SystemExit":
            out.append(f"{rel}:{node.lineno}: uses SystemExit (raise a kg.errors error; the CLI sets exit codes)")
        if isinstance(node, ast.ClassDef) and rel != Path("core/errors.py") and any(
                isinstance(b, ast.Name) and (b.id.endswith("Error") or b.id == "Exception") for b in node.bases):
            out.append(f"{rel}:{node.lineno}: defines {node.name} outside kg.errors")
    return out


def _package_modules() -> list[Path]:
    return sorted(p.relative_to(REPO) for folder in LAYERS for p in (REPO / folder).rglob("*.py"))


def test_every_module_follows_the_layer_rules() -> None:
    found = [v for rel in _package_modules() for v in violations(rel, (REPO / rel).read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("rel, source, expected", [
    ("graph/x.py", "from kg.queries.path import find_routes", "imports kg.queries.path (layer 4) from layer 3"),
    ("ontology/x.py", "def f():\n    import kg.graph.store", "imports kg.graph.store (layer 3) from layer 1"),
    ("loaders/x.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kg.cli.main import cli",
     "imports kg.cli.main (layer 5)"),  # type-only imports are arrows too
    ("queries/x.py", "import click", "imports click outside kg.cli"),
    ("queries/x.py", "def f(store):\n    return store.conn.execute('SELECT 1')", "touches .conn outside"),
    ("cli/x.py", "raise SystemExit(1)", "uses SystemExit"),
    ("graph/x.py", "class OopsError(ValueError):\n    pass", "defines OopsError outside kg.errors"),
])
def test_checker_catches_each_kind_of_break(rel: str, source: str, expected: str) -> None:
    assert any(expected in v for v in violations(Path(rel), source))


@pytest.mark.parametrize("rel, source", [
    ("queries/x.py", "from kg.graph.store import SQLiteStore\nfrom kg.errors import KgError"),  # downward
    ("graph/store/x.py", "def f(self):\n    return self.conn"),  # the store room may touch .conn
    ("core/__init__.py", "from kg.queries.path import find_routes"),  # the facade
    ("cli/x.py", "import click"),
])
def test_checker_allows_what_the_rules_allow(rel: str, source: str) -> None:
    assert violations(Path(rel), source) == []


def _import_graph() -> dict[str, set[str]]:
    """Return module -> the package modules it imports (lazy and type-only imports included)."""
    import tomllib

    package_dir = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-dir"]
    modules = {}
    for package, folder in package_dir.items():
        for path in (REPO / folder).glob("*.py"):
            modules[package if path.stem == "__init__" else f"{package}.{path.stem}"] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def test_no_two_modules_import_each_other_even_lazily() -> None:
    graph = _import_graph()
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for nxt in sorted(graph[module]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)
