"""Render Markdown into the document tree: cmark-gfm (GitHub's CommonMark, in C) to HTML, then the HTML tree.

Block HTML that spans blank lines (a ``<table>`` of competencies, a ``<ul>``) is cut out
before parsing and passed through whole, so an indented line after a blank line inside it is
not read as a code block; everything then goes through :mod:`kg.loaders.html_tree`, so Markdown
and HTML documents give the same kinds of nodes (headings, items, rows with cells, code lines
with their language, navigation flags). A paragraph that is only bold text reads as a heading.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from kg.loaders.html_tree import render_html
from kg.loaders.tree import TreeWriter

__all__ = ["render_markdown", "markdown_to_html"]

_BLOCK_TAGS = "table|div|ul|ol|dl|details|section|article|blockquote|center|nav"
_HTML_OPEN = re.compile(rf"^ {{0,3}}<({_BLOCK_TAGS})\b", re.I)
_ANY_HTML_OPEN = re.compile(rf"<(?:{_BLOCK_TAGS})\b", re.I)  # anywhere: a fast scan for "<" finds none in most files
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INVISIBLE_OPEN = re.compile(r"<(?:script|style|noscript|template|svg)\b", re.I)  # what html_tree cuts out


def render_markdown(source: str, writer: TreeWriter | None = None) -> TreeWriter:
    """Render ``source`` into ``writer`` (a new one by default) and return it."""
    # cmark escapes "<" in text and writes tags of its own (none invisible) or raw HTML as it stands, so only a
    # source that has such a tag renders one
    return render_html(markdown_to_html(source), writer, scripts=_INVISIBLE_OPEN.search(source) is not None)


def markdown_to_html(source: str) -> str:
    """Return the HTML of a Markdown document (GitHub-flavoured: tables, raw HTML kept)."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    parts: list[str] = []
    for kind, chunk in _split_html(source.replace("\r\n", "\n").replace("\r", "\n")):
        if kind == "html":
            parts.append(chunk)
        else:
            parts.append(cmarkgfm.github_flavored_markdown_to_html(chunk, options=Options.CMARK_OPT_UNSAFE))
    return "\n".join(parts)


def _split_html(source: str) -> list[tuple[str, str]]:
    """Cut block HTML regions (balanced on their opening tag) out of the Markdown between them."""
    if _ANY_HTML_OPEN.search(source) is None:
        return [("md", source)]
    out: list[tuple[str, str]] = []
    lines = source.split("\n")
    md: list[str] = []
    starts: list[int] | None = None  # each line's offset, once a region opens
    i = 0
    fenced = False
    while i < len(lines):
        line = lines[i]
        if ("`" in line or "~" in line) and _FENCE.match(line):
            fenced = not fenced
        m = None if fenced or "<" not in line else _HTML_OPEN.match(line)
        if m is None:
            md.append(line)
            i += 1
            continue
        if starts is None:
            starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        j = _region_end(source, starts, i, m.group(1).lower())
        if md:
            out.append(("md", "\n".join(md)))
            md = []
        out.append(("html", "\n".join(lines[i:j])))
        i = j
    if md:
        out.append(("md", "\n".join(md)))
    return out


def _region_end(source: str, starts: list[int], first: int, tag: str) -> int:
    """The line after the one where the region opened on line ``first`` closes (else the line count).

    Each line adds its opening tags and takes away its closing ones; one scan from ``first``
    instead of two per line (``[^\\S\\n]`` keeps a closing tag on one line, as line by line).
    """
    depth = 0
    line = first
    for m in re.compile(rf"<(?:({tag})\b|/{tag}[^\S\n]*>)", re.I).finditer(source, starts[first]):  # "<" first: fast
        at = bisect_right(starts, m.start()) - 1
        if at != line:
            if depth <= 0:
                return line + 1
            line = at
        depth += 1 if m.group(1) else -1
    return line + 1 if depth <= 0 else len(starts)
