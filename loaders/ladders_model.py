"""Typed records of the ladder recogniser: rungs (level titles at a span) and steps between them."""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import.
from typing import NamedTuple

from kg.loaders.level_titles import LevelTitle

__all__ = ["Rung", "Step", "Ladders", "PathList"]


class Rung(NamedTuple):
    """A level title at a span of the text."""

    title: LevelTitle
    start: int
    end: int
    alts: "tuple[Rung, ...]" = ()  # titles given as alternatives at the same place ("A / B")

    def all(self) -> "tuple[Rung, ...]":
        """This rung and its alternatives."""
        if not self.alts:
            return (self,)
        return (Rung(self.title, self.start, self.end), *self.alts)


class Step(NamedTuple):
    """A move between two rungs, with the span of its evidence and how it is stated."""

    a: Rung
    b: Rung
    start: int
    end: int
    basis: str
    claims: bool = True  # the block was read whole: other readers need not read it again


class PathList(NamedTuple):
    """Items naming roles one moves on to; ``source`` is the heading's role when it names one."""

    items: list[Rung]
    source: Rung | None


class Ladders(NamedTuple):
    """The rungs (roles) and steps (moves) a document shows."""

    rungs: list[Rung]
    steps: list[Step]
    not_roles: list[tuple[int, int]] = []  # spans that name tracks, not roles (a table's track column)
    paths: list[PathList] = []  # lists of next roles whose source is the document's own role
