"""Run the doctests of the public query and naming modules (each on a tiny real store)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "kg.ontology.names",
    "kg.queries.path",
    "kg.queries.unlock",
    "kg.queries.explore",
    "kg.queries.sparql",
    "kg.redact",
    "kg.interrupt",
]


@pytest.mark.parametrize("module_name", MODULES)
def test_doctests(module_name: str) -> None:
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{module_name} has no doctest"
    assert result.failed == 0
