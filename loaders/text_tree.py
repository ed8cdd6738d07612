"""Render structured plain text into the document tree: CSV matrices, JSON role lists, LaTeX tables.

Level frameworks are often kept as data saved with a ``.txt`` suffix. Each is recognised by
its shape, never by its name: JSON that parses; CSV whose records mostly share one field
count (at least three fields); LaTeX with a ``tabular`` environment. Anything else is plain
text and gets no tree (the line-based segmenter reads it).
"""

from __future__ import annotations

import csv
import json
import re
from typing import Any

from kg.loaders.tree import TreeWriter

__all__ = ["render_structured_text"]

_MIN_RECORDS = 3
_JSON_NAME_KEYS = ("name", "title", "role", "label", "level", "job_title", "jobTitle")


def render_structured_text(text: str) -> TreeWriter | None:
    """Return the tree of ``text`` when it is JSON, CSV or a LaTeX table, else None."""
    head = text.lstrip()[:1]
    if head in ("[", "{"):
        w = _json_tree(text)
        if w is not None:
            return w
    if "\\begin{tabular" in text:
        return _latex_tree(text)
    return _csv_tree(text)


# -- JSON --------------------------------------------------------------------------------------

def _json_tree(text: str) -> TreeWriter | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    w = TreeWriter()
    stack: list[tuple[Any, int, int]] = [(data, 1, w.new_group())]
    while stack:  # depth first, in document order, without recursion
        value, depth, group = stack.pop()
        if isinstance(value, list):
            sub = w.new_group()
            for item in reversed(value):
                stack.append((item, depth + 1, sub))
        elif isinstance(value, dict):
            name = next((value[k] for k in _JSON_NAME_KEYS if isinstance(value.get(k), str)), None)
            if name is not None:
                w.add("item", name, level=depth, group=group)
            rest = [(k, v) for k, v in value.items() if v is not name]
            for k, v in reversed(rest):
                if isinstance(v, str):
                    stack.append((v, depth + 1, w.new_group()))
                elif isinstance(v, (list, dict)):
                    stack.append((v, depth + 1, group))
                    if _is_records(v):
                        stack.append((_Key(k), depth, group))  # the key names the records: "levels"
        elif isinstance(value, _Key):
            w.add("heading", value.replace("_", " "), level=min(depth, 6))
        elif isinstance(value, str) and value.strip():
            w.add("text", value, level=depth, group=group)
    return w if w.nodes else None


class _Key(str):
    """A JSON key written as a heading above the records it holds (``"levels": [{...}, ...]``)."""


def _is_records(value: object) -> bool:
    """A list of two or more objects, at least one of them named (a JSON array of levels or roles)."""
    return isinstance(value, list) and len(value) >= 2 and all(isinstance(v, dict) for v in value) \
        and any(isinstance(v.get(k), str) for v in value for k in _JSON_NAME_KEYS)


# -- CSV ---------------------------------------------------------------------------------------

def _csv_tree(text: str) -> TreeWriter | None:
    first = text.lstrip().split("\n", 1)[0]
    if first.count(",") < 2 and first.count(";") < 2 and first.count("\t") < 2:
        return None
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        records = [r for r in csv.reader(text.splitlines(keepends=True), delimiter=delimiter) if any(r)]
    except csv.Error:
        return None
    if len(records) < _MIN_RECORDS:
        return None
    width = len(records[0])
    if width < 3 or sum(1 for r in records if len(r) == width) < 0.8 * len(records):
        return None
    w = TreeWriter()
    group = w.new_group()
    for n, record in enumerate(records):
        w.add_row(record, group=group, header=n == 0)
    return w


# -- LaTeX -------------------------------------------------------------------------------------

_TABULAR = re.compile(r"\\begin\{tabular\}(?:\{(?:[^{}]|\{[^{}]*\})*\})?(.*?)\\end\{tabular\}", re.S)
_COMMENT = re.compile(r"(?<!\\)%.*")
_DROP = re.compile(r"\\(?:hline|cline\{[^}]*\}|rowcolor(?:\[[^]]*\])?\{[^}]*\}|cellcolor(?:\[[^]]*\])?\{[^}]*\}|"
                   r"bigbreak|medskip|smallskip|newline|noindent|centering|par)\b")
_WRAP = re.compile(r"\\(?:textbf|textit|emph|underline|texttt|textsc|mbox|text)\{([^{}]*)\}")
_OTHER = re.compile(r"\\[a-zA-Z]+\*?(?:\[[^]]*\])?")


def _latex_tree(text: str) -> TreeWriter | None:
    w = TreeWriter()
    for m in _TABULAR.finditer(text):
        body = _COMMENT.sub("", m.group(1))
        group = w.new_group()
        for n, row in enumerate(re.split(r"\\\\", body)):
            cells = [_latex_text(c) for c in row.split("&")]
            if any(cells):
                w.add_row(cells, group=group, header=n == 0)
    return w if w.nodes else None


def _latex_text(cell: str) -> str:
    if "\\" in cell:  # every command starts with one (most cells hold none)
        cell = _DROP.sub(" ", cell)
        for _ in range(3):
            cell, unwrapped = _WRAP.subn(r"\1", cell)
            if not unwrapped:
                break
        cell = _OTHER.sub(" ", cell)
    cell = cell.replace("{", " ").replace("}", " ").replace("\\&", "&")
    return " ".join(cell.split())
