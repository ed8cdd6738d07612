"""One way to name things that are loaded on first use: commands, export formats, Cypher engines, query files.

A :class:`Registry` maps names to ``"module:attribute"`` strings (rdflib's plugin habit): nothing is
imported until a name is used, so ``kg path`` never pays for rdflib or the neo4j driver, and an
unknown name raises the registry's error listing the valid ones. :func:`bundled_texts` reads a data
folder shipped inside a package (the SPARQL and Cypher query libraries) the same way everywhere:
through ``importlib.resources``, never by walking ``__path__`` (empty under an editable install).

>>> colours = Registry("colour", {"red": "colorsys:rgb_to_hsv"})
>>> colours.load("red")(1.0, 0.0, 0.0)
(0.0, 1.0, 1.0)
>>> colours.load("blue")
Traceback (most recent call last):
...
kg.errors.KgError: unknown colour 'blue'; choose one of: red
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any

from kg.errors import KgError, MissingExtraError

__all__ = ["Registry", "bundled_texts", "require", "EXTRAS", "DISTRIBUTIONS"]

#: optional extra -> the modules it installs (``[project.optional-dependencies]`` lists the same)
EXTRAS: dict[str, tuple[str, ...]] = {
    "rdf": ("rdflib", "pyshacl", "oxrdflib", "pyoxigraph"),
    "viz": ("pyvis", "jinja2", "markupsafe"),
    "embedded": ("ladybug",),
    "neo4j": ("neo4j",),
    "pdf": ("pdfplumber",),
    "docx": ("docx",),
}
#: module -> distribution name, where they differ
DISTRIBUTIONS = {"docx": "python-docx"}


class Registry(Mapping[str, str]):
    """Names -> ``"module:attribute"`` targets (``attribute`` may be dotted, e.g. ``Class.method``).

    It reads like the dict it wraps (``in``, ``get``, iteration in registration order), and
    :meth:`load` imports and returns the target.
    """

    def __init__(self, what: str, targets: Mapping[str, str], error: type[KgError] = KgError,
                 requires: Mapping[str, tuple[str, str]] | None = None) -> None:
        self.what = what
        self.error = error
        self._targets = dict(targets)
        #: name -> (extra, module) the target needs; checked before the import
        self.requires = dict(requires or {})
        for name, target in self._targets.items():
            if target.count(":") != 1:
                raise ValueError(f"{what} {name!r}: target {target!r} is not 'module:attribute'")

    def __getitem__(self, name: str) -> str:
        return self._targets[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)

    def load(self, name: str) -> Any:
        """Import and return what ``name`` names; an unknown name raises the registry's error."""
        target = self._targets.get(name)
        if target is None:
            raise self.error(f"unknown {self.what} {name!r}; choose one of: {', '.join(sorted(self._targets))}")
        if name in self.requires:
            extra, module = self.requires[name]
            require(extra, module, f"{self.what} {name!r}")
        module_name, attribute = target.split(":")
        found: Any = importlib.import_module(module_name)
        for part in attribute.split("."):
            found = getattr(found, part)
        return found


def require(extra: str, module: str, what: str) -> None:
    """Raise :class:`~kg.errors.MissingExtraError` when ``module`` (from optional ``extra``) is not installed.

    >>> require("rdf", "rdflib", "RDF export")
    >>> require("rdf", "no_rdf_kg", "RDF")
    Traceback (most recent call last):
    ...
    kg.errors.MissingExtraError: RDF needs no_rdf_kg, which is not installed: pip install 'career-kg[rdf]'
    """
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise MissingExtraError(what, module, extra)


def bundled_texts(package: str, folder: str, suffix: str) -> dict[str, str]:
    """Return name -> text of the ``*suffix`` files in a package's data folder, sorted by name.

    >>> sorted(bundled_texts("kg.queries", "sparql", ".rq"))[:2]
    ['gap', 'next-roles']
    """
    from importlib import resources  # not at module level: it costs more than the CLI's start-up budget allows

    root = resources.files(package).joinpath(folder)
    found = {p.name.removesuffix(suffix): p.read_text(encoding="utf-8")
             for p in root.iterdir() if p.name.endswith(suffix)}
    return dict(sorted(found.items()))
