"""Typed errors raised by the kg library; each message says what to do next."""

from __future__ import annotations

__all__ = [
    "KgError",
    "UnknownNameError",
    "AmbiguousNameError",
    "NoRouteError",
    "StoreError",
    "DocumentError",
    "ExportError",
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
    """An export that cannot be written (unknown format, unwritable path)."""
