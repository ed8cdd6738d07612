"""kg: a career knowledge graph of roles, skills, certifications and progression.

The package root holds only what every part shares: the version, the error
hierarchy (:mod:`kg.errors`) and the settings (:mod:`kg.settings`). The parts
live in ``kg.graph``, ``kg.ontology``, ``kg.loaders``, ``kg.queries`` and
``kg.cli``; import them by those names.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
