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
from functools import lru_cache

from kg.loaders.tree import TreeWriter

__all__ = ["render_html"]

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "math"})
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "embed", "source",
                   "track", "wbr", "param"})
_BLOCK = frozenset({"p", "div", "section", "article", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
                    "ul", "ol", "li", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "br", "hr", "main",
                    "aside", "nav", "dl", "dt", "dd", "blockquote", "pre", "title", "figure", "figcaption",
                    "details", "summary", "caption", "form", "fieldset", "address", "center"})
_NAV_TAGS = frozenset({"nav", "aside", "footer"})
_NAV_NAME = re.compile(r"^(?:nav|navbar|navigation|menu|toc|sidebar|breadcrumbs?|footer|site-header|site-nav|"
                       r"main-menu|side-nav|sidenav|leftnav|topnav|cookies?|cookie-consent|consent|gdpr|banner|"
                       r"newsletter|social|share|sharing|subscribe|skip-link)(?:[-_](?:content|container|wrapper|"
                       r"list|items|links|menu|inner|banner|bar|notice|popup|modal|links))?$", re.I)
_NEVER_NAV = frozenset({"html", "body", "main", "article"})
_LANG = re.compile(r"(?:language|lang)-([\w+-]+)")
_MAX_DEPTH = 2000
_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_DATA_URI = re.compile(r"(=\s*[\"']?)data:[^\"'\s>]{64,}", re.I)
_PSEUDO_HEADING = 7  # a bold-only paragraph: a heading below every real one
_PSEUDO_HEADING_WORDS = 10


def render_html(html: str, writer: TreeWriter | None = None) -> TreeWriter:
    """Render ``html`` into ``writer`` (a new one by default) and return it."""
    writer = writer or TreeWriter()
    opened = html.rfind("<!--")
    if opened > html.rfind("-->"):
        html = html[:opened]  # an unclosed comment runs to the end, as in browsers
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

    def __init__(self, tag: str, nav: bool, group: int, parent: _Element | None = None) -> None:
        self.tag = tag
        self.nav = nav
        self.group = group
        self.emitted = False
        self.content: bool = parent is not None and (parent.content or parent.tag in ("main", "article"))
        self.heading: _Element | None = self if tag in _HEADINGS else parent.heading if parent else None
        self.item: _Element | None = self if tag in ("li", "dt") else parent.item if parent else None
        listing = tag in ("ul", "ol")
        self.lst: _Element | None = self if listing else parent.lst if parent else None
        self.depth: int = (parent.depth if parent else 0) + listing
        # what a loose <li> (no list around it) belongs to: the element it sits in
        self.container: _Element | None = parent if tag in ("li", "dt") else parent.container if parent else None


class _Table:
    __slots__ = ("group", "row", "cell", "header", "in_head")

    def __init__(self, group: int) -> None:
        self.group = group
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.header = False
        self.in_head = False


class _TreeParser:
    """The parser target: lxml calls start, end, data and close in document order."""

    def __init__(self, writer: TreeWriter) -> None:
        self.w = writer
        self.stack: list[_Element] = [_Element("#root", False, 0)]
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
        if self.skip:
            if tag in _SKIP:
                self.skip += 1
            return
        if tag in _SKIP:
            self.skip = 1
            return
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._boundary()
            return
        if tag in ("strong", "b"):
            self.bold += 1
        if tag == "pre":
            self.flush()
            self.pre = []
            self.pre_lang = _lang(attrs)
        elif tag == "code" and self.pre is not None and not self.pre_lang:
            self.pre_lang = _lang(attrs)
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            if table.row is None:
                table.row = []
            self._end_cell(table)
            table.cell = []
            table.header = table.header or tag == "th" or table.in_head
        elif tag == "tr" and self.tables:
            self._end_row(self.tables[-1])
            self.tables[-1].row = []
        elif tag == "table":
            self._boundary()
            self.tables.append(_Table(self.w.new_group()))
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = True
        elif tag in _BLOCK:
            self._boundary()
        parent = self.stack[-1]
        nav = (parent.nav or tag in _NAV_TAGS or (tag == "header" and not (parent.content or parent.tag in
                                                                            ("main", "article")))
               or bool(attrs) and (tag not in _NEVER_NAV and _names_nav(attrs) or _role_nav(attrs)))
        group = self.w.new_group() if tag in _BLOCK else parent.group
        if len(self.stack) < _MAX_DEPTH:
            self.stack.append(_Element(tag, nav, group, parent))

    def end(self, tag: str) -> None:
        """An element closes."""
        if not isinstance(tag, str):
            return
        if self.skip:
            if tag in _SKIP:
                self.skip -= 1
            return
        if tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
            self.lead_bold = not self.bold and not self.plain and not self.tables and self.pre is None
        if tag == "pre" and self.pre is not None:
            self._end_pre()
        elif tag in ("td", "th") and self.tables:
            self._end_cell(self.tables[-1])
        elif tag == "tr" and self.tables:
            self._end_row(self.tables[-1])
        elif tag == "thead" and self.tables:
            self._end_row(self.tables[-1])
            self.tables[-1].in_head = False
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            self._end_row(table)
        elif tag in _BLOCK:
            self._boundary(closing=True)
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                break

    def data(self, data: str) -> None:
        """Text inside the current element."""
        if self.skip:
            return
        if self.pre is not None:
            self.pre.append(data)
        elif self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(data)
        else:
            if self.lead_bold and data[:1] == "\n" and "".join(self.buf).strip():
                self.flush()  # "**Level 1: Engineer**" then a line break: a heading of the lines below
            self.lead_bold = False
            self.buf.append(data)
            if not self.bold and not data.isspace():
                self.plain = True

    # -- emitting --------------------------------------------------------------------------------

    def flush(self) -> None:
        """Emit the pending text as one block of the kind its context gives."""
        text = "".join(self.buf)
        self.buf.clear()
        bold_only, self.plain = not self.plain, False
        if not text.strip():
            return
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

    def _boundary(self, closing: bool = False) -> None:
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(" ")
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


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _names_nav(attrs: Mapping[str, str]) -> bool:
    for key in ("id", "class", "role"):
        value = attrs.get(key)
        if value and _nav_value(value):
            return True
    return False


@lru_cache(maxsize=1 << 12)
def _nav_value(value: str) -> bool:
    """Whether an id, class or role value names navigation (pages repeat the same few values)."""
    return any(_NAV_NAME.match(v) for v in value.split())


_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog"})


def _role_nav(attrs: Mapping[str, str]) -> bool:
    """ARIA landmarks of page chrome: navigation, banner, contentinfo, complementary; dialogs (cookie pop-ups)."""
    return attrs.get("role") in _CHROME_ROLES or attrs.get("aria-modal") == "true"


def _lang(attrs: Mapping[str, str]) -> str:
    value = attrs.get("class")
    if value:
        m = _LANG.search(value)
        if m:
            return m.group(1).lower()
        if "mermaid" in value:
            return "mermaid"
    return ""
