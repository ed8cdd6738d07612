"""Render Markdown into the document tree with markdown-it-py (CommonMark plus GFM tables).

Block HTML that spans blank lines (a ``<table>`` of competencies, a ``<ul>``) is cut out
before parsing and rendered by :mod:`kg.loaders.html_tree`, so HTML tables inside Markdown
keep their rows and cells. A paragraph that is only bold text ("**Requirements**") is read
as a heading (level 7: below every real heading).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.loaders.html_tree import render_html
from kg.loaders.tree import TreeWriter

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["render_markdown"]

_HTML_OPEN = re.compile(r"^ {0,3}<(table|div|ul|ol|dl|details|section|article|blockquote|center|nav)\b", re.I)
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_PSEUDO_HEADING = 7


def render_markdown(source: str, writer: TreeWriter | None = None) -> TreeWriter:
    """Render ``source`` into ``writer`` (a new one by default) and return it."""
    writer = writer or TreeWriter()
    for kind, chunk in _split_html(source.replace("\r\n", "\n").replace("\r", "\n")):
        if kind == "html":
            render_html(chunk, writer)
        else:
            _render_tokens(_parser().parse(chunk), writer)
    return writer


_PARSER = None


def _parser():  # type: ignore[no-untyped-def]
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
    return _PARSER


def _split_html(source: str) -> list[tuple[str, str]]:
    """Cut block HTML regions (balanced on their opening tag) out of the Markdown between them."""
    out: list[tuple[str, str]] = []
    lines = source.split("\n")
    md: list[str] = []
    i = 0
    fenced = False
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            fenced = not fenced
        m = None if fenced else _HTML_OPEN.match(line)
        if m is None:
            md.append(line)
            i += 1
            continue
        tag = m.group(1).lower()
        opens = re.compile(rf"<{tag}\b", re.I)
        closes = re.compile(rf"</{tag}\s*>", re.I)
        depth = 0
        j = i
        while j < len(lines):
            depth += len(opens.findall(lines[j])) - len(closes.findall(lines[j]))
            j += 1
            if depth <= 0:
                break
        if md:
            out.append(("md", "\n".join(md)))
            md = []
        out.append(("html", "\n".join(lines[i:j])))
        i = j
    if md:
        out.append(("md", "\n".join(md)))
    return out


def _render_tokens(tokens: list[Token], w: TreeWriter) -> None:
    lists: list[int] = []  # group of each open list
    items: list[list[bool]] = []  # per open list item: has it emitted its first block yet
    table: int | None = None
    row: list[str] | None = None
    in_head = False
    heading = 0
    cell = False
    para_group = w.new_group()
    for tok in tokens:
        t = tok.type
        if t == "heading_open":
            heading = int(tok.tag[1])
        elif t == "heading_close":
            heading = 0
            para_group = w.new_group()
        elif t in ("bullet_list_open", "ordered_list_open"):
            lists.append(w.new_group())
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t == "list_item_open":
            items.append([False])
        elif t == "list_item_close":
            items.pop()
        elif t == "table_open":
            table = w.new_group()
        elif t == "table_close":
            table = None
        elif t == "thead_open":
            in_head = True
        elif t == "thead_close":
            in_head = False
        elif t == "tr_open":
            row = []
        elif t == "tr_close" and row is not None and table is not None:
            w.add_row(row, group=table, header=in_head)
            row = None
        elif t in ("th_open", "td_open"):
            cell = True
        elif t in ("th_close", "td_close"):
            cell = False
        elif t == "inline":
            text = _inline(tok)
            if cell and row is not None:
                row.append(text)
            elif heading:
                w.add("heading", text, level=heading)
            elif items and lists:
                first = not items[-1][0]
                items[-1][0] = True
                w.add("item" if first else "text", text, level=len(lists), group=lists[-1])
            elif _bold_only(tok) and len(text.split()) <= 10:
                w.add("heading", text, level=_PSEUDO_HEADING)
            else:
                w.add("text", text, group=para_group)
        elif t in ("fence", "code_block"):
            lang = (tok.info or "").split()[0].lower() if tok.info else ""
            group = w.new_group()
            for line in tok.content.split("\n"):
                if line.strip():
                    w.add("code", line, group=group, lang=lang)
        elif t == "html_block":
            render_html(tok.content, w)


def _inline(tok: Token) -> str:
    parts: list[str] = []
    for child in tok.children or ():
        ct = child.type
        if ct in ("text", "code_inline"):
            parts.append(child.content)
        elif ct in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif ct == "html_inline" and child.content.lower().startswith("<br"):
            parts.append(" ")
    return "".join(parts)


def _bold_only(tok: Token) -> bool:
    kids = [c for c in tok.children or () if not (c.type == "text" and not c.content.strip())]
    return len(kids) >= 3 and kids[0].type in ("strong_open",) and kids[-1].type in ("strong_close",) \
        and all(c.type != "strong_open" for c in kids[1:-1])
