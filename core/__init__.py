"""kg: a career knowledge graph of roles, skills, certifications and progression.

The facade: the few calls most programs need, importable from ``kg`` itself and loaded on first
use (``import kg`` costs nothing more than this file)::

    import kg

    store = kg.open_store("career.sqlite")     # a file; ":memory:" for a throw-away store
    kg.build(store)                             # the bundled corpus; kg.build(store, [Path("docs/")])
    route = kg.find_routes(store, "ml-engineer", "cto")[0]
    kg.unlock(store, "cto", have=["python"]).missing
    kg.skill_gap(store, "ml-engineer", "cto")
    kg.export(store, "ttl", Path("career.ttl"))

Everything else lives in the parts, imported by their names: ``kg.graph`` (model, types,
protocols; rooms ``store``, ``ingest``, ``rdf``, ``cypher``, ``export``), ``kg.ontology``,
``kg.loaders``, ``kg.queries`` and ``kg.cli``. Errors are in :mod:`kg.errors`, settings in
:mod:`kg.settings`, the lazy registry helper in :mod:`kg.plugins`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers only: at run time each name is imported on first use
    from kg.graph.export.registry import export as export
    from kg.graph.ingest.build import build as build
    from kg.graph.store import open_store as open_store
    from kg.queries.path import find_routes as find_routes
    from kg.queries.unlock import skill_gap as skill_gap
    from kg.queries.unlock import unlock as unlock

__all__ = ["__version__", "open_store", "build", "find_routes", "unlock", "skill_gap", "export"]

#: the one place the version is declared (pyproject.toml reads it from here)
__version__ = "0.1.0"

#: facade name -> "module:attribute", imported on first use
_FACADE = {
    "open_store": "kg.graph.store:open_store",
    "build": "kg.graph.ingest.build:build",
    "find_routes": "kg.queries.path:find_routes",
    "unlock": "kg.queries.unlock:unlock",
    "skill_gap": "kg.queries.unlock:skill_gap",
    "export": "kg.graph.export.registry:export",
}


def __getattr__(name: str) -> Any:
    target = _FACADE.get(name)
    if target is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    import importlib

    module_name, attribute = target.split(":")
    value = getattr(importlib.import_module(module_name), attribute)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_FACADE))
