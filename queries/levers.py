"""The skills, certifications or degrees that, once gained, open the most documented moves from a role.

The roles within ``max_moves`` documented moves of the starting role are the doors. For each, the
person lacks some required needs (skills, one-of groups, certifications, degrees) of it or of the
roles on the way there (the fewest-moves way). A lever is
one item: it *opens* a door when it is the only thing missing there, and brings a door closer when
it is one of several (it counts ``1 / missing`` for that door, divided by the door's distance in
moves). Levers are ranked by doors opened, then by that score, then by how well the doors' documents
support asking for it (summed need weight); an item no door asks for is no lever.

Without ``have``, the person is taken to have every skill, certification and degree the starting role
lists (``kg path`` assumes the same of skills).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.graph.types import PROGRESSES_TO, ROLE
from kg.queries.common import Quote, Ref, quotes_for, ref
from kg.queries.have import resolve_have, role_holdings
from kg.queries.needs import EXPERIENCE, Need, role_needs_many
from kg.queries.resolve import resolve

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["Door", "Lever", "LeversAnswer", "find_levers"]


@dataclass(frozen=True)
class Door:
    """A role within reach: the documented move into it, how far it is, and what else it still lacks."""

    role: Ref
    via: Ref
    moves: int
    also_missing: tuple[str, ...]
    evidence: tuple[Quote, ...]


@dataclass(frozen=True)
class Lever:
    """One item to gain, the doors it opens on its own and the doors it brings closer."""

    item: Ref
    opens: tuple[Door, ...]
    closer: tuple[Door, ...]
    score: float


@dataclass(frozen=True)
class LeversAnswer:
    """Levers ranked for a person in ``role``; ``doors`` are the roles considered."""

    role: Ref
    have: tuple[Ref, ...]
    unrecognised: tuple[str, ...]
    assumed: str
    doors: tuple[Ref, ...]
    levers: tuple[Lever, ...]


def find_levers(store: GraphReader, role: str, have: list[str] | None = None, *, max_moves: int = 2,
                limit: int = 10) -> LeversAnswer:
    """Rank what to gain next from ``role`` by the documented moves it opens (see the module docstring).

    >>> from kg.graph.examples import tiny_store
    >>> answer = find_levers(tiny_store(), "engineer")
    >>> [(lv.item.name, [d.role.name for d in lv.opens]) for lv in answer.levers]
    [('Hiring', ['Manager']), ('Budgeting', [])]

    Raises:
        UnknownNameError: ``role`` names no role.
    """
    start = resolve(store, role, ROLE)
    if have is not None:
        resolved = resolve_have(store, have)
        items, unknown, assumed = resolved.items, resolved.unrecognised, "have"
        held = resolved.ids | {EXPERIENCE.id}  # someone in a role has work experience
    else:
        items, unknown, assumed = (), (), "source-role"
        held = role_holdings(store, start.id)
    tree = _reach(store, start.id, max_moves)
    opens: dict[str, list[Door]] = {}
    closer: dict[str, list[Door]] = {}
    score: dict[str, float] = {}
    support: dict[str, float] = {}
    refs: dict[str, Ref] = {}
    doors = []
    lacking: dict[str, dict[str, Need]] = {start.id: {}}  # role -> unmet needs on the way there, by key
    nodes = {n.id: n for n in store.nodes_of([start.id, *tree])}
    all_needs = role_needs_many(store, [r for r in tree if r in nodes], required_only=True)  # in bulk
    for role_id, (via, moves) in tree.items():  # in breadth-first order: ``via`` comes first
        node, via_node = nodes.get(role_id), nodes.get(via)
        if node is None or via_node is None:
            continue
        doors.append(ref(node))
        on_the_way = dict(lacking.get(via, {}))
        on_the_way.update((n.key, n) for n in all_needs[role_id] if not n.met_by(held))
        lacking[role_id] = on_the_way
        missing = list(on_the_way.values())
        if not missing:
            continue
        quotes = tuple(quotes_for(store, PROGRESSES_TO, via, role_id))
        seen: set[str] = set()  # an item that is an option of two needs opens the door once
        labels = tuple(n.label for n in missing)
        for i, need in enumerate(missing):
            others = labels[:i] + labels[i + 1:]
            door = Door(ref(node), ref(via_node), moves, others, quotes)
            for option in need.options:
                if option.id in seen:
                    continue
                seen.add(option.id)
                refs[option.id] = option
                (opens if not others else closer).setdefault(option.id, []).append(door)
                score[option.id] = score.get(option.id, 0.0) + 1.0 / len(missing) / moves
                support[option.id] = support.get(option.id, 0.0) + need.weight
    levers = [Lever(refs[i], tuple(opens.get(i, ())), tuple(closer.get(i, ())), round(score[i], 4)) for i in score]
    levers.sort(key=lambda lv: (-len(lv.opens), -lv.score, -support[lv.item.id], lv.item.name.lower()))
    return LeversAnswer(ref(start), items, unknown, assumed, tuple(doors), tuple(levers[:limit]))


def _reach(store: GraphReader, start: str, max_moves: int) -> dict[str, tuple[str, int]]:
    """Return the roles within ``max_moves`` moves: role id -> (the role the move comes from, distance)."""
    tree: dict[str, tuple[str, int]] = {}
    frontier = [start]
    for depth in range(1, max_moves + 1):
        layer: dict[str, str] = {}
        moves: dict[str, list[str]] = {}
        for src, dst in store.pairs_of(PROGRESSES_TO, frontier):  # a whole layer in one read
            moves.setdefault(src, []).append(dst)
        for node in frontier:
            for nxt in moves.get(node, ()):
                if nxt != start and nxt not in tree and nxt not in layer:
                    layer[nxt] = node
        tree.update((n, (via, depth)) for n, via in layer.items())
        frontier = list(layer)
    return tree
