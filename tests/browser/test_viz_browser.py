"""`kg viz` pages in a real headless Chromium with the network unreachable.

Checks that vis-network draws every node and edge, that search focuses a node,
that the type filter hides nodes, that tooltips show evidence as text, and that
hostile names never run. Locally the tests skip without Chromium; under CI
(``$CI`` set) a missing Chromium is a failure.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from kg.graph.store import SQLiteStore
from kg.queries.viz.select import select_all, select_route, write_viz
from tests.browser.cdp import Chromium
from tests.browser.conftest import open_page, since
from tests.data import REPO
from tests.viz_stores import IMG_SKILL, SCRIPT_ROLE, hostile_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACT = REPO / "artifacts" / "viz.png"


@pytest.fixture
def hostile_page(tmp_path: Path) -> Path:
    store = hostile_store()
    out = tmp_path / "hostile.html"
    write_viz(store, select_all(store), out)
    return out


def test_draws_every_node_and_edge_offline_without_errors(browser: Chromium, hostile_page: Path) -> None:
    open_page(browser, hostile_page)
    assert browser.evaluate("kgViz.nodes.length") == 3  # the overview opens on the roles
    browser.evaluate("kgViz.setTypeVisible('Skill', true)")
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
    open_page(browser, hostile_page)
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
    open_page(browser, hostile_page)
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


def test_type_filter_shows_and_hides_nodes(browser: Chromium, hostile_page: Path) -> None:
    open_page(browser, hostile_page)
    shown = "kgViz.nodes.get({filter: n => !n.hidden}).map(n => n.id).sort()"
    assert browser.evaluate(shown) == ["analyst", "engineer", "hostile-lead"]
    browser.evaluate("document.querySelector('input.kg-type-filter[data-type=Skill]').click()")
    assert browser.evaluate(shown) == ["analyst", "engineer", "hostile-lead", "hostile-skill", "python"]
    browser.evaluate("document.querySelector('input.kg-type-filter[data-type=Skill]').click()")
    assert browser.evaluate(shown) == ["analyst", "engineer", "hostile-lead"]


def test_large_page_draws_with_fixed_layout(browser: Chromium, tmp_path: Path) -> None:
    from benchmarks.viz_bench import synthetic_store

    store = synthetic_store(tmp_path / "big.sqlite", 2_000)
    out = tmp_path / "big.html"
    write_viz(store, select_all(store), out)
    start = open_page(browser, out)
    assert browser.evaluate("[kgViz.network.body.data.nodes.length, kgViz.network.body.data.edges.length,"
                            " kgViz.network.physics.physicsEnabled]") == [400, 400, False]  # roles and moves
    assert browser.evaluate("kgViz.setTypeVisible('Skill', true)") == 1200
    assert since(browser, start).errors() == []


def test_route_screenshot_artifact(browser: Chromium, corpus_store_path: Path, tmp_path: Path) -> None:
    with SQLiteStore(corpus_store_path, create=False) as store:
        out = tmp_path / "route.html"
        write_viz(store, select_route(store, "ml-engineer", "cto"), out)
    open_page(browser, out)
    assert browser.evaluate("kgViz.edges.get({filter: e => e.route}).length") >= 2
    assert browser.errors() == []
    shot = browser.screenshot(tmp_path / "viz.png")
    assert shot.stat().st_size > 10_000
    ARTIFACT.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, ARTIFACT)


def test_content_security_policy_blocks_injected_handlers(browser: Chromium, hostile_page: Path) -> None:
    """Defence in depth: even markup that escaped the escaping could not run an inline handler."""
    start = open_page(browser, hostile_page)
    browser.evaluate("const i = document.createElement('img'); i.setAttribute('src', 'data:,');"
                     " i.setAttribute('onerror', 'window.__kg_pwned = 1'); document.body.appendChild(i); 1")
    time.sleep(0.3)
    assert browser.evaluate("window.__kg_pwned === undefined")
    assert any("Content Security Policy" in e for e in since(browser, start).errors())
