"""The document tree: headings, items, table rows, text and code lines, each with its span.

Every reader renders its format into one plain text, one block per line, and records a
:class:`Node` per line: what kind of block it is, its heading level or list depth, the
container it belongs to (one list, one table, one code block, one run of lines), the spans
of its table cells, and whether it sits in navigation. Extraction reads the nodes for
structure (ladders live in tables, heading runs and lists) and the text for evidence, so
every quote is an exact substring of the rendered text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Node", "TreeWriter", "KINDS"]

#: node kinds: ``heading`` (level 1-6, 0 when guessed), ``item`` (level = list depth),
#: ``row`` (of a table; ``cells`` holds each cell's span), ``text``, ``code`` (a code or diagram line)
KINDS = ("heading", "item", "row", "text", "code")


# control characters (but tab and newline) never reach the text: they hide text on terminals and break XML
_CONTROLS = {c: None for c in (*range(0, 9), 11, 12, *range(14, 32), 127)}
_HAS_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # a C scan: most text has none to drop


def _without_controls(text: str) -> str:
    return text.translate(_CONTROLS) if _HAS_CONTROLS.search(text) else text


class Node(NamedTuple):
    """One block of the rendered text."""

    kind: str
    text: str
    start: int
    end: int
    level: int = 0
    group: int = 0
    cells: tuple[tuple[int, int], ...] = ()
    header: bool = False
    nav: bool = False
    lang: str = ""


class TreeWriter:
    """Accumulate rendered lines and their nodes; every reader writes through one of these."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self.nodes: list[Node] = []
        self._groups = 0

    def new_group(self) -> int:
        """Return a fresh container id (a list, a table, a code block, a run of lines)."""
        self._groups += 1
        return self._groups

    def add(self, kind: str, text: str, *, level: int = 0, group: int = 0, nav: bool = False,
            lang: str = "") -> None:
        """Append one block (its text is flattened to one line; empty text is dropped)."""
        text = _without_controls(text)
        line = " ".join(text.split()) if kind != "code" else text.rstrip().replace("\n", " ")
        if not line.strip():
            return
        if kind == "item":
            self._parts.append("- ")  # the bullet stays in the text, outside the item's span
            self._size += 2
        start = self._size
        self._write(line)
        self.nodes.append(Node(kind, line, start, start + len(line), level, group, (), False, nav, lang))

    def add_row(self, cells: list[str], *, group: int, header: bool = False, nav: bool = False) -> None:
        """Append a table row as ``| a | b |``, keeping each cell's span (empty cells included)."""
        flat = [" ".join(_without_controls(c).split()) for c in cells]
        if not any(flat):
            return
        start = self._size
        pos = start
        spans: list[tuple[int, int]] = []
        pieces: list[str] = []
        for cell in flat:
            pieces.append("| ")
            pos += 2
            spans.append((pos, pos + len(cell)))
            pieces.append(cell)
            pos += len(cell)
            pieces.append(" ")
            pos += 1
        pieces.append("|")
        line = "".join(pieces)
        self._write(line)
        self.nodes.append(Node("row", line, start, start + len(line), 0, group, tuple(spans), header, nav, ""))

    def text(self) -> str:
        """Return the rendered text so far."""
        return "".join(self._parts)

    def _write(self, line: str) -> None:
        self._parts.append(line)
        self._parts.append("\n")
        self._size += len(line) + 1

