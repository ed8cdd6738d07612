"""Shortest documented career routes between two roles, with the skills to add at each step.

Routes follow only ``PROGRESSES_TO`` edges that documents state. The first
route is found by a bidirectional breadth-first search over indexed store
lookups that keeps, among the routes with fewest moves, the best supported
(highest summed weight); alternatives come from Yen's algorithm on top of it.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import, which a cold ``kg path`` pays for; type-checker-only names are quoted.
from typing import TYPE_CHECKING, NamedTuple, Protocol

from kg.errors import NoRouteError
from kg.graph.types import PROGRESSES_TO, REQUIRES_SKILL, ROLE
from kg.queries.common import Quote, Ref, quotes_for, ref
from kg.queries.resolve import resolve

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["Step", "Route", "Neighbours", "find_routes", "shortest_role_path", "best_shortest_path", "skills_to_add",
           "MAX_HOPS"]

MAX_HOPS = 20
_MOVE = PROGRESSES_TO


class Step(NamedTuple):
    """One move of a route: from one role to the next."""

    source: Ref
    target: Ref
    weight: float
    skills_to_add: tuple[Ref, ...]
    evidence: tuple[Quote, ...]


class Route(NamedTuple):
    """A route: the roles in order and the steps between them."""

    roles: tuple[Ref, ...]
    steps: tuple[Step, ...]
    weight: float

    @property
    def hops(self) -> int:
        """Return the number of moves."""
        return len(self.steps)


def find_routes(store: "GraphReader", source: str, target: str, k: int = 1) -> list[Route]:
    """Return up to ``k`` shortest documented routes from role ``source`` to role ``target``.

    Names are resolved first (id, name or alias). Routes are ordered by number
    of moves, then by total weight (best supported first).

    Raises:
        UnknownNameError: a name resolves to no role (with suggestions).
        NoRouteError: no route exists; names the closest reachable roles.
    """
    start = resolve(store, source, ROLE)
    goal = resolve(store, target, ROLE)
    paths = _k_shortest(store, start.id, goal.id, max(k, 1))
    if not paths:
        raise NoRouteError(start.name, goal.name, closest_reachable(store, start.id, goal.id))
    routes = [_route(store, p) for p in paths]
    routes.sort(key=lambda r: (r.hops, -r.weight, [x.id for x in r.roles]))
    return routes[:k]


def shortest_role_path(store: "GraphReader", start: str, goal: str) -> list[str] | None:
    """Return the role ids of one shortest route between two role ids, or None.

    >>> from kg.graph.examples import tiny_store
    >>> shortest_role_path(tiny_store(), "engineer", "cto")
    ['engineer', 'manager', 'cto']
    """
    return best_shortest_path(_Adjacency(store), start, goal, frozenset(), frozenset())


def skills_to_add(store: "GraphReader", previous: str, target: str) -> list[Ref]:
    """Return the target role's required skills the previous role lacks, heaviest first."""
    return [ref(n) for n in store.targets_lacking(REQUIRES_SKILL, target, previous, required_only=True)]


def closest_reachable(store: "GraphReader", start: str, goal: str, limit: int = 5) -> list[str]:
    """Return names of roles reachable from ``start`` that share most skills with ``goal``."""
    adj = _Adjacency(store)
    seen = {start}
    frontier = [start]
    while frontier and len(seen) < 10_000:
        layer = [n for node in frontier for n, _ in adj.out(node) if n not in seen]
        frontier = list(dict.fromkeys(layer))
        seen.update(frontier)
    seen.discard(start)
    goal_skills = set(store.successors(REQUIRES_SKILL, goal))

    def score(role_id: str) -> tuple[float, str]:
        skills = set(store.successors(REQUIRES_SKILL, role_id))
        union = skills | goal_skills
        return (-(len(skills & goal_skills) / len(union)) if union else 0.0, role_id)

    names = []
    for role_id in sorted(seen, key=score)[:limit]:
        node = store.node(role_id)
        names.append(node.name if node else role_id)
    return names


class _Adjacency:
    """Cached (neighbour, weight) lookups over the store's progression edges."""

    def __init__(self, store: "GraphReader") -> None:
        self.store = store
        self._out: dict[str, list[tuple[str, float]]] = {}
        self._in: dict[str, list[tuple[str, float]]] = {}

    def out(self, node: str) -> list[tuple[str, float]]:
        if node not in self._out:
            self._out[node] = sorted((e.dst, e.weight) for e in self.store.out_edges(_MOVE, node))
        return self._out[node]

    def into(self, node: str) -> list[tuple[str, float]]:
        if node not in self._in:
            self._in[node] = sorted((e.src, e.weight) for e in self.store.in_edges(_MOVE, node))
        return self._in[node]

    def weight(self, path: list[str]) -> float:
        """Return the summed weight of the moves along a path."""
        return sum(dict(self.out(a)).get(b, 0.0) for a, b in zip(path, path[1:], strict=False))


class Neighbours(Protocol):
    """Weighted neighbour lookups a route search runs on (the store, or SPARQL queries)."""

    def out(self, node: str) -> list[tuple[str, float]]: ...

    def into(self, node: str) -> list[tuple[str, float]]: ...


def best_shortest_path(
    adj: Neighbours, start: str, goal: str,
    banned_nodes: frozenset[str] = frozenset(), banned_edges: frozenset[tuple[str, str]] = frozenset(),
) -> list[str] | None:
    """Return the best-supported of the fewest-move paths (bidirectional BFS, whole layers at a time).

    Ties in weight are broken by the ids along the path, so every caller gets the same route.
    """
    if start == goal:
        return [start]
    fwd: dict[str, list[tuple[str, float]]] = {start: []}
    bwd: dict[str, list[tuple[str, float]]] = {goal: []}
    fwd_frontier, bwd_frontier = [start], [goal]
    for _ in range(MAX_HOPS):
        if not fwd_frontier or not bwd_frontier:
            return None
        forward = len(fwd_frontier) <= len(bwd_frontier)
        parents, others = (fwd, bwd) if forward else (bwd, fwd)
        layer: dict[str, list[tuple[str, float]]] = {}
        for node in fwd_frontier if forward else bwd_frontier:
            for nxt, weight in adj.out(node) if forward else adj.into(node):
                edge = (node, nxt) if forward else (nxt, node)
                if nxt in parents or nxt in banned_nodes or edge in banned_edges:
                    continue
                layer.setdefault(nxt, []).append((node, weight))
        parents.update(layer)
        meets = [n for n in layer if n in others]
        if meets:
            return _best_through(fwd, bwd, meets)
        if forward:
            fwd_frontier = list(layer)
        else:
            bwd_frontier = list(layer)
    return None


def _best_through(
    fwd: dict[str, list[tuple[str, float]]], bwd: dict[str, list[tuple[str, float]]], meets: list[str]
) -> list[str]:
    """Join the two search trees at the meeting node that gives the heaviest path."""
    def best(tree: dict[str, list[tuple[str, float]]], memo: dict[str, tuple[float, list[str]]],
             node: str) -> tuple[float, list[str]]:
        if node not in memo:
            options = [(weight + w, path + [node]) for p, w in tree[node] for weight, path in [best(tree, memo, p)]]
            memo[node] = max(options, key=lambda o: (o[0], o[1]), default=(0.0, [node]))
        return memo[node]

    fwd_memo: dict[str, tuple[float, list[str]]] = {}
    bwd_memo: dict[str, tuple[float, list[str]]] = {}
    candidates = []
    for meet in sorted(meets):
        head_weight, head = best(fwd, fwd_memo, meet)
        tail_weight, tail = best(bwd, bwd_memo, meet)
        candidates.append((-(head_weight + tail_weight), head + tail[::-1][1:]))
    return min(candidates)[1]


def _k_shortest(store: "GraphReader", start: str, goal: str, k: int) -> list[list[str]]:
    """Yen's algorithm over moves: fewest moves first, heavier (better supported) first among equals."""
    adj = _Adjacency(store)
    first = best_shortest_path(adj, start, goal, frozenset(), frozenset())
    if first is None:
        return []
    found = [first]
    candidates: list[list[str]] = []
    while len(found) < k:
        last = found[-1]
        for i in range(len(last) - 1):
            root = last[: i + 1]
            banned_edges = frozenset(
                (p[i], p[i + 1]) for p in found if len(p) > i + 1 and p[: i + 1] == root
            )
            spur = best_shortest_path(adj, root[-1], goal, frozenset(root[:-1]), banned_edges)
            if spur is not None:
                path = root[:-1] + spur
                if path not in found and path not in candidates:
                    candidates.append(path)
        if not candidates:
            break
        candidates.sort(key=lambda p: (len(p), -adj.weight(p), p))
        found.append(candidates.pop(0))
    return found


def _route(store: "GraphReader", path: list[str]) -> Route:
    nodes = [store.node(n) for n in path]
    roles = tuple(ref(n) for n in nodes if n is not None)
    steps = []
    for a, b in zip(path, path[1:], strict=False):
        edge = next((e for e in store.out_edges(_MOVE, a) if e.dst == b), None)
        steps.append(
            Step(
                source=next(r for r in roles if r.id == a),
                target=next(r for r in roles if r.id == b),
                weight=edge.weight if edge else 0.0,
                skills_to_add=tuple(skills_to_add(store, a, b)),
                evidence=tuple(quotes_for(store, _MOVE, a, b)),
            )
        )
    return Route(roles, tuple(steps), round(sum(s.weight for s in steps), 6))
