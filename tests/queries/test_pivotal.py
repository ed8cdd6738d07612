"""Pivotal roles: networkx betweenness over the documented moves, on a hand-made graph and the corpus."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli.main import cli
from kg.graph.store import SQLiteStore
from kg.graph.types import PROGRESSES_TO, ROLE
from kg.queries.pivotal import pivotal_roles


def _moves_store(path: Path, moves: list[tuple[str, str]]) -> SQLiteStore:
    """A store holding only roles and the given moves (rows written as they are)."""
    roles = sorted({r for move in moves for r in move})
    store = SQLiteStore(path)
    store.load_rows([], [(r, ROLE, r.title(), "[]", "{}") for r in roles], [(r, r) for r in roles],
                    [(PROGRESSES_TO, a, b, 1.0, 1, 1) for a, b in moves], [])
    return store


def test_the_hub_every_route_crosses_ranks_first(tmp_path: Path) -> None:
    # a, b -> hub -> c, d and a side move a -> e: 4 of the 5*4=20 ordered pairs route through hub
    with _moves_store(tmp_path / "kg.sqlite", [("a", "hub"), ("b", "hub"), ("hub", "c"), ("hub", "d"),
                                               ("a", "e")]) as store:
        ranked = pivotal_roles(store)
    assert [(p.role.id, p.betweenness, p.moves_in, p.moves_out) for p in ranked] == [("hub", 0.2, 2, 2)]


def test_limit_and_cli_json(corpus_store_path: Path) -> None:
    result = CliRunner().invoke(cli, ["pivotal", "--limit", "3", "--json", "--store", str(corpus_store_path)])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 3 and rows[0]["betweenness"] >= rows[1]["betweenness"] >= rows[2]["betweenness"] > 0
    assert all(r["role"]["type"] == "Role" and r["moves_in"] > 0 and r["moves_out"] > 0 for r in rows)
