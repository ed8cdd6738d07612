"""A headless Chromium shared by the browser tests, and helpers to open, click and read `kg viz` pages."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.cdp import Chromium, find_chromium

READY = "window.kgViz && window.kgViz.ready"


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    """One browser per test module; locally skipped without Chromium, a failure under CI."""
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: CI must install it (apt-get install -y chromium)")
        pytest.skip("Chromium not found (apt-get install chromium); under CI this is a failure")
    with Chromium(binary) as chromium:
        yield chromium


def open_page(browser: Chromium, page: Path, timeout: float = 60) -> int:
    """Load a page, wait until the network is drawn, and return where its events start."""
    start = len(browser.events)
    browser.goto(page.resolve().as_uri())
    browser.wait_for(READY, timeout=timeout)
    return start


def since(browser: Chromium, start: int) -> Chromium:
    """Forget the events before ``start`` (so ``errors()`` reports only the page under test)."""
    browser.events[:start] = []
    return browser


def node_point(browser: Chromium, node_id: str) -> tuple[float, float]:
    """Return the page coordinates of a node's centre."""
    x, y = browser.evaluate(
        f"(() => {{ const id = {node_id!r}; const p = kgViz.network.canvasToDOM(kgViz.network.getPositions([id])[id]);"
        " const r = document.getElementById('mynetwork').getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; })()"
    )
    return float(x), float(y)


def empty_point(browser: Chromium) -> tuple[float, float]:
    """Return page coordinates on the canvas where there is neither a node nor an edge."""
    x, y = browser.evaluate(
        "(() => { const n = kgViz.network, r = document.getElementById('mynetwork').getBoundingClientRect();"
        " for (let y = 20; y < r.height; y += 23) for (let x = 20; x < r.width; x += 23) {"
        "   const p = {x: x, y: y}; if (n.getNodeAt(p) === undefined && n.getEdgeAt(p) === undefined)"
        "     return [r.left + x, r.top + y]; } return null; })()"
    )
    return float(x), float(y)


def click(browser: Chromium, x: float, y: float, count: int = 1) -> None:
    """Press and release the left button at page coordinates, then let vis handle the tap."""
    browser.mouse("mouseMoved", x, y)
    for kind in ("mousePressed", "mouseReleased"):
        browser.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                  "clickCount": count}, session=True)
    time.sleep(0.35)  # past vis's double-tap window, so the next click is a new one


def key(browser: Chromium, name: str, code: int) -> None:
    """Press and release one key."""
    for kind in ("keyDown", "keyUp"):
        browser.send("Input.dispatchKeyEvent", {"type": kind, "key": name, "code": name,
                                                "windowsVirtualKeyCode": code}, session=True)


def detail(browser: Chromium) -> str:
    """Return the text of the details panel."""
    text: Any = browser.evaluate("document.getElementById('kg-detail').textContent")
    return str(text)
