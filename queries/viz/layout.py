"""Precomputed positions: a left-to-right ladder for routes, a community overview for the whole graph.

Both layouts write ``x``/``y`` into the vis node records and never place two
nodes in the same spot. The ladder puts the route's roles on one axis by step,
alternative routes in the lanes just above and below, neighbouring roles
further out (roles that lead into the route above, roles it leads to below),
and every other node in bands under the column of the role it belongs to. The
overview groups roles into communities of the move graph
(:func:`networkx.community.louvain_communities`), packs each community as a
disc with its busiest role in the middle, and puts every other node on a free
cell next to the roles it is linked to.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from kg.graph.types import PROGRESSES_TO, ROLE

__all__ = ["COLUMN", "LANE", "ladder_layout", "overview_layout", "Grid"]

#: distance between two steps of a route, and between two lanes (canvas pixels)
COLUMN, LANE = 280, 110
_MIN_GAP = 200  # two nodes in one lane are at least this far apart
_CELL = 56  # overview grid cell
_SPREAD = 95  # distance between neighbouring roles of one community
_GOLDEN = math.pi * (3 - math.sqrt(5))

Row = dict[str, Any]


def ladder_layout(rows: list[Row], edges: Iterable[Row], routes: Sequence[Sequence[str]]) -> None:
    """Place route roles left to right by step, other routes and neighbours in lanes around them.

    >>> rows = [{"id": i, "type": "Role"} for i in "abcx"] + [{"id": "s", "type": "Skill"}]
    >>> edges = [{"from": "x", "to": "b", "rel": "PROGRESSES_TO"}, {"from": "c", "to": "s", "rel": "REQUIRES_SKILL"}]
    >>> ladder_layout(rows, edges, [("a", "b", "c")]); [(r["id"], r["x"], r["y"]) for r in rows]
    [('a', 0, 0), ('b', 280, 0), ('c', 560, 0), ('x', 280, -110), ('s', 560, 110)]
    """
    by_id = {r["id"]: r for r in rows}
    lanes: dict[int, list[int]] = defaultdict(list)  # lane -> x positions taken
    main = [i for i in routes[0] if i in by_id] if routes else []
    span = max(1, len(main) - 1) * COLUMN
    placed: dict[str, tuple[int, int]] = {}

    def put(node_id: str, x: int, lane: int, outward: int) -> None:
        while any(abs(x - taken) < _MIN_GAP for taken in lanes[lane]):
            lane += outward
        lanes[lane].append(x)
        placed[node_id] = (x, lane)

    for step, node_id in enumerate(main):
        by_id[node_id]["step"] = step
        put(node_id, step * COLUMN, 0, 1)
    for r, route in enumerate(routes[1:], 1):  # alternatives alternate below and above, nearest first
        lane = (r + 1) // 2 * (1 if r % 2 else -1)
        ids = [i for i in route if i in by_id]
        for step, node_id in enumerate(ids):
            if node_id not in placed:
                put(node_id, round(step / max(1, len(ids) - 1) * span / 10) * 10, lane, 1 if lane > 0 else -1)
    inner_above = min([0, *(lane for lane in lanes if lanes[lane])]) - 1
    inner_below = max([0, *(lane for lane in lanes if lanes[lane])]) + 1
    links = _links(edges)
    for role in (r for r in rows if r["type"] == ROLE and r["id"] not in placed):
        into = [placed[o] for o, rel, out in links[role["id"]] if rel == PROGRESSES_TO and o in placed and out]
        away = [placed[o] for o, rel, out in links[role["id"]] if rel == PROGRESSES_TO and o in placed and not out]
        if into:  # leads into the route: above it
            put(role["id"], _column(into), inner_above, -1)
        else:
            put(role["id"], _column(away) if away else 0, inner_below, 1)
    bottom = max([0, *(lane for lane in lanes if lanes[lane])]) + 1
    rest = sorted((r for r in rows if r["id"] not in placed), key=lambda r: (r["type"], -float(r.get("value") or 0)))
    for row in rest:
        near = [placed[o] for o, _, _ in links[row["id"]] if o in placed and by_id[o]["type"] == ROLE]
        put(row["id"], _column(near) if near else 0, bottom, 1)
    for node_id, (x, lane) in placed.items():
        by_id[node_id]["x"], by_id[node_id]["y"] = x, lane * LANE


def _links(edges: Iterable[Row]) -> dict[str, list[tuple[str, str, bool]]]:
    """Map each node to (other end, relationship, whether this node is the source)."""
    links: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for e in edges:
        links[e["from"]].append((e["to"], e["rel"], True))
        links[e["to"]].append((e["from"], e["rel"], False))
    return links


def _column(spots: list[tuple[int, int]]) -> int:
    return round(sum(x for x, _ in spots) / len(spots) / COLUMN) * COLUMN


def overview_layout(rows: list[Row], edges: Sequence[Row]) -> list[str]:
    """Place roles by community of the move graph, everything else beside its roles; return the top roles.

    The top roles (busiest first, at most 40) are the ones the page labels at every zoom.

    >>> rows = [{"id": i, "type": "Role", "value": 1.0} for i in "abc"] + [{"id": "s", "type": "Skill"}]
    >>> edges = [{"from": "a", "to": "b", "rel": "PROGRESSES_TO", "value": 1.0},
    ...          {"from": "a", "to": "s", "rel": "REQUIRES_SKILL", "value": 1.0}]
    >>> overview_layout(rows, edges)
    ['a', 'b']
    >>> len({(r["x"], r["y"]) for r in rows})
    4
    """
    import networkx as nx

    roles = [r for r in rows if r["type"] == ROLE]
    moves = nx.Graph()
    moves.add_nodes_from(r["id"] for r in roles)
    moves.add_weighted_edges_from((e["from"], e["to"], float(e.get("value") or 1.0)) for e in edges
                                  if e["rel"] == PROGRESSES_TO)
    linked = [c for c in nx.community.louvain_communities(moves, weight="weight", seed=7) if len(c) > 1]
    isolated = sorted(n for n in moves if moves.degree(n) == 0)
    grid = Grid(_CELL)
    degree = dict(moves.degree(weight="weight"))
    isolated_group = set(isolated)
    groups = sorted(linked, key=lambda c: (-len(c), min(c))) + ([isolated_group] if isolated else [])
    area = 0.0
    for k, group in enumerate(groups):
        radius = _SPREAD * math.sqrt(len(group))
        centre = math.sqrt(area) + radius if k else 0.0
        cx, cy = centre * math.cos(k * _GOLDEN), centre * math.sin(k * _GOLDEN)
        if group is isolated_group:
            for j, node_id in enumerate(sorted(group)):
                rho = _SPREAD * math.sqrt(j)
                grid.place(node_id, cx + rho * math.cos(j * _GOLDEN), cy + rho * math.sin(j * _GOLDEN))
        else:
            for node_id, (x, y) in _radial(moves.subgraph(group), degree).items():
                grid.place(node_id, cx + x, cy + y)
        area += (radius + _CELL) ** 2
    links = _links(edges)
    others = sorted((r for r in rows if r["type"] != ROLE), key=lambda r: -float(r.get("value") or 0))
    for row in others:
        near = [grid.spot[o] for o, _, _ in links[row["id"]] if o in grid.spot]
        x = sum(p[0] for p in near) / len(near) if near else 0.0
        y = sum(p[1] for p in near) / len(near) if near else 0.0
        grid.place(row["id"], x, y)
    for row in rows:
        row["x"], row["y"] = grid.spot[row["id"]]
    ranked = sorted((n for n in moves if moves.degree(n)), key=lambda n: (-degree[n], n))
    return ranked[:40]


def _radial(community: Any, degree: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Rings around the community's busiest role by number of moves away; each ring in its parents' order."""
    import networkx as nx

    hub = min(community, key=lambda n: (-degree[n], n))
    parent = dict(nx.bfs_predecessors(community, hub))
    rings: dict[int, list[str]] = defaultdict(list)
    for node_id, depth in nx.single_source_shortest_path_length(community, hub).items():
        rings[depth].append(node_id)
    angle: dict[str, float] = {hub: 0.0}
    spot: dict[str, tuple[float, float]] = {hub: (0.0, 0.0)}
    for depth in sorted(rings)[1:]:
        ring = sorted(rings[depth], key=lambda n: (angle[parent[n]], n))
        for j, node_id in enumerate(ring):
            angle[node_id] = 2 * math.pi * (j + 0.5) / len(ring)
            rho = _SPREAD * max(depth, len(ring) / (2 * math.pi))
            spot[node_id] = (rho * math.cos(angle[node_id]), rho * math.sin(angle[node_id]))
    return spot


class Grid:
    """Cells of one size; :meth:`place` puts a node on the free cell nearest to where it wants to be."""

    def __init__(self, cell: int) -> None:
        self.cell = cell
        self.taken: set[tuple[int, int]] = set()
        self.spot: dict[str, tuple[int, int]] = {}

    def place(self, node_id: str, x: float, y: float) -> tuple[int, int]:
        """Return and remember the centre of the nearest free cell to (x, y).

        >>> g = Grid(10); g.place("a", 0, 0), g.place("b", 0, 0)
        ((0, 0), (-10, 0))
        """
        ci, cj = round(x / self.cell), round(y / self.cell)
        ring = 0
        while True:
            free = [(i, j) for i, j in _ring(ci, cj, ring) if (i, j) not in self.taken]
            if free:
                i, j = min(free, key=lambda c: ((c[0] * self.cell - x) ** 2 + (c[1] * self.cell - y) ** 2, c))
                self.taken.add((i, j))
                self.spot[node_id] = (i * self.cell, j * self.cell)
                return self.spot[node_id]
            ring += 1


def _ring(ci: int, cj: int, r: int) -> list[tuple[int, int]]:
    if r == 0:
        return [(ci, cj)]
    side = range(-r, r + 1)
    return ([(ci + d, cj - r) for d in side] + [(ci + d, cj + r) for d in side]
            + [(ci - r, cj + d) for d in side[1:-1]] + [(ci + r, cj + d) for d in side[1:-1]])
