"""Render HTML into the document tree: headings, list items, table rows, text and code lines.

Built on libxml2's tolerant HTML parser (lxml, in C) driven as a target: our callbacks see start
tags, end tags and text in order and keep an explicit element stack, so deep or broken markup
never recurses and no whole tree is held. Scripts, styles and other invisible
parts are dropped; navigation (``<nav>``, ``<aside>``, ``<footer>`` and containers whose id or
class names a menu, table of contents or sidebar) is kept but flagged ``nav``, because a site
menu that lists a track's levels in order is a ladder, while a menu's other links are not prose.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.loaders.html_nav import NAV_TAGS, NEVER_NAV, names_nav, role_nav
from kg.loaders.tree import TreeWriter

__all__ = ["render_html"]

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "math"})
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "embed", "source",
                   "track", "wbr", "param"})
_BLOCK = frozenset({"p", "div", "section", "article", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
                    "ul", "ol", "li", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "br", "hr", "main",
                    "aside", "nav", "dl", "dt", "dd", "blockquote", "pre", "title", "figure", "figcaption",
                    "details", "summary", "caption", "form", "fieldset", "address", "center"})
_LANG = re.compile(r"(?:language|lang)-([\w+-]+)")
_MAX_DEPTH = 2000
_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_DATA_URI = re.compile(r"(=\s*[\"']?)data:[^\"'\s>]{64,}", re.I)
_PSEUDO_HEADING = 7  # a bold-only paragraph: a heading below every real one
_PSEUDO_HEADING_WORDS = 10
# what a tag does, looked up once per start or end tag; a tag not listed is inline (it passes on its context)
_BOLD, _CODE, _SKIPPED, _BREAK, _EMPTY, _BLOCK_TAG, _PRE, _CELL, _ROW, _THEAD, _TABLE = range(1, 12)
_FIRST_BLOCK = _BLOCK_TAG  # roles from here on open a block (a new group)
_ROLES: dict[str, int] = {
    **{t: _BLOCK_TAG for t in _BLOCK}, **{t: _EMPTY for t in _VOID}, "br": _BREAK, "hr": _BREAK,
    **{t: _SKIPPED for t in _SKIP}, "strong": _BOLD, "b": _BOLD, "code": _CODE,
    "pre": _PRE, "td": _CELL, "th": _CELL, "tr": _ROW, "thead": _THEAD, "table": _TABLE,
}


def render_html(html: str, writer: TreeWriter | None = None, *, scripts: bool = True) -> TreeWriter:
    """Render ``html`` into ``writer`` (a new one by default) and return it.

    A caller that knows the markup holds no script, style, noscript, template or svg element
    (``scripts=False``) spares the pass that cuts them out.
    """
    writer = writer or TreeWriter()
    opened = html.rfind("<!--")
    if opened > html.rfind("-->"):
        html = html[:opened]  # an unclosed comment runs to the end, as in browsers
    if scripts:
        html = _INVISIBLE.sub(" ", html)  # the tokenizer is slow on long scripts and inline data
    html = _DATA_URI.sub(r"\1data:", html)
    from lxml import etree

    target = _TreeParser(writer)
    parser = etree.HTMLParser(target=target, recover=True, huge_tree=True, no_network=True,
                              remove_comments=True, remove_pis=True)
    try:
        parser.feed(html)
        parser.close()
    except etree.LxmlError as exc:  # recover=True makes this rare: say what broke, never crash
        raise ValueError(f"unreadable HTML: {exc}") from exc
    target.flush()
    return writer


class _Element:
    """An open element with the context it inherits (so emitting a block never walks the stack)."""

    __slots__ = ("tag", "nav", "group", "emitted", "content", "heading", "item", "lst", "depth", "container")
    content: bool
    heading: _Element | None
    item: _Element | None
    lst: _Element | None
    depth: int
    container: _Element | None  # what a loose <li> (no list around it) belongs to: the element it sits in

    def __init__(self) -> None:  # the root; every other element comes from _inline or _opened
        self.tag = "#root"
        self.nav = self.emitted = self.content = False
        self.group = self.depth = 0
        self.heading = self.item = self.lst = self.container = None


# the tags that start a context of their own: a heading, a list item, a list
_OPENS_HEADING, _OPENS_ITEM, _OPENS_LIST = 1, 2, 3
_OPENS = {**{t: _OPENS_HEADING for t in ("h1", "h2", "h3", "h4", "h5", "h6")}, "li": _OPENS_ITEM,
          "dt": _OPENS_ITEM, "ul": _OPENS_LIST, "ol": _OPENS_LIST}


def _inline(tag: str, nav: bool, parent: _Element) -> _Element:
    """An inline element: its parent's context under its own tag and navigation flag (no conditions to test)."""
    e = _new_element(_Element)
    e.tag = tag
    e.nav = nav
    e.group = parent.group
    e.emitted = False
    e.content = parent.content or parent.tag in ("main", "article")
    e.heading = parent.heading
    e.item = parent.item
    e.lst = parent.lst
    e.depth = parent.depth
    e.container = parent.container
    return e


def _opened(tag: str, nav: bool, group: int, parent: _Element) -> _Element:
    """A block element: its parent's context in its own group, and its own where it opens a heading, item or list."""
    e = _inline(tag, nav, parent)
    e.group = group
    opens = _OPENS.get(tag)
    if opens == _OPENS_HEADING:
        e.heading = e
    elif opens == _OPENS_ITEM:
        e.item = e
        e.container = parent
    elif opens == _OPENS_LIST:
        e.lst = e
        e.depth += 1
    return e


_new_element = object.__new__


class _Table:
    __slots__ = ("group", "row", "cell", "header", "in_head")

    def __init__(self, group: int) -> None:
        self.group = group
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.header = False
        self.in_head = False


class _TreeParser:
    """The parser target: lxml calls start, end, data and close in document order.

    Pending block text is kept in ``buf`` without leading white space: white space only
    separates words, and :meth:`TreeWriter.add` normalises it, so ``buf`` is empty or holds text.
    """

    def __init__(self, writer: TreeWriter) -> None:
        self.w = writer
        self.stack: list[_Element] = [_Element()]
        self.buf: list[str] = []
        self.skip = 0
        self.tables: list[_Table] = []
        self.pre: list[str] | None = None
        self.pre_lang = ""
        self.bold = 0  # open <strong>/<b> elements
        self.plain = False  # has the pending block text outside bold?
        self.lead_bold = False  # has the pending block text just closed a bold run that opens it?

    # -- the lxml target interface ---------------------------------------------------------------

    def comment(self, text: str) -> None:
        return None

    def close(self) -> None:
        return None

    # -- structure -------------------------------------------------------------------------------

    def start(self, tag: str, attrs: Mapping[str, str]) -> None:
        """An element opens (lxml gives HTML tag names in lower case)."""
        if not isinstance(tag, str):  # an entity or processing instruction: no element
            return
        self.lead_bold = False
        role = _ROLES.get(tag, 0)
        if self.skip:
            if role == _SKIPPED:
                self.skip += 1
            return
        if role < _FIRST_BLOCK:
            if role > _CODE:
                if role == _SKIPPED:
                    self.skip = 1
                elif role == _BREAK:
                    self._boundary()
                return
            if role == _BOLD:
                self.bold += 1
            elif role == _CODE and self.pre is not None and not self.pre_lang:
                self.pre_lang = _lang(attrs)
            parent = self.stack[-1]
            nav = parent.nav or bool(attrs) and (tag not in NEVER_NAV and names_nav(attrs) or role_nav(attrs))
            if len(self.stack) < _MAX_DEPTH:
                self.stack.append(_inline(tag, nav, parent))
            return
        if role == _BLOCK_TAG:
            if self.buf or self.tables:  # else nothing is pending
                self._boundary()
        else:
            self._open_special(role, tag, attrs)
        parent = self.stack[-1]
        nav = (parent.nav or tag in NAV_TAGS or (tag == "header" and not (parent.content or parent.tag in
                                                                            ("main", "article")))
               or bool(attrs) and (tag not in NEVER_NAV and names_nav(attrs) or role_nav(attrs)))
        group = self.w.new_group()
        if len(self.stack) < _MAX_DEPTH:
            self.stack.append(_opened(tag, nav, group, parent))

    def _open_special(self, role: int, tag: str, attrs: Mapping[str, str]) -> None:
        """A code block, table, row, cell or table head opens (outside a table, a row or cell is a block)."""
        if role == _PRE:
            self.flush()
            self.pre = []
            self.pre_lang = _lang(attrs)
        elif role == _TABLE:
            self._boundary()
            self.tables.append(_Table(self.w.new_group()))
        elif not self.tables:
            self._boundary()
        elif role == _CELL:
            table = self.tables[-1]
            if table.row is None:
                table.row = []
            self._end_cell(table)
            table.cell = []
            table.header = table.header or tag == "th" or table.in_head
        elif role == _ROW:
            self._end_row(self.tables[-1])
            self.tables[-1].row = []
        else:  # _THEAD
            self.tables[-1].in_head = True

    def end(self, tag: str) -> None:
        """An element closes."""
        if not isinstance(tag, str):
            return
        role = _ROLES.get(tag, 0)
        if self.skip:
            if role == _SKIPPED:
                self.skip -= 1
            return
        if role >= _BREAK:
            if role == _BREAK:
                self._boundary()
            if role < _FIRST_BLOCK:  # never on the stack
                return
            if role == _BLOCK_TAG:
                if self.buf or self.tables:  # else nothing is pending
                    self._boundary()
            else:
                self._close_special(role)
        elif role == _BOLD:
            self.bold = max(0, self.bold - 1)
            self.lead_bold = not self.bold and not self.plain and not self.tables and self.pre is None
        stack = self.stack
        if stack[-1].tag == tag and len(stack) > 1:
            stack.pop()
            return
        for k in range(len(stack) - 2, 0, -1):
            if stack[k].tag == tag:
                del stack[k:]
                break

    def _close_special(self, role: int) -> None:
        """A code block, table, row, cell or table head closes (outside a table, a row or cell is a block)."""
        if role == _PRE and self.pre is not None:
            self._end_pre()
        elif role == _PRE or not self.tables:
            self._boundary()
        elif role == _CELL:
            self._end_cell(self.tables[-1])
        elif role == _ROW:
            self._end_row(self.tables[-1])
        elif role == _THEAD:
            self._end_row(self.tables[-1])
            self.tables[-1].in_head = False
        else:  # _TABLE
            self._end_row(self.tables.pop())

    def data(self, data: str) -> None:
        """Text inside the current element."""
        if self.skip:
            return
        if self.pre is not None:
            self.pre.append(data)
            return
        if self.tables:
            cell = self.tables[-1].cell
            if cell is not None:
                cell.append(data)
                return
        buf = self.buf
        if self.lead_bold:
            if data[:1] == "\n" and buf:
                self.flush()  # "**Level 1: Engineer**" then a line break: a heading of the lines below
            self.lead_bold = False
        if data.isspace():
            if buf:
                buf.append(data)
        else:
            buf.append(data)
            if not self.bold:
                self.plain = True

    # -- emitting --------------------------------------------------------------------------------

    def flush(self) -> None:
        """Emit the pending text as one block of the kind its context gives."""
        buf = self.buf
        if not buf:
            self.plain = False
            return
        text = "".join(buf)
        buf.clear()
        bold_only, self.plain = not self.plain, False
        top = self.stack[-1]
        heading, item = top.heading, top.item
        if heading is not None:
            self.w.add("heading", text, level=int(heading.tag[1]), group=heading.group, nav=top.nav)
        elif item is not None:
            kind = "text" if item.emitted else "item"
            item.emitted = True
            lst = top.lst
            below = item.container or top  # a loose <li>: its container is the list
            self.w.add(kind, text, level=max(top.depth, 1), group=lst.group if lst else below.group, nav=top.nav)
        elif bold_only and len(text.split()) <= _PSEUDO_HEADING_WORDS and top.tag in ("p", "div", "#root"):
            self.w.add("heading", text, level=_PSEUDO_HEADING, nav=top.nav)  # "**Requirements**" heads what follows
        else:
            parent = self.stack[-2] if len(self.stack) > 1 else top
            self.w.add("text", text, group=parent.group, nav=top.nav)

    def _boundary(self) -> None:
        if self.tables:
            cell = self.tables[-1].cell
            if cell is not None:
                cell.append(" ")
                return
        if self.pre is None:
            self.flush()

    def _end_cell(self, table: _Table) -> None:
        if table.cell is not None:
            if table.row is None:
                table.row = []
            table.row.append("".join(table.cell))
            table.cell = None

    def _end_row(self, table: _Table) -> None:
        self._end_cell(table)
        if table.row is not None:
            self.w.add_row(table.row, group=table.group, header=table.header, nav=self.stack[-1].nav)
        table.row = None
        table.header = False

    def _end_pre(self) -> None:
        lines = "".join(self.pre or []).split("\n")
        self.pre = None
        group = self.w.new_group()
        for line in lines:
            if line.strip():
                self.w.add("code", line, group=group, lang=self.pre_lang, nav=self.stack[-1].nav)
        self.pre_lang = ""


def _lang(attrs: Mapping[str, str]) -> str:
    value = attrs.get("class")
    if value:
        m = _LANG.search(value)
        if m:
            return m.group(1).lower()
        if "mermaid" in value:
            return "mermaid"
    return ""
