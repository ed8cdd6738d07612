"""kg: a career knowledge graph of roles, skills, certifications and progression.

The facade: the few calls most programs need, importable from ``kg`` itself and loaded on first
use (``import kg`` costs nothing more than this file)::

    import kg

    store = kg.open_store("career.sqlite")     # a file; ":memory:" for a throw-away store
    kg.build(store)                             # the bundled corpus; kg.build(store, [Path("docs/")])
    route = kg.find_routes(store, "ml-engineer", "cto")[0]
    kg.unlock(store, "cto", have=["python"]).missing
    kg.skill_gap(store, "ml-engineer", "cto")
    kg.match_roles(store, ["python", "pytorch"]).matches[0].fit   # roles that fit what you have
    kg.plan_route(store, "ml-engineer", "cto", have=["python"]).plan.total   # least to learn
    kg.find_levers(store, "ml-engineer").levers[0].item              # what opens the most moves
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
    from kg.queries.levers import Door as Door
    from kg.queries.levers import Lever as Lever
    from kg.queries.levers import LeversAnswer as LeversAnswer
    from kg.queries.levers import find_levers as find_levers
    from kg.queries.match import MatchAnswer as MatchAnswer
    from kg.queries.match import RoleMatch as RoleMatch
    from kg.queries.match import match_roles as match_roles
    from kg.queries.needs import Need as Need
    from kg.queries.path import find_routes as find_routes
    from kg.queries.plan import LearningPlan as LearningPlan
    from kg.queries.plan import PlanAnswer as PlanAnswer
    from kg.queries.plan import PlanStep as PlanStep
    from kg.queries.plan import ToLearn as ToLearn
    from kg.queries.plan import plan_route as plan_route
    from kg.queries.unlock import skill_gap as skill_gap
    from kg.queries.unlock import unlock as unlock

__all__ = ["__version__", "open_store", "build", "find_routes", "unlock", "skill_gap", "export",
           "match_roles", "plan_route", "find_levers", "Need", "RoleMatch", "MatchAnswer", "PlanAnswer",
           "LearningPlan", "PlanStep", "ToLearn", "LeversAnswer", "Lever", "Door"]

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
    "match_roles": "kg.queries.match:match_roles",
    "plan_route": "kg.queries.plan:plan_route",
    "find_levers": "kg.queries.levers:find_levers",
    "Need": "kg.queries.needs:Need",
    "RoleMatch": "kg.queries.match:RoleMatch",
    "MatchAnswer": "kg.queries.match:MatchAnswer",
    "PlanAnswer": "kg.queries.plan:PlanAnswer",
    "LearningPlan": "kg.queries.plan:LearningPlan",
    "PlanStep": "kg.queries.plan:PlanStep",
    "ToLearn": "kg.queries.plan:ToLearn",
    "LeversAnswer": "kg.queries.levers:LeversAnswer",
    "Lever": "kg.queries.levers:Lever",
    "Door": "kg.queries.levers:Door",
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
