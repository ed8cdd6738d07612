"""kg.queries.viz.select: what each view selects, and that the page is offline, escaped and complete."""

from __future__ import annotations

import doctest
import importlib
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from kg.errors import ExportError, InvalidArgumentError, NoRouteError, UnknownNameError
from kg.graph.examples import tiny_store
from kg.graph.store import SQLiteStore
from kg.queries.path import find_routes
from kg.queries.viz.data import BACKGROUNDS, EDGE_STYLE, NODE_STYLE, PHYSICS_LIMIT, contrast
from kg.queries.viz.route import ROUTE_COLOURS
from kg.queries.viz.select import select_all, select_focus, select_route, select_skill, write_viz
from tests.viz_stores import (
    BREAKOUT_QUOTE,
    HOSTILE_DOC,
    IMG_SKILL,
    PAYLOADS,
    SCRIPT_ROLE,
    SVG_ALIAS,
    hostile_store,
)

#: any src= or href= that reaches the network (http, https or protocol-relative)
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
DATA = re.compile(r'<script id="kg-data" type="application/json">(.*?)</script>', re.DOTALL)


MORE = re.compile(r'<script id="kg-more" type="application/json">(.*?)</script>', re.DOTALL)


def _payload(html: str) -> dict[str, Any]:
    match = DATA.search(html)
    assert match, "the page lost its data block"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


@pytest.mark.parametrize("module", ["kg.queries.viz.select", "kg.queries.viz.data", "kg.queries.viz.page",
                                    "kg.queries.viz.layout", "kg.queries.viz.route"])
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_whole_graph_page_is_self_contained_and_complete(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "graph.html"
    result = write_viz(tiny_store(), select_all(tiny_store()), out)
    html = out.read_text(encoding="utf-8")
    assert (result.nodes, result.edges, result.physics) == (6, 7, False)  # the overview has fixed positions
    assert result.bytes == out.stat().st_size
    assert REMOTE.findall(html) == []
    assert "<link rel=\"stylesheet\"" not in html and "<script src" not in html
    assert "bootstrap" not in html and "tom-select" not in html
    assert "vis-network" in html  # the library is inlined
    assert "default-src 'none'" in unescape(html)  # the page may fetch nothing even if something slipped through
    data = _payload(html)
    assert sorted(n["id"] for n in data["nodes"]) == ["budgeting", "cto", "engineer", "hiring", "manager", "python"]
    assert len(data["edges"]) == 7
    assert data["styles"]["nodes"]["Skill"] == ["#c25e00", "diamond"]
    assert data["view"]["mode"] == "overview" and data["view"]["top"] == ["manager", "cto", "engineer"]


def test_tooltips_carry_name_aliases_and_quotes_with_documents(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    write_viz(hostile_store(), select_all(hostile_store()), out)
    nodes = {n["id"]: n for n in _payload(out.read_text(encoding="utf-8"))["nodes"]}
    tip = nodes["hostile-lead"]["tip"]
    assert tip["name"] == SCRIPT_ROLE and nodes["hostile-lead"]["aliases"] == [SVG_ALIAS]  # the tooltip reads both
    assert [HOSTILE_DOC, SCRIPT_ROLE] in tip["quotes"]
    assert nodes["hostile-skill"]["aliases"] == ["XSS skill"]
    edges = {(e["from"], e["to"]): e for e in _payload(out.read_text(encoding="utf-8"))["edges"]}
    assert [HOSTILE_DOC, BREAKOUT_QUOTE] in edges[("hostile-lead", "analyst")]["tip"]["quotes"]


def test_hostile_names_never_appear_as_markup(tmp_path: Path) -> None:
    store = hostile_store()
    out = tmp_path / "focus.html"
    write_viz(store, select_focus(store, "hostile-lead", 1), out)
    html = out.read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in html
    assert "<img src=x" not in html and "<svg onload" not in html and "<iframe" not in html
    assert html.count("</script") == 3  # data block, vis-network, page script: nothing from the documents
    assert "&lt;script&gt;window.__kg_pwned" in html  # the title, escaped by the template
    texts = json.dumps(_payload(html), ensure_ascii=False)
    assert IMG_SKILL.replace('"', '\\"') in texts  # the data round-trips exactly


def test_focus_neighbourhood_by_depth() -> None:
    store = tiny_store()
    assert select_focus(store, "manager", 0).nodes == ("manager",)
    assert set(select_focus(store, "manager", 1).nodes) == {"manager", "engineer", "cto", "hiring", "python"}
    assert set(select_focus(store, "manager", 2).nodes) == {"manager", "engineer", "cto", "hiring", "python",
                                                            "budgeting"}


def test_route_is_highlighted_inside_its_neighbourhood(tmp_path: Path) -> None:
    store = tiny_store()
    selection = select_route(store, "Engineer", "CTO")
    assert selection.highlight_nodes == {"engineer", "manager", "cto"}
    out = tmp_path / "route.html"
    write_viz(store, selection, out)
    data = _payload(out.read_text(encoding="utf-8"))
    route = sorted((e["from"], e["to"]) for e in data["edges"] if e.get("route"))
    assert route == [("engineer", "manager"), ("manager", "cto")]
    widest = max(e["value"] for e in data["edges"])
    for edge in (e for e in data["edges"] if e.get("route")):  # selected or hovered, a route edge keeps its colour
        assert edge["value"] == widest and set(edge["color"].values()) == {ROUTE_COLOURS[0], 1.0}
    assert {n["id"] for n in data["nodes"] if n.get("route")} == {"engineer", "manager", "cto"}
    assert "the route" in out.read_text(encoding="utf-8")
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["engineer"] == "START · Engineer" and labels["cto"] == "GOAL · CTO"


def test_skill_view_lists_the_roles_that_need_it() -> None:
    assert select_skill(tiny_store(), "Python").nodes == ("python", "engineer", "manager")


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda s: select_focus(s, "astronaut"), UnknownNameError, "unknown role 'astronaut'"),  # no such role
        (lambda s: select_skill(s, "juggling"), UnknownNameError, "unknown skill"),  # no such skill
        (lambda s: select_route(s, "cto", "engineer"), NoRouteError, "no documented route"),  # moves go one way
        (lambda s: select_focus(s, "cto", -1), InvalidArgumentError, "--depth must be 0 or more"),  # negative depth
    ],
)
def test_bad_views_raise_typed_errors(call: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        call(tiny_store())


def test_unwritable_output_raises_export_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="choose another -o path"):
        write_viz(tiny_store(), select_all(tiny_store()), blocker / "graph.html")


def test_large_graph_turns_physics_off_with_distinct_precomputed_positions(tmp_path: Path) -> None:
    from benchmarks.viz_bench import synthetic_store

    store = synthetic_store(tmp_path / "big.sqlite", 1_500)
    out = tmp_path / "big.html"
    result = write_viz(store, select_all(store), out)
    assert result.nodes > PHYSICS_LIMIT and not result.physics
    data = _payload(out.read_text(encoding="utf-8"))
    assert data["options"]["physics"] == {"enabled": False}
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) == len(data["nodes"])
    assert result.seconds < 10


def test_view_of_a_built_store(tmp_path: Path) -> None:
    """A store built from real files by kg.graph.ingest.build renders with its documents in the tooltips."""
    from kg.graph.ingest.build import build
    from tests.data import LADDER_MD

    doc = tmp_path / "platform.md"
    doc.write_text(LADDER_MD, encoding="utf-8")
    with SQLiteStore(tmp_path / "kg.sqlite") as store:
        build(store, [doc], workers=1)
        out = tmp_path / "built.html"
        result = write_viz(store, select_all(store), out)
    assert result.nodes >= 3 and result.edges >= 2
    quotes = [q for n in _payload(out.read_text(encoding="utf-8"))["nodes"] for q in n["tip"]["quotes"]]
    assert quotes and all(q[0] == "platform.md" for q in quotes)


@pytest.mark.parametrize("colour", sorted({s[1] for s in NODE_STYLE.values()} | {s[1] for s in EDGE_STYLE.values()}
                                          | set(ROUTE_COLOURS)))
def test_graphics_contrast_at_least_3_to_1_on_light_and_dark(colour: str) -> None:
    assert min(contrast(colour, bg) for bg in BACKGROUNDS) >= 3.0


def test_route_ladder_and_panel_follow_kg_path(corpus_store: SQLiteStore, tmp_path: Path) -> None:
    """Route roles sit on one axis left to right by step; the panel carries what `kg path` answers."""
    out = tmp_path / "route.html"
    write_viz(corpus_store, select_route(corpus_store, "ml-engineer", "cto", k=3), out)
    data = _payload(out.read_text(encoding="utf-8"))
    expected = find_routes(corpus_store, "ml-engineer", "cto", k=3)
    nodes = {n["id"]: n for n in data["nodes"]}
    main = [r.id for r in expected[0].roles]
    assert [(nodes[i]["x"], nodes[i]["y"]) for i in main] == [(280 * k, 0) for k in range(len(main))]
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])
    others = {i for r in expected[1:] for i in (x.id for x in r.roles)} - set(main)
    assert others and all(nodes[i]["y"] != 0 for i in others)  # alternatives in their own lanes
    assert [r["color"] for r in data["routes"]] == list(ROUTE_COLOURS[:3])
    assert {e["routeIndex"] for e in data["edges"] if e.get("route")} == {0, 1, 2}
    for route, plan in zip(expected, data["routes"], strict=True):
        assert [r["id"] for r in plan["roles"]] == [r.id for r in route.roles]
        for step, shown in zip(route.steps, plan["steps"], strict=True):
            assert [s["id"] for s in shown["required"]] == [s.id for s in step.skills_to_add]
            assert not {s["id"] for s in shown["preferred"]} & {s.id for s in step.skills_to_add}
            assert shown["quotes"] and all(q[0].endswith((".md", ".txt", ".html")) for q in shown["quotes"])


def test_bad_k_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="--k must be 1 or more"):
        select_route(tiny_store(), "engineer", "cto", k=0)


def test_overview_groups_roles_and_labels_the_busiest(tmp_path: Path) -> None:
    from benchmarks.viz_bench import synthetic_store

    store = synthetic_store(tmp_path / "mid.sqlite", 400)
    out = tmp_path / "mid.html"
    write_viz(store, select_all(store), out)
    data = _payload(out.read_text(encoding="utf-8"))
    assert data["view"]["mode"] == "overview" and 0 < len(data["view"]["top"]) <= 40
    roles = {n["id"]: n for n in data["nodes"] if n["type"] == "Role"}
    assert set(data["view"]["top"]) <= set(roles)
    # roles linked by a move are drawn near each other: far nearer than two roles picked at random
    def dist(a: str, b: str) -> float:
        return float(((roles[a]["x"] - roles[b]["x"]) ** 2 + (roles[a]["y"] - roles[b]["y"]) ** 2) ** 0.5)

    moves = [(e["from"], e["to"]) for e in data["edges"] if e["rel"] == "PROGRESSES_TO"]
    ids = sorted(roles)
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    assert sum(dist(*m) for m in moves) / len(moves) < 0.25 * sum(dist(*p) for p in pairs) / len(pairs)


def test_big_overview_opens_on_roles_and_carries_the_rest_in_a_second_block(tmp_path: Path) -> None:
    from benchmarks.viz_bench import synthetic_store
    from kg.queries.viz.page import SPLIT_ABOVE

    store = synthetic_store(tmp_path / "big.sqlite", SPLIT_ABOVE + 500)
    out = tmp_path / "big.html"
    result = write_viz(store, select_all(store), out)
    html = out.read_text(encoding="utf-8")
    first = _payload(html)
    match = MORE.search(html)
    assert match, "a big overview keeps the non-role nodes in the kg-more block"
    more = json.loads(match.group(1))
    assert {n["type"] for n in first["nodes"]} == {"Role"}
    assert all(e["rel"] == "PROGRESSES_TO" for e in first["edges"])
    assert len(first["nodes"]) + len(more["nodes"]) == result.nodes
    assert len(first["edges"]) + len(more["edges"]) == result.edges
    every = first["nodes"] + more["nodes"]
    assert len({(n["x"], n["y"]) for n in every}) == len(every)
    assert html.count("</script") == 4 and REMOTE.findall(html) == []


def test_page_warns_above_what_a_browser_can_draw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.queries.viz.data as data

    monkeypatch.setattr(data, "BROWSER_LIMIT", 5)  # the real limit is 50,000 nodes; the rule is the same
    out = tmp_path / "g.html"
    write_viz(tiny_store(), select_all(tiny_store()), out)
    html = unescape(out.read_text(encoding="utf-8"))
    assert '<p id="kg-warning" role="alert">This graph has 6 nodes' in html
    assert "kg viz --focus ROLE or kg viz --skill SKILL" in html
