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
from kg.queries.viz.data import PHYSICS_LIMIT
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


def _payload(html: str) -> dict[str, Any]:
    match = DATA.search(html)
    assert match, "the page lost its data block"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


@pytest.mark.parametrize("module", ["kg.queries.viz.select", "kg.queries.viz.data", "kg.queries.viz.page"])
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_whole_graph_page_is_self_contained_and_complete(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "graph.html"
    result = write_viz(tiny_store(), select_all(tiny_store()), out)
    html = out.read_text(encoding="utf-8")
    assert (result.nodes, result.edges, result.physics) == (6, 7, True)
    assert result.bytes == out.stat().st_size
    assert REMOTE.findall(html) == []
    assert "<link rel=\"stylesheet\"" not in html and "<script src" not in html
    assert "bootstrap" not in html and "tom-select" not in html
    assert "vis-network" in html  # the library is inlined
    assert "default-src 'none'" in unescape(html)  # the page may fetch nothing even if something slipped through
    data = _payload(html)
    assert sorted(n["id"] for n in data["nodes"]) == ["budgeting", "cto", "engineer", "hiring", "manager", "python"]
    assert len(data["edges"]) == 7
    assert {n["type"]: (n["shape"], n["color"]["background"]) for n in data["nodes"]}["Skill"] == (
        "diamond", "#f28e2b")


def test_tooltips_carry_name_aliases_and_quotes_with_documents(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    write_viz(hostile_store(), select_all(hostile_store()), out)
    nodes = {n["id"]: n for n in _payload(out.read_text(encoding="utf-8"))["nodes"]}
    tip = nodes["hostile-lead"]["tip"]
    assert tip["name"] == SCRIPT_ROLE and tip["aliases"] == [SVG_ALIAS]
    assert [HOSTILE_DOC, SCRIPT_ROLE] in tip["quotes"]
    assert nodes["hostile-skill"]["tip"]["aliases"] == ["XSS skill"]
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
    route = sorted((e["from"], e["to"]) for e in data["edges"] if e["route"])
    assert route == [("engineer", "manager"), ("manager", "cto")]
    widest = max(e["value"] for e in data["edges"])
    assert all(e["value"] == widest and e["color"]["color"] == "#e15759" for e in data["edges"] if e["route"])
    assert {n["id"] for n in data["nodes"] if n["borderWidth"] == 4} == {"engineer", "manager", "cto"}
    assert "the route" in out.read_text(encoding="utf-8")


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
