"""The document tree: headings, items, table rows, text and code lines, each with its span.

Every reader renders its format into one plain text, one block per line, and records a
:class:`Node` per line: what kind of block it is, its heading level or list depth, the
container it belongs to (one list, one table, one code block, one run of lines), the spans
of its table cells, and whether it sits in navigation. Extraction reads the nodes for
structure (ladders live in tables, heading runs and lists) and the text for evidence, so
every quote is an exact substring of the rendered text.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import.
from collections.abc import Callable
from itertools import count
from typing import NamedTuple

__all__ = ["Node", "TreeWriter", "KINDS", "holds_c0_controls"]

#: node kinds: ``heading`` (level 1-6, 0 when guessed), ``item`` (level = list depth),
#: ``row`` (of a table; ``cells`` holds each cell's span), ``text``, ``code`` (a code or diagram line)
KINDS = ("heading", "item", "row", "text", "code")


# control characters (but tab and newline) never reach the text: they hide text on terminals and break XML
_CONTROLS = {c: None for c in (*range(0, 9), 11, 12, *range(14, 32), 127)}
_CONTROL_BYTES = bytes(_CONTROLS)  # the same, as UTF-8 bytes (each is one byte): a C scan finds them


def holds_c0_controls(data: bytes) -> bool:
    """Whether UTF-8 ``data`` holds a control character other than tab, line feed and carriage return."""
    return len(data.translate(None, _CONTROL_BYTES)) != len(data)


def _without_controls(text: str) -> str:
    return text.translate(_CONTROLS) if holds_c0_controls(text.encode("utf-8", "surrogatepass")) else text


def _one_line(text: str) -> str:
    """``text`` without control characters, its runs of white space one space, none at either end."""
    if text.isprintable():  # no control characters and no white space but plain spaces: mostly nothing to do
        if "  " in text or text[:1] == " " or text[-1:] == " ":
            return " ".join(text.split())
        return text
    return " ".join(_without_controls(text).split())


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


_new_node = tuple.__new__  # a Node built as a plain tuple: skips the named tuple's Python-level __new__


class TreeWriter:
    """Accumulate rendered lines and their nodes; every reader writes through one of these."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self.nodes: list[Node] = []
        #: return a fresh container id (a list, a table, a code block, a run of lines): 1, 2, 3 ...
        #: (a C call: readers ask for one per block)
        self.new_group: Callable[[], int] = count(1).__next__

    def add(self, kind: str, text: str, *, level: int = 0, group: int = 0, nav: bool = False,
            lang: str = "") -> None:
        """Append one block (its text is flattened to one line; empty text is dropped)."""
        line = _one_line(text) if kind != "code" else _without_controls(text).rstrip().replace("\n", " ")
        if not line:
            return
        if kind == "item":
            self._parts.append("- ")  # the bullet stays in the text, outside the item's span
            self._size += 2
        start = self._size
        self._write(line)
        self.nodes.append(_new_node(Node, (kind, line, start, start + len(line), level, group, (), False, nav, lang)))

    def add_row(self, cells: list[str], *, group: int, header: bool = False, nav: bool = False) -> None:
        """Append a table row as ``| a | b |``, keeping each cell's span (empty cells included)."""
        flat = [_one_line(c) for c in cells]
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
        self.nodes.append(_new_node(Node, ("row", line, start, start + len(line), 0, group, tuple(spans), header, nav,
                                           "")))

    def text(self) -> str:
        """Return the rendered text so far."""
        return "".join(self._parts)

    def _write(self, line: str) -> None:
        self._parts.append(line)
        self._parts.append("\n")
        self._size += len(line) + 1

