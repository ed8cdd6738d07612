"""Run the doctests of every module of the package (each example runs on a tiny real store)."""

from __future__ import annotations

import doctest
import importlib
import tomllib

import pytest

from tests.data import REPO

_SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def package_modules() -> list[str]:
    """Return every module name the wheel ships, read from the folders pyproject maps (not ``kg.__path__``)."""
    names = []
    for package, folder in _SETUPTOOLS["package-dir"].items():
        for path in sorted((REPO / folder).glob("*.py")):
            names.append(package if path.stem == "__init__" else f"{package}.{path.stem}")
    return sorted(names)


MODULES = package_modules()
#: modules whose examples are the ones users start from: each must have at least one
MUST_HAVE_EXAMPLES = {"kg.ontology.names", "kg.queries.path", "kg.queries.unlock", "kg.queries.explore",
                      "kg.graph.types", "kg.graph.store", "kg.plugins"}


@pytest.mark.parametrize("module_name", MODULES)
def test_doctests(module_name: str) -> None:
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if module_name in MUST_HAVE_EXAMPLES:
        assert result.attempted > 0, f"{module_name} has no doctest"


def test_doctests_cover_the_package() -> None:
    assert len(MODULES) > 60 and "kg.graph.store.sqlite" in MODULES and "kg.queries.viz.data" in MODULES
