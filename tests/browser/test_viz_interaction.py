"""Using `kg viz` pages as a reader would, in a real headless Chromium: clicks, the route panel, focus, keys.

Every test ends with no console error. Screenshots of the route view (bundled
corpus) and of the overview (seeds + corpus) land in ``artifacts/``.
"""

from __future__ import annotations

import base64
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.graph.store import SQLiteStore
from kg.queries.path import find_routes
from kg.queries.viz.select import select_all, select_focus, select_route, select_skill, write_viz
from tests.browser.cdp import Chromium
from tests.browser.conftest import click, detail, empty_point, key, node_point, open_page, since
from tests.data import NO_SHARED_REASON, REPO, SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = REPO / "artifacts"
MAIN = ["ml-engineer", "senior-ml-engineer", "staff-ml-engineer", "principal-ml-engineer", "cto"]


@pytest.fixture(scope="module")
def pages(corpus_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four kinds of view, written once from the bundled corpus."""
    folder = tmp_path_factory.mktemp("pages")
    out: dict[str, Path] = {}
    with SQLiteStore(corpus_store_path, create=False) as store:
        for name, selection in (("route", select_route(store, "ml-engineer", "cto")),
                                ("route3", select_route(store, "ml-engineer", "cto", k=3)),
                                ("focus", select_focus(store, "staff-ml-engineer", 1)),
                                ("skill", select_skill(store, "python")),
                                ("whole", select_all(store))):
            out[name] = folder / f"{name}.html"
            write_viz(store, selection, out[name])
    return out


@pytest.fixture
def plain(browser: Chromium) -> Iterator[Chromium]:
    """The browser with light colours and motion, as most readers have it; restored afterwards."""
    browser.send("Emulation.setEmulatedMedia", {"features": []}, session=True)
    yield browser
    browser.send("Emulation.setEmulatedMedia", {"features": []}, session=True)


def _visible_edge_point(browser: Chromium) -> tuple[str, float, float]:
    """Return an edge that is drawn, and a page point on it where no node is."""
    found = browser.evaluate(
        "(() => { const n = kgViz.network, r = document.getElementById('mynetwork').getBoundingClientRect();"
        " for (const e of kgViz.edges.get({filter: e => !e.hidden})) {"
        "   const body = n.body.edges[e.id]; if (!body || !body.connected) continue;"
        "   const p = n.canvasToDOM(body.edgeType.getPoint(0.5));"
        "   if (p.x < 5 || p.y < 5 || p.x > r.width - 5 || p.y > r.height - 5) continue;"
        "   if (n.getNodeAt(p) === undefined && n.getEdgeAt(p) === e.id) return [e.id, r.left + p.x, r.top + p.y]; }"
        " return null; })()"
    )
    assert found, "no drawn edge with a clear midpoint"
    return str(found[0]), float(found[1]), float(found[2])


@pytest.mark.parametrize("view", ["route", "focus", "skill", "whole"])
def test_click_node_then_node_then_edge_then_empty_space(plain: Chromium, pages: dict[str, Path], view: str) -> None:
    browser = plain
    start = open_page(browser, pages[view])
    shown = browser.evaluate("kgViz.nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    a, b = shown[0], shown[-1]
    names = browser.evaluate(f"[kgViz.all[{a!r}].tip.name, kgViz.all[{b!r}].tip.name]")
    click(browser, *node_point(browser, a))
    assert browser.evaluate("kgViz.network.getSelectedNodes()") == [a]
    assert detail(browser).startswith(names[0])
    click(browser, *node_point(browser, b))
    assert browser.evaluate("kgViz.network.getSelectedNodes()") == [b]
    assert detail(browser).startswith(names[1])
    edge, x, y = _visible_edge_point(browser)
    click(browser, x, y)
    assert browser.evaluate("kgViz.network.getSelectedEdges()") == [edge]
    tip = browser.evaluate(f"kgViz.all[kgViz.edges.get({edge!r}).from].tip.name")
    assert detail(browser).startswith(tip + " → ")
    click(browser, *empty_point(browser))
    assert browser.evaluate("kgViz.network.getSelectedNodes().length + kgViz.network.getSelectedEdges().length") == 0
    assert detail(browser) == "Click a node or a relationship to see its evidence."
    click(browser, *node_point(browser, a))  # and the canvas still answers after all that
    assert browser.evaluate("kgViz.network.getSelectedNodes()") == [a]
    assert since(browser, start).errors() == []


def test_route_roles_run_left_to_right_and_labels_do_not_overlap(plain: Chromium, pages: dict[str, Path]) -> None:
    browser = plain
    start = open_page(browser, pages["route3"])
    spots = browser.evaluate(f"(() => {{ const p = kgViz.network.getPositions({MAIN!r});"
                             f" return {MAIN!r}.map(id => [p[id].x, p[id].y]); }})()")
    xs = [x for x, _ in spots]
    assert xs == sorted(xs) and len(set(xs)) == len(xs) and {y for _, y in spots} == {0}
    boxes = browser.evaluate(
        "kgViz.nodes.get({filter: n => !n.hidden}).map(n => { const b = kgViz.network.getBoundingBox(n.id);"
        " return [n.id, b.left, b.top, b.right, b.bottom]; })"
    )
    assert len(boxes) >= 15
    overlaps = [(p[0], q[0]) for i, p in enumerate(boxes) for q in boxes[i + 1:]
                if p[1] < q[3] and q[1] < p[3] and p[2] < q[4] and q[2] < p[4]]
    assert overlaps == []
    font_px = browser.evaluate("16 * kgViz.network.getScale()")
    assert font_px >= 9, f"route labels are {font_px:.1f} px at the initial fit"
    assert browser.evaluate("kgViz.edges.get({filter: e => e.route}).map(e => e.routeIndex).sort().join()") \
        .startswith("0,0,0,0,1")
    assert since(browser, start).errors() == []


def test_route_step_shows_its_skills_and_quotes(plain: Chromium, pages: dict[str, Path],
                                                corpus_store: SQLiteStore) -> None:
    browser = plain
    start = open_page(browser, pages["route"])
    step = find_routes(corpus_store, "ml-engineer", "cto")[0].steps[1]
    x, y = browser.evaluate("(() => { const b = document.querySelectorAll('.kg-step')[1].getBoundingClientRect();"
                            " return [b.left + 10, b.top + b.height / 2]; })()")
    click(browser, x, y)
    assert browser.evaluate("document.querySelectorAll('.kg-step')[1].getAttribute('aria-current')") == "step"
    body = browser.evaluate("document.querySelectorAll('.kg-step-body')[1].textContent")
    assert all(s.name in body for s in step.skills_to_add)
    assert step.evidence[0].quote in body and step.evidence[0].document in body
    selected = browser.evaluate("kgViz.network.getSelectedEdges().map(id => [kgViz.edges.get(id).from,"
                                " kgViz.edges.get(id).to])")
    assert selected == [["senior-ml-engineer", "staff-ml-engineer"]]
    assert detail(browser).startswith("Senior ML Engineer → Staff ML Engineer")
    skill = step.skills_to_add[0]
    browser.evaluate(f"document.querySelectorAll('.kg-step-body')[1].querySelector('[data-skill=\"{skill.id}\"]')"
                     ".click()")
    assert browser.evaluate(f"kgViz.nodes.get({skill.id!r}).hidden") is False  # the chip shows the skill
    assert browser.evaluate("kgViz.network.getSelectedNodes()") == [skill.id]
    assert detail(browser).startswith(skill.name)
    text = browser.evaluate("kgViz.routeText()")
    assert text.startswith("Machine Learning Engineer → Senior ML Engineer") and skill.name in text
    assert since(browser, start).errors() == []


def test_focus_fades_the_rest_lists_relationships_and_keys_move(plain: Chromium, pages: dict[str, Path]) -> None:
    browser = plain
    start = open_page(browser, pages["route"])
    click(browser, *node_point(browser, "staff-ml-engineer"))
    assert browser.evaluate("[kgViz.faded('principal-ml-engineer'), kgViz.faded('cto')]") == [False, True]
    shade = ("(() => { const n = kgViz.network, p = n.canvasToDOM(n.getPositions([ID])[ID]);"
             " const c = document.querySelector('#mynetwork canvas'), r = window.devicePixelRatio;"
             " return Array.from(c.getContext('2d').getImageData(p.x * r, p.y * r, 1, 1).data.slice(0, 3)); })()")
    kept, faded = (browser.evaluate(shade.replace("ID", repr(i))) for i in ("staff-ml-engineer", "cto"))
    assert sum(kept) < 400 < sum(faded)  # on screen: the selected route box stays red, the goal fades to pale
    text = detail(browser)
    assert "Moves to" in text and "Comes from" in text and "Requires (required)" in text
    browser.evaluate("document.querySelector('#kg-detail .kg-rel').focus()")
    first = browser.evaluate("document.activeElement.textContent")
    key(browser, "ArrowDown", 40)
    second = browser.evaluate("document.activeElement.textContent")
    assert second != first and browser.evaluate("document.activeElement.classList.contains('kg-rel')")
    browser.evaluate("document.activeElement.click()")
    assert browser.evaluate("kgViz.network.getSelectedNodes()") == [browser.evaluate(
        f"Object.values(kgViz.all).find(n => n.tip.name === {second!r}).id")]
    key(browser, "Escape", 27)
    assert browser.evaluate("kgViz.network.getSelectedNodes()") == []
    assert browser.evaluate("kgViz.faded('cto')") is False
    assert since(browser, start).errors() == []


def test_overview_grows_by_double_click_and_filters(plain: Chromium, pages: dict[str, Path]) -> None:
    browser = plain
    start = open_page(browser, pages["whole"])
    assert browser.evaluate("kgViz.nodes.get().every(n => n.type === 'Role')")
    assert browser.evaluate("kgViz.topLabels.length") > 5
    before = browser.evaluate("kgViz.nodes.length")
    click(browser, *node_point(browser, "staff-ml-engineer"), count=1)
    x, y = node_point(browser, "staff-ml-engineer")
    for count in (1, 2):  # a double click: two taps in quick succession
        for kind in ("mousePressed", "mouseReleased"):
            browser.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                      "clickCount": count}, session=True)
    browser.wait_for(f"kgViz.nodes.length > {before}", timeout=5)
    assert browser.evaluate("kgViz.nodes.get({filter: n => n.type === 'Skill' && !n.hidden}).length") > 3
    moves = "kgViz.edges.get({filter: e => !e.hidden && e.rel === 'PROGRESSES_TO'}).length"
    assert browser.evaluate(moves) > 0
    browser.evaluate("document.querySelector('input.kg-rel-filter[data-rel=PROGRESSES_TO]').click()")
    assert browser.evaluate(moves) == 0
    browser.evaluate("document.querySelector('input.kg-rel-filter[data-rel=PROGRESSES_TO]').click()")
    shown = "kgViz.edges.get({filter: e => !e.hidden}).length"
    every = browser.evaluate(shown)
    browser.evaluate("const s = document.getElementById('kg-min-support'); s.value = 3;"
                     " s.dispatchEvent(new Event('input'))")
    assert 0 < browser.evaluate(shown) < every
    assert browser.evaluate("kgViz.edges.get({filter: e => !e.hidden}).every(e => e.support >= 3)")
    assert since(browser, start).errors() == []


def test_search_prefers_route_roles_and_says_how_many_it_lists(plain: Chromium, pages: dict[str, Path]) -> None:
    browser = plain
    open_page(browser, pages["route"])
    hits = browser.evaluate("kgViz.find('engineer')")
    assert set(hits[:4]) == set(MAIN) - {"cto"}  # the route's engineers first, then other roles, then the rest
    kinds = browser.evaluate(f"{hits!r}.map(id => kgViz.all[id].type)")
    assert kinds == sorted(kinds, key=lambda t: t != "Role")
    browser.evaluate("document.getElementById('kg-search').value = 'engineer';"
                     " document.getElementById('kg-search-form').requestSubmit()")
    assert browser.evaluate("document.querySelectorAll('#kg-matches button').length") == 8
    assert browser.evaluate("document.getElementById('kg-match-note').textContent") == \
        f"8 of {len(hits)} matches shown; type more to narrow"


def test_dark_mode_reduced_motion_and_png(browser: Chromium, pages: dict[str, Path]) -> None:
    browser.send("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"},
                                                             {"name": "prefers-reduced-motion", "value": "reduce"}]},
                 session=True)
    try:
        start = open_page(browser, pages["route"])
        assert browser.evaluate("[kgViz.dark, kgViz.still]") == [True, True]
        assert browser.evaluate("getComputedStyle(document.getElementById('mynetwork')).backgroundColor") == \
            "rgb(27, 29, 33)"
        assert browser.evaluate("kgViz.network.body.nodes['cto'].options.font.color") == "#ffffff"
        png = browser.evaluate("kgViz.exportPng()")
        assert png.startswith("data:image/png;base64,")
        assert base64.b64decode(png.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
        ARTIFACTS.mkdir(exist_ok=True)
        browser.screenshot(ARTIFACTS / "viz-route-dark.png")
        assert since(browser, start).errors() == []
    finally:
        browser.send("Emulation.setEmulatedMedia", {"features": []}, session=True)


def test_screenshots_of_the_route_and_of_the_overview(plain: Chromium, pages: dict[str, Path],
                                                      tmp_path: Path) -> None:
    """Pictures to look at: the route on the corpus, the overview of seeds + corpus (when ../shared is here)."""
    browser = plain
    ARTIFACTS.mkdir(exist_ok=True)
    start = open_page(browser, pages["route"])
    shot = browser.screenshot(ARTIFACTS / "viz-route.png")
    assert shot.stat().st_size > 20_000
    assert since(browser, start).errors() == []
    if not SEEDS.is_dir():
        pytest.skip(NO_SHARED_REASON)
    from kg.graph.ingest.build import build, bundled_corpus_paths

    with SQLiteStore(tmp_path / "seeds.sqlite") as store:
        build(store, [*bundled_corpus_paths(), SEEDS], workers=1)
        write_viz(store, select_all(store), tmp_path / "overview.html")
    start = open_page(browser, tmp_path / "overview.html")
    time.sleep(0.2)
    assert browser.evaluate("kgViz.topLabels.length") >= 20
    shot = browser.screenshot(tmp_path / "overview.png")
    shutil.copyfile(shot, ARTIFACTS / "viz-overview.png")
    assert since(browser, start).errors() == []


def test_big_overview_reads_the_rest_on_first_use(plain: Chromium, tmp_path: Path) -> None:
    from benchmarks.viz_bench import synthetic_store
    from kg.queries.viz.page import SPLIT_ABOVE

    browser = plain
    store = synthetic_store(tmp_path / "big.sqlite", SPLIT_ABOVE + 500)
    write_viz(store, select_all(store), tmp_path / "big.html")
    start = open_page(browser, tmp_path / "big.html")
    roles = browser.evaluate("Object.keys(kgViz.all).length")
    assert roles == browser.evaluate("kgViz.nodes.length") and roles < SPLIT_ABOVE
    assert browser.evaluate("document.querySelectorAll('#mynetwork [tabindex]:not([tabindex=\"-1\"])').length") == 0
    click(browser, *node_point(browser, "role-10"))
    assert browser.evaluate("Object.keys(kgViz.all).length") == SPLIT_ABOVE + 500  # the rest is read
    assert "Requires (required) (4)" in detail(browser)
    assert browser.evaluate("kgViz.find('skill 61')")[:1] == ["skill-61"]
    assert browser.evaluate("kgViz.expand('role-10')") == 11  # 2 moves, 6 skills, cert, degree, salary
    assert browser.evaluate("kgViz.nodes.get('skill-60').hidden") is False
    assert since(browser, start).errors() == []
