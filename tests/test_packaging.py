"""The package layout: every folder is in the wheel, no bare top-level imports, fast CLI start."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from tests.data import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_listed() -> None:
    package_dir = PYPROJECT["tool"]["setuptools"]["package-dir"]
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    folders = {p.parent for p in REPO.glob("**/__init__.py")
               if p.relative_to(REPO).parts[0] not in ("tests", "benchmarks", "build", "tools")}
    mapped = {REPO / path for path in package_dir.values()}
    assert folders == mapped, "a package folder (or subfolder) is missing from package-dir"
    assert listed == set(package_dir), "packages and package-dir disagree"


def test_no_bare_top_level_imports() -> None:
    bare = ("graph", "loaders", "queries", "ontology", "cli", "core")
    offenders = []
    for path in REPO.glob("*/*.py"):
        if path.parts[-2] in ("tests", "benchmarks", "build"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if re.match(rf"(import|from) ({'|'.join(bare)})(\.|\s|$)", stripped):
                offenders.append(f"{path.relative_to(REPO)}: {stripped}")
    assert not offenders


def test_path_command_imports_no_heavy_library() -> None:
    code = (
        "import sys; from kg.cli.main import cli; "
        "heavy = [m for m in ('networkx', 'rdflib', 'pyvis', 'neo4j', 'ladybug') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/")
    assert out.stdout.strip() == ""


def test_command_registry_matches_the_command_modules() -> None:
    import importlib

    from kg.cli.main import COMMAND_REGISTRY

    modules = {target.split(":")[0] for target in COMMAND_REGISTRY.values()}
    listed = {cmd.name for m in modules for cmd in importlib.import_module(m).COMMANDS}
    assert listed == set(COMMAND_REGISTRY)
    for name, target in COMMAND_REGISTRY.items():
        module_name, attribute = target.split(":")
        assert getattr(importlib.import_module(module_name), attribute).name == name


def test_path_command_loads_only_the_query_commands() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from kg.cli.main import cli; "
        "CliRunner().invoke(cli, ['path', '--help']); "
        "print(sorted(m for m in sys.modules if m.startswith('kg.cli.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/")
    assert out.stdout.strip() == "['kg.cli.main', 'kg.cli.options', 'kg.cli.path_cmd']"


def test_every_data_file_is_package_data() -> None:
    from fnmatch import fnmatch
    from pathlib import Path

    package_dir = PYPROJECT["tool"]["setuptools"]["package-dir"]
    package_data = PYPROJECT["tool"]["setuptools"]["package-data"]
    missing = []
    for package, folder in package_dir.items():
        root = REPO / folder
        for path in root.rglob("*"):
            rel = path.relative_to(root)
            if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in rel.parts:
                continue
            if any((root / Path(*rel.parts[:i]) / "__init__.py").exists() for i in range(1, len(rel.parts))):
                continue  # belongs to a sub-package, checked under its own name
            if not any(fnmatch(str(rel), pattern) for pattern in package_data.get(package, [])):
                missing.append(f"{folder}/{rel}")
    assert not missing, f"files the wheel would leave out (add them to package-data): {missing}"


def test_version_is_declared_once() -> None:
    from importlib.metadata import version

    import kg

    assert "version" not in PYPROJECT["project"] and "version" in PYPROJECT["project"]["dynamic"]
    assert version("career-kg") == kg.__version__


def test_import_kg_loads_nothing_until_a_facade_name_is_used() -> None:
    code = (
        "import sys, kg; before = sorted(m for m in sys.modules if m.startswith('kg'))\n"
        "kg.find_routes; kg.open_store\n"
        "heavy = [m for m in ('networkx', 'rdflib', 'pyvis', 'neo4j', 'ladybug') if m in sys.modules]\n"
        "print(before, 'kg.queries.path' in sys.modules, heavy, sorted(set(kg.__all__) - set(dir(kg))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/")
    assert out.stdout.strip() == "['kg'] True [] []"


def test_facade_names_are_the_library_functions() -> None:
    import kg
    from kg.graph.export.registry import export
    from kg.graph.ingest.build import build
    from kg.graph.store import open_store
    from kg.queries.levers import LeversAnswer, find_levers
    from kg.queries.match import MatchAnswer, match_roles
    from kg.queries.path import find_routes
    from kg.queries.plan import PlanAnswer, plan_route
    from kg.queries.unlock import skill_gap, unlock

    assert (kg.open_store, kg.build, kg.find_routes, kg.unlock, kg.skill_gap, kg.export) == (
        open_store, build, find_routes, unlock, skill_gap, export)
    assert (kg.match_roles, kg.plan_route, kg.find_levers, kg.MatchAnswer, kg.PlanAnswer, kg.LeversAnswer) == (
        match_roles, plan_route, find_levers, MatchAnswer, PlanAnswer, LeversAnswer)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        kg.nope  # noqa: B018
