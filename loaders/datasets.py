"""Job-posting datasets: one posting per row of a CSV file or a JSON Lines file, each row one document.

Rows are read one at a time (memory stays flat however large the file); each becomes a document
whose source is ``file#row-id`` (the id column's value, else the row number) and whose text is the
title line followed by the description, read as HTML when the description is markup. A row that
cannot be read (a missing column, a cell over the size limit, binary text) is a named
:class:`~kg.errors.DocumentError`; the rows after it are still read.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import DocumentError

__all__ = ["DatasetSpec", "DATASET_SUFFIXES", "MAX_CELL_CHARS", "Row", "iter_rows", "read_row"]

DATASET_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: longest description read from one cell (a posting is a few thousand characters)
MAX_CELL_CHARS = 1_000_000
_MARKUP = re.compile(r"<(?:p|br|li|ul|ol|div|h[1-6]|strong|b|em)\b", re.I)


@dataclass(frozen=True)
class DatasetSpec:
    """Which columns hold a posting's title, its text and (optionally) its stable id."""

    title_column: str
    text_column: str
    id_column: str | None = None


@dataclass(frozen=True)
class Row:
    """One posting as a document to read: its source (``file#id``), display name, text and format."""

    source: str
    name: str
    text: str
    fmt: str


def iter_rows(path: Path, spec: DatasetSpec) -> Iterator[Row | DocumentError]:
    """Yield each row of a dataset as a :class:`Row`, or the error that skips it, in file order."""
    kind = DATASET_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise DocumentError(str(path), f"not a posting dataset; use {', '.join(DATASET_SUFFIXES)}")
    records = _jsonl(path) if kind == "jsonl" else _csv(path, "\t" if kind == "tsv" else ",")
    for number, record in records:
        if isinstance(record, DocumentError):
            yield record
            continue
        yield _row(path, number, record, spec)


def read_row(row: Row) -> Any:
    """Read a row into a :class:`~kg.loaders.models.LoadedDocument` (raises DocumentError)."""
    from kg.loaders.readers import read_text

    return read_text(row.text, source=row.source, name=row.name, fmt=row.fmt)


def _row(path: Path, number: int, record: dict[str, Any], spec: DatasetSpec) -> Row | DocumentError:
    where = f"{path}#{number}"
    missing = [c for c in (spec.title_column, spec.text_column, spec.id_column) if c and c not in record]
    if missing:
        return DocumentError(where, f"no column {missing[0]!r}; the row has {', '.join(map(repr, record))}")
    row_id = str(record[spec.id_column]).strip() if spec.id_column else str(number)
    if not row_id:
        return DocumentError(where, f"empty {spec.id_column!r}: every row needs its id")
    title, body = (str(record[spec.title_column] or "").strip(), str(record[spec.text_column] or ""))
    for value in (title, body):
        if "\x00" in value or any(0xDC80 <= ord(ch) <= 0xDCFF for ch in value):
            return DocumentError(f"{path}#{row_id}", "binary or undecodable text in the row; fix or drop it")
    if len(body) > MAX_CELL_CHARS:
        return DocumentError(f"{path}#{row_id}", f"description of {len(body):,} characters "
                                                  f"(limit {MAX_CELL_CHARS:,}); this is not one posting")
    if not body.strip():
        return DocumentError(f"{path}#{row_id}", f"empty {spec.text_column!r}")
    if _MARKUP.search(body):
        from html import escape

        return Row(f"{path}#{row_id}", f"{path.name}#{row_id}", f"<h1>{escape(title)}</h1>\n{body}", "html")
    return Row(f"{path}#{row_id}", f"{path.name}#{row_id}", f"{title}\n\n{body}" if title else body, "text")


def _csv(path: Path, delimiter: str) -> Iterator[tuple[int, dict[str, Any] | DocumentError]]:
    csv.field_size_limit(MAX_CELL_CHARS + 1)
    with open(path, newline="", encoding="utf-8-sig", errors="surrogateescape") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        number = 0
        while True:
            number += 1
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield number, DocumentError(f"{path}#{number}", f"unreadable CSV row ({exc})")
                continue
            if None in record:  # more cells than the header names
                record.pop(None)
            yield number, record


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any] | DocumentError]]:
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            if len(raw) > 4 * MAX_CELL_CHARS:
                yield number, DocumentError(f"{path}#{number}", f"line of {len(raw):,} bytes; this is not one posting")
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                yield number, DocumentError(f"{path}#{number}", f"not a JSON object ({type(exc).__name__})")
                continue
            if not isinstance(record, dict):
                yield number, DocumentError(f"{path}#{number}", "not a JSON object")
                continue
            yield number, record
