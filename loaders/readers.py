"""Read .txt, .md and .html files into plain text with a stable content id.

Bad input raises :class:`kg.errors.DocumentError` naming the file: empty,
binary, undecodable, larger than :data:`MAX_BYTES`, unparsable markup, or with a
line longer than :data:`MAX_LINE_CHARS` (not prose; extraction would crawl).
Nothing else escapes: deep markup is parsed without recursion.
"""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import DocumentError
from kg.loaders.html_tree import render_html
from kg.loaders.markdown_tree import render_markdown
from kg.loaders.models import LoadedDocument
from kg.loaders.text_tree import render_structured_text
from kg.loaders.tree import Node

__all__ = ["SUFFIXES", "MAX_BYTES", "MAX_LINE_CHARS", "read_path", "read_text", "decode", "iter_document_paths"]

SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
            ".html": "html", ".htm": "html"}
MAX_BYTES = 20 * 1024 * 1024
#: longest line of plain text accepted (seed documents stay under 5,000)
MAX_LINE_CHARS = 50_000


def read_path(path: Path, max_bytes: int = MAX_BYTES) -> LoadedDocument:
    """Read one file into a :class:`LoadedDocument` (format chosen by suffix)."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise DocumentError(str(path), f"unsupported file type {path.suffix!r}; use .txt, .md or .html")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read: {exc.strerror}") from exc
    if size > max_bytes:
        raise DocumentError(str(path), f"too large ({size:,} bytes > {max_bytes:,}); split it first")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read: {exc.strerror}") from exc
    return read_text(decode(raw, str(path)), source=str(path), name=path.name, fmt=fmt)


def read_text(text: str, source: str, name: str, fmt: str = "text") -> LoadedDocument:
    """Turn already-decoded text of a format into a :class:`LoadedDocument`."""
    plain, nodes = _render(text, source, fmt)
    if not plain.strip():
        raise DocumentError(source, "no text in document (empty or markup only)")
    _check_lines(plain, source)
    try:
        digest = hashlib.sha256(plain.encode("utf-8")).hexdigest()[:16]
    except UnicodeEncodeError as exc:
        raise DocumentError(source, f"text holds a lone surrogate at character {exc.start}; "
                                    "re-save the file as UTF-8") from exc
    return LoadedDocument(id=digest, source=source, name=name, title=_title(plain, name),
                          text=plain, format=fmt, nodes=nodes)


def _render(text: str, source: str, fmt: str) -> tuple[str, tuple[Node, ...]]:
    """Render a document into plain text and its tree (no tree for plain prose)."""
    try:
        if fmt == "html":
            writer = render_html(text)
        elif fmt == "markdown":
            writer = render_markdown(text)
        else:
            plain = text.replace("\r\n", "\n").replace("\r", "\n")
            found = render_structured_text(plain)
            if found is None:
                return plain, ()
            writer = found
    except (AssertionError, ValueError, IndexError, RecursionError) as exc:  # parsers on broken markup
        raise DocumentError(source, f"cannot parse the {fmt} ({exc}); save it as plain text") from exc
    return writer.text(), tuple(writer.nodes)


def _check_lines(plain: str, source: str) -> None:
    """Refuse text with an absurdly long line (naming the line and the limit)."""
    if len(plain) <= MAX_LINE_CHARS:
        return
    start = 0
    for number, line in enumerate(plain.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            raise DocumentError(source, f"line {number} (at character {start:,}) is {len(line):,} characters long"
                                        f" (limit {MAX_LINE_CHARS:,}); this is not prose: break it into lines")
        start += len(line) + 1


def decode(raw: bytes, source: str) -> str:
    """Decode bytes as UTF-8 (or UTF-16, with or without a BOM); refuse empty, binary and undecodable input."""
    text = _decode(raw, source)
    if not text.strip():
        raise DocumentError(source, "empty file")
    return text


def _decode(raw: bytes, source: str) -> str:
    if not raw.strip():
        raise DocumentError(source, "empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(source, f"invalid UTF-16 at byte {exc.start}") from exc
    if b"\x00" in raw[:8192]:
        text = _utf16_without_bom(raw)
        if text is None:
            raise DocumentError(source, "binary file (NUL bytes); convert it to text first")
        return text
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            source, f"not valid UTF-8 at byte {exc.start}; re-save the file as UTF-8"
        ) from exc


def _utf16_without_bom(raw: bytes) -> str | None:
    """Decode UTF-16 text that lacks a BOM (NUL in every other byte of ASCII text), else None."""
    head = raw[:8192]
    if len(raw) % 2:
        return None
    for encoding, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                return None
            return text if "\x00" not in text else None
    return None


def iter_document_paths(paths: list[Path]) -> list[Path]:
    """Expand files and folders into a sorted list of readable document paths."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            found.append(path)
    return found


def _title(text: str, name: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:200]
    return name


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|`)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_MD_BULLET = re.compile(r"^(\s*)[*+]\s+", re.MULTILINE)
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$\n?", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    """Strip Markdown markup, keeping headings and bullets as lines (``- item``) and table rows (``| a | b |``)."""
    text = text.replace("\r\n", "\n")
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_BULLET.sub(r"\1- ", text)
    text = _MD_TABLE_RULE.sub("", text)
    return _MD_EMPHASIS.sub("", text)


_BLOCK_TAGS = {"p", "div", "section", "article", "header", "footer", "h1", "h2", "h3", "h4", "h5",
               "h6", "ul", "ol", "table", "tr", "br", "hr", "main", "aside", "nav", "dl", "dt", "dd",
               "blockquote", "pre", "li", "title"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer"}
_CELL_TAGS = {"td", "th"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _CELL_TAGS:
            self.parts.append(" | ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML page, one block per line, scripts dropped."""
    parser = _TextExtractor()
    opened = html.rfind("<!--")
    if opened > html.rfind("-->"):
        html = html[:opened]  # an unclosed comment runs to the end, as in browsers
    parser.feed(html)
    parser.close()
    lines = (_table_row(" ".join(line.split())) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _table_row(line: str) -> str:
    """Write a flattened table row (cells opened by `` | ``) as a Markdown row: ``| a | b |``."""
    return f"{line} |" if line.startswith("| ") else line
