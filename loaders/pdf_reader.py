"""Render a PDF into the document tree with pdfplumber: headings by font, list items, table rows.

Per page: tables pdfplumber finds become rows with cells; the rest becomes lines with their font
size. A page with a clear vertical gutter is read column by column. Lines larger than the body
text (or bold and short) are headings; lines opening with a bullet or a number are list items; a
line that continues the one above (same column, small gap, no bullet) joins it, so a sentence or a
title wrapped over two lines stays whole. Encrypted, damaged and oversized PDFs raise ValueError
with the reason.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from kg.loaders.tree import TreeWriter

__all__ = ["render_pdf", "MAX_PAGES"]

#: most pages read from one PDF (career documents are a few pages)
MAX_PAGES = 300
_BULLET = re.compile(r"^\s*(?:[•●▪◦‣·*–-]|\d{1,2}[.)])\s+")
_HEADING_RATIO = 1.15
_HEADING_WORDS = 12
_GUTTER = 18  # points of empty width that split a page into two columns


def render_pdf(raw: bytes) -> TreeWriter:
    """Render the bytes of a PDF (raises ValueError when it cannot be read)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    w = TreeWriter()
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ValueError(f"{len(pdf.pages):,} pages (limit {MAX_PAGES:,}); split the PDF")
            pages = [_page_blocks(page) for page in pdf.pages]
    except PDFPasswordIncorrect as exc:
        raise ValueError("the PDF is encrypted; save an unprotected copy") from exc
    except ValueError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged files (pdfplumber wraps them)
        inner = [exc, *(a for a in exc.args if isinstance(a, BaseException)), exc.__cause__, exc.__context__]
        if any(isinstance(e, PDFPasswordIncorrect) or "Password" in type(e).__name__ for e in inner if e):
            raise ValueError("the PDF is encrypted; save an unprotected copy") from exc
        raise ValueError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    body = _body_size(pages)
    for blocks in pages:
        _write(blocks, body, w)
    return w


# a block: ("line", text, size, bold, x0, top, bottom) or ("table", rows, top)
_Block = tuple[Any, ...]


def _page_blocks(page: Any) -> list[_Block]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    blocks: list[_Block] = [("table", t.extract(), t.bbox[1]) for t in tables]
    for part in _columns(page):
        for line in part.extract_text_lines(return_chars=True, keep_blank_chars=False):
            mid = ((line["x0"] + line["x1"]) / 2, (line["top"] + line["bottom"]) / 2)
            if any(x0 <= mid[0] <= x1 and t0 <= mid[1] <= t1 for x0, t0, x1, t1 in boxes):
                continue
            chars = [c for c in line["chars"] if c["text"].strip()]
            if not chars:
                continue
            size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
            bold = sum("bold" in c["fontname"].lower() for c in chars) > 0.8 * len(chars)
            blocks.append(("line", line["text"], size, bold, line["x0"], line["top"], line["bottom"],
                           part.bbox[0]))
    blocks.sort(key=lambda b: (b[7], b[5]) if b[0] == "line" else (0.0, b[2]))
    return blocks


def _columns(page: Any) -> list[Any]:
    """The page, or its two columns when words leave a clear gutter near the middle."""
    words = page.extract_words()
    if len(words) < 40:
        return [page]
    width = page.width
    covered = [False] * int(width + 1)
    for wd in words:
        for x in range(int(wd["x0"]), min(int(wd["x1"]) + 1, len(covered))):
            covered[x] = True
    lo, hi = int(width * 0.3), int(width * 0.7)
    run = best = best_at = 0
    for x in range(lo, hi):
        run = run + 1 if not covered[x] else 0
        if run > best:
            best, best_at = run, x
    if best < _GUTTER:
        return [page]
    cut = best_at - best // 2
    return [page.crop((0, 0, cut, page.height)), page.crop((cut, 0, width, page.height))]


def _body_size(pages: list[list[_Block]]) -> float:
    sizes: Counter[float] = Counter()
    for blocks in pages:
        for b in blocks:
            if b[0] == "line":
                sizes[b[2]] += len(b[1])
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _write(blocks: list[_Block], body: float, w: TreeWriter) -> None:
    pending: list[str] = []
    kind = "text"
    last: _Block | None = None
    group = w.new_group()

    def flush() -> None:
        if pending:
            w.add(kind, " ".join(pending), level=1 if kind == "item" else 0, group=group)
            pending.clear()

    for b in blocks:
        if b[0] == "table":
            flush()
            tgroup = w.new_group()
            for n, row in enumerate(b[1]):
                w.add_row([c or "" for c in row], group=tgroup, header=n == 0)
            last = None
            continue
        _, text, size, bold, _x0, top, bottom, _col = b
        words = len(text.split())
        heading = words <= _HEADING_WORDS and (size >= body * _HEADING_RATIO or bold and not text.endswith("."))
        bullet = _BULLET.match(text)
        continues = (last is not None and not heading and not bullet and last[7] == b[7]
                     and abs(last[2] - size) < 0.5 and 0 <= top - last[6] < (bottom - top) * 0.9)
        if continues:
            pending.append(text.strip())
        else:
            flush()
            if heading:
                w.add("heading", text, level=1 if size >= body * 1.5 else 2 if size >= body * 1.25 else 3)
                kind = "text"
                group = w.new_group()
            elif bullet:
                kind = "item"
                pending.append(text[bullet.end():])
            else:
                kind = "text"
                pending.append(text.strip())
        last = None if heading else b
    flush()
