"""Render a Word ``.docx`` into the document tree: headings by style, list items, tables, paragraphs.

python-docx reads the package; the body is walked in order (paragraphs and tables interleaved).
A heading is a paragraph whose style is a heading ("Heading 2", "Title") or that is short and all
bold; a list item has a list style or numbering. The archive is checked before it is opened: too many
entries or too much uncompressed XML (a zip bomb renamed ``.docx``) is refused with its figures.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from kg.loaders.tree import TreeWriter

__all__ = ["render_docx", "MAX_UNPACKED"]

#: most bytes a .docx may unpack to (text documents stay far below)
MAX_UNPACKED = 64 * 1024 * 1024
_MAX_ENTRIES = 5_000
_BOLD_HEADING_WORDS = 10


def render_docx(raw: bytes) -> TreeWriter:
    """Render the bytes of a .docx file (raises ValueError when it is not a readable one)."""
    _check_archive(raw)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds on damaged packages
        raise ValueError(f"not a readable Word document ({type(exc).__name__}: {exc})") from exc
    w = TreeWriter()
    body = document.element.body
    lists: dict[str, int] = {}
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            _paragraph(Paragraph(child, document), w, lists)
        elif tag == "tbl":
            _table(Table(child, document), w)
    return w


def _check_archive(raw: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise ValueError("not a Word document (not a zip package); save it as .docx again") from exc
    if len(infos) > _MAX_ENTRIES:
        raise ValueError(f"the package holds {len(infos):,} files (limit {_MAX_ENTRIES:,})")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED:
        raise ValueError(f"the package unpacks to {unpacked:,} bytes (limit {MAX_UNPACKED:,}); "
                         "it is not an ordinary document")
    if not any(i.filename == "word/document.xml" for i in infos):
        raise ValueError("not a Word document (no word/document.xml)")


def _paragraph(p: Any, w: TreeWriter, lists: dict[str, int]) -> None:
    text = p.text
    if not text.strip():
        return
    style = (p.style.name if p.style is not None else "") or ""
    low = style.lower()
    if low.startswith("heading") or low in ("title", "subtitle"):
        digits = "".join(ch for ch in style if ch.isdigit())
        w.add("heading", text, level=int(digits) if digits else 1)
        return
    numbered = p._p.pPr is not None and p._p.pPr.numPr is not None
    if low.startswith("list") or numbered:
        depth = _depth(p)
        group = lists.setdefault(style or "list", w.new_group())
        w.add("item", text, level=depth, group=group)
        return
    lists.clear()
    runs = [r for r in p.runs if r.text.strip()]
    if runs and all(r.bold for r in runs) and len(text.split()) <= _BOLD_HEADING_WORDS:
        w.add("heading", text, level=7)
        return
    w.add("text", text, group=w.new_group())


def _depth(p: Any) -> int:
    num = p._p.pPr.numPr if p._p.pPr is not None else None
    if num is not None and num.ilvl is not None and num.ilvl.val is not None:
        return int(num.ilvl.val) + 1
    return 1


def _table(table: Any, w: TreeWriter) -> None:
    group = w.new_group()
    for n, row in enumerate(table.rows):
        cells: list[str] = []
        last = None
        for cell in row.cells:
            if cell._tc is last:  # a merged cell repeats: keep it once
                continue
            last = cell._tc
            cells.append(" ".join(par.text for par in cell.paragraphs))
        w.add_row(cells, group=group, header=n == 0)
