"""Typed errors raised by the kg library (one tree under :class:`KgError`); each message says what to do next.

::

    KgError
    ├── UnknownNameError, AmbiguousNameError   a name that resolves to no node, or to several
    ├── NoRouteError                           no documented route between two roles
    ├── InvalidArgumentError                   a library argument out of range (the CLI's usage error)
    ├── StoreError                             the store file: missing, unreadable, other schema, bad import
    ├── DocumentError                          a document that cannot be read
    ├── ExportError                            an export that cannot be written
    ├── RdfReadError                           an RDF file that cannot be read
    ├── QueryError                             a query the engine or library rejects
    │   ├── CypherBuildError                   a label/type/key outside the closed vocabulary
    │   ├── CypherQueryError                   Cypher rejected (syntax, dialect, parameters)
    │   ├── SparqlError                        unknown SPARQL query, parameter, or unparsable text
    │   ├── UnknownQueryError                  a library question name that names none (exit 2)
    │   └── QueryParameterError                a library parameter unknown, missing or mistyped (exit 2)
    └── BackendUnavailableError                a backend that cannot be used
        ├── Neo4jUnavailableError              Neo4j down, bad URI or refused credentials
        └── MissingExtraError                  an optional extra (career-kg[rdf] ...) not installed

:class:`CsvValueError` (a value the ladybug CSV dialect cannot carry) is internal: the loader
catches it and falls back to batched ``CREATE``.
"""

from __future__ import annotations

__all__ = [
    "KgError",
    "UnknownNameError",
    "AmbiguousNameError",
    "NoRouteError",
    "StoreError",
    "DocumentError",
    "ExportError",
    "InvalidArgumentError",
    "RdfReadError",
    "QueryError",
    "CypherBuildError",
    "CypherQueryError",
    "SparqlError",
    "UnknownQueryError",
    "QueryParameterError",
    "BackendUnavailableError",
    "Neo4jUnavailableError",
    "MissingExtraError",
    "CsvValueError",
]


class KgError(Exception):
    """Base class of every error the kg library raises on purpose."""


class UnknownNameError(KgError):
    """A role, skill or certification name that resolves to nothing in the graph."""

    def __init__(self, name: str, kind: str, suggestions: list[str]) -> None:
        self.name = name
        self.kind = kind
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        listing = f"`kg {kind}s`" if kind in ("role", "skill") else "`kg roles` or `kg skills`"
        super().__init__(f"unknown {kind} {name!r}.{hint} Run {listing} to list the known ones.")


class AmbiguousNameError(KgError):
    """A name that matches several nodes equally well."""

    def __init__(self, name: str, kind: str, candidates: list[str]) -> None:
        self.name = name
        self.kind = kind
        self.candidates = candidates
        super().__init__(
            f"{kind} name {name!r} is ambiguous: {', '.join(candidates)}. Use one of these ids."
        )


class NoRouteError(KgError):
    """No documented progression leads from one role to another."""

    def __init__(self, source: str, target: str, closest: list[str]) -> None:
        self.source = source
        self.target = target
        self.closest = closest
        near = (f" Closest reachable roles: {', '.join(closest)}." if closest
                else f" No document states a move out of {source!r}.")
        super().__init__(f"no documented route from {source!r} to {target!r}.{near} "
                         f"`kg next` lists documented moves; `kg gap` compares two roles' skills.")


class StoreError(KgError):
    """The store file is missing, unreadable or of another schema version."""


class DocumentError(KgError):
    """A document that cannot be read (empty, binary, undecodable or too large)."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        return (DocumentError, (self.source, self.reason))


class ExportError(KgError):
    """An export that cannot be written (unknown format, unwritable path, a value the format cannot hold)."""


class InvalidArgumentError(KgError, ValueError):
    """A library argument outside its range (e.g. a negative neighbourhood depth)."""


class RdfReadError(KgError):
    """An RDF file that cannot be read: unknown suffix, or text that does not parse."""


class QueryError(KgError):
    """A query that the engine or the query library rejects."""


class CypherBuildError(QueryError):
    """A label, relationship type or property key outside the closed vocabulary."""


class CypherQueryError(QueryError):
    """A Cypher query the engine rejected (syntax, unknown label, missing parameter, dialect)."""


class UnknownQueryError(QueryError):
    """A library question name that names no question (the message says which names are close)."""


class QueryParameterError(QueryError, InvalidArgumentError):
    """A library question called with a parameter it does not take, without one it needs, or of the wrong type."""


class SparqlError(QueryError):
    """An unknown query name, a missing or unknown parameter, or a query that does not parse."""


class BackendUnavailableError(KgError):
    """A backend (a server, an optional library) that cannot be used right now."""


class Neo4jUnavailableError(BackendUnavailableError):
    """Neo4j cannot be reached or refused the credentials."""


class MissingExtraError(BackendUnavailableError):
    """A feature whose library comes with an optional extra that is not installed."""

    def __init__(self, what: str, module: str, extra: str) -> None:
        self.what = what
        self.module = module
        self.extra = extra
        super().__init__(f"{what} needs {module}, which is not installed: pip install 'career-kg[{extra}]'")

    def __reduce__(self) -> tuple[type[MissingExtraError], tuple[str, str, str]]:
        return (MissingExtraError, (self.what, self.module, self.extra))


class CsvValueError(KgError, ValueError):
    """A value the ladybug CSV dialect cannot carry (a list element holding the list separator)."""
