"""`kg viz` pages in a real headless Chromium with the network unreachable.

Checks that vis-network draws every node and edge, that search focuses a node,
that the type filter hides nodes, that tooltips show evidence as text, and that
hostile names never run. Locally the tests skip without Chromium; under CI
(``$CI`` set) a missing Chromium is a failure.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.graph.store import SQLiteStore
from kg.queries.viz.select import select_all, select_route, write_viz
from tests.browser.cdp import Chromium, find_chromium
from tests.data import REPO
from tests.viz_stores import IMG_SKILL, SCRIPT_ROLE, hostile_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READY = "window.kgViz && window.kgViz.ready"
ARTIFACT = REPO / "artifacts" / "viz.png"


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: CI must install it (apt-get install -y chromium)")
        pytest.skip("Chromium not found (apt-get install chromium); under CI this is a failure")
    with Chromium(binary) as chromium:
        yield chromium


@pytest.fixture
def hostile_page(tmp_path: Path) -> Path:
    store = hostile_store()
    out = tmp_path / "hostile.html"
    write_viz(store, select_all(store), out)
    return out


def _open(browser: Chromium, page: Path) -> int:
    """Load a page, wait until the network is drawn, and return where its events start."""
    start = len(browser.events)
    browser.goto(page.resolve().as_uri())
    browser.wait_for(READY, timeout=60)
    return start


def _since(browser: Chromium, start: int) -> Chromium:
    browser.events[:start] = []
    return browser


def test_draws_every_node_and_edge_offline_without_errors(browser: Chromium, hostile_page: Path) -> None:
    _open(browser, hostile_page)
    drawn = browser.evaluate(
        "[kgViz.network.body.data.nodes.length, kgViz.network.body.data.edges.length,"
        " Object.keys(kgViz.network.getPositions()).length, kgViz.network.body.edgeIndices.length,"
        " document.querySelector('#mynetwork canvas').width > 0]"
    )
    assert drawn == [5, 5, 5, 5, True]
    time.sleep(0.3)  # an injected <img onerror> would have fired by now
    assert browser.evaluate("window.__kg_pwned === undefined && document.querySelectorAll('img, svg, iframe')"
                            ".length === 0")
    assert browser.dialogs() == []
    assert browser.errors() == []
    assert all(url.startswith(("file:", "data:")) for url in browser.requests()), browser.requests()


def test_search_box_focuses_and_selects_a_node(browser: Chromium, hostile_page: Path) -> None:
    _open(browser, hostile_page)
    assert browser.evaluate("kgViz.network.getSelectedNodes()") == []
    browser.evaluate("document.getElementById('kg-search').focus()")
    browser.send("Input.insertText", {"text": "xss skill"}, session=True)  # an alias of the hostile skill
    for kind in ("keyDown", "keyUp"):
        browser.send("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                                "windowsVirtualKeyCode": 13, "text": "\r"}, session=True)
    browser.wait_for("kgViz.network.getSelectedNodes().length === 1", timeout=10)
    assert browser.evaluate("kgViz.network.getSelectedNodes()") == ["hostile-skill"]
    detail = browser.evaluate("document.getElementById('kg-detail').textContent")
    assert IMG_SKILL in detail and "Also called: XSS skill" in detail  # shown as text, not markup
    assert browser.evaluate("document.querySelectorAll('#kg-matches button').length") == 1
    assert browser.evaluate("window.__kg_pwned === undefined") and browser.dialogs() == []


def test_hover_tooltip_shows_evidence_as_text(browser: Chromium, hostile_page: Path) -> None:
    _open(browser, hostile_page)
    x, y = browser.evaluate(
        "(() => { const p = kgViz.network.canvasToDOM(kgViz.network.getPositions(['hostile-lead'])['hostile-lead']);"
        " const r = document.getElementById('mynetwork').getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; })()"
    )
    for dx in (-3, 0, 1):
        browser.mouse("mouseMoved", x + dx, y)
        time.sleep(0.15)
    browser.wait_for("(document.querySelector('div.vis-tooltip') || {}).style?.visibility === 'visible'",
                     timeout=10)
    tip = browser.evaluate("document.querySelector('div.vis-tooltip').textContent")
    assert SCRIPT_ROLE in tip and "hostile.html" not in tip and "<iframe src=javascript:alert('doc')>.md" in tip
    assert browser.evaluate("document.querySelector('div.vis-tooltip').querySelectorAll('*').length") > 3
    assert browser.evaluate("document.querySelectorAll('script').length") == 3
    assert browser.evaluate("window.__kg_pwned === undefined") and browser.dialogs() == []


def test_type_filter_hides_and_shows_nodes(browser: Chromium, hostile_page: Path) -> None:
    _open(browser, hostile_page)
    browser.evaluate("document.querySelector('input.kg-type-filter[data-type=Skill]').click()")
    hidden = "kgViz.nodes.get({filter: n => n.hidden === true}).map(n => n.id).sort()"
    assert browser.evaluate(hidden) == ["hostile-skill", "python"]
    browser.evaluate("document.querySelector('input.kg-type-filter[data-type=Skill]').click()")
    assert browser.evaluate(hidden) == []


def test_large_page_draws_with_fixed_layout(browser: Chromium, tmp_path: Path) -> None:
    from benchmarks.viz_bench import synthetic_store

    store = synthetic_store(tmp_path / "big.sqlite", 2_000)
    out = tmp_path / "big.html"
    write_viz(store, select_all(store), out)
    start = _open(browser, out)
    assert browser.evaluate("[kgViz.network.body.data.nodes.length, kgViz.network.body.data.edges.length,"
                            " kgViz.network.physics.physicsEnabled]") == [2000, 4000, False]
    assert _since(browser, start).errors() == []


def test_route_screenshot_artifact(browser: Chromium, corpus_store_path: Path, tmp_path: Path) -> None:
    with SQLiteStore(corpus_store_path, create=False) as store:
        out = tmp_path / "route.html"
        write_viz(store, select_route(store, "ml-engineer", "cto"), out)
    _open(browser, out)
    assert browser.evaluate("kgViz.edges.get({filter: e => e.route}).length") >= 2
    assert browser.errors() == []
    shot = browser.screenshot(tmp_path / "viz.png")
    assert shot.stat().st_size > 10_000
    ARTIFACT.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, ARTIFACT)


def test_content_security_policy_blocks_injected_handlers(browser: Chromium, hostile_page: Path) -> None:
    """Defence in depth: even markup that escaped the escaping could not run an inline handler."""
    start = _open(browser, hostile_page)
    browser.evaluate("const i = document.createElement('img'); i.setAttribute('src', 'data:,');"
                     " i.setAttribute('onerror', 'window.__kg_pwned = 1'); document.body.appendChild(i); 1")
    time.sleep(0.3)
    assert browser.evaluate("window.__kg_pwned === undefined")
    assert any("Content Security Policy" in e for e in _since(browser, start).errors())
