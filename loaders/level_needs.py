"""Skills and certifications a ladder lists under one of its levels: that level's needs, not the
whole document's.

In "## Staff Data Scientist … Knows causal inference", causal inference is what the Staff level
asks for; ``kg path`` then says what each step adds. A level's section runs from a heading that
names one of the ladder's rungs to the next heading of the same or a higher rank; in a table whose
header names levels, a column's cells are its level's, and in a table with a level title in a row,
the row's other cells are; a list item or line that opens with a level's title is that level's.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from kg.loaders.models import LevelNeed
from kg.loaders.recognise import Occurrence
from kg.loaders.segment import Block, Sentence
from kg.loaders.tree import Node

__all__ = ["level_needs"]


def level_needs(text: str, found: list[Occurrence], sents: list[Sentence], nodes: tuple[Node, ...],
                rung_spans: set[tuple[int, int]], primary_id: str | None) -> list[LevelNeed]:
    """The skills and certifications of ``found`` (in text order) that sit in a level's section or in
    a level's cells of a table, one per level and item (``nodes``: the document tree the sentences'
    blocks come from, for the headings' levels and the tables' cells)."""
    rungs = _Rungs(found, rung_spans)
    levels = _level_of_sentences(rungs, sents, nodes)
    spans = _span_levels(text, rungs, nodes)
    if not any(levels) and not spans:
        return []
    starts = [s.start for s in sents]
    span_starts = [c[0] for c in spans]
    placed: list[tuple[Occurrence, Occurrence | None, str, int, int]] = []
    for f in found:
        if f.kind == "role":
            continue
        c = bisect_right(span_starts, f.start) - 1
        if c >= 0 and f.end <= spans[c][1]:
            placed.append((f, spans[c][2], spans[c][3], spans[c][0], spans[c][1]))
            continue
        k = bisect_right(starts, f.start) - 1
        sent = sents[k] if k >= 0 else None
        level = levels[k] if sent is not None and f.end <= sent.end else None
        placed.append((f, level, sent.text if sent else "", sent.start if sent else f.start,
                       sent.end if sent else f.end))
    outside = {(f.kind, f.id) for f, level, *_ in placed if level is None or level.id == primary_id}
    out: dict[tuple[str, str, str], LevelNeed] = {}
    for f, level, quote, start, end in placed:
        if level is None or level.id == primary_id or (level.id, f.kind, f.id) in out:
            continue
        out[(level.id, f.kind, f.id)] = LevelNeed(level.id, level.label, f.kind, f.id, quote, start, end,
                                                  (f.kind, f.id) not in outside)
    return list(out.values())


class _Rungs:
    """The ladder's rungs resolved to roles, in text order, to ask which one a span holds."""

    def __init__(self, found: list[Occurrence], rung_spans: set[tuple[int, int]]) -> None:
        self.roles = sorted((f for f in found if f.kind == "role" and (f.start, f.end) in rung_spans),
                            key=lambda f: (f.start, f.end))
        self.starts = [f.start for f in self.roles]

    def within(self, start: int, end: int, opening: bool = False) -> Occurrence | None:
        """The first rung inside ``[start, end)`` (with ``opening``, only one that opens it: within two
        characters of ``start``, and not the whole of it)."""
        k = bisect_left(self.starts, start)
        if k == len(self.roles):
            return None
        role = self.roles[k]
        if opening:
            return role if role.start <= start + 2 and role.end < end else None
        return role if role.end <= end else None


_Span = tuple[int, int, Occurrence, str]  # start, end, level, quote
_LEAD_MARKS = " \t:–—-*_|"  # what separates a line's leading title from the rest


def _span_levels(text: str, rungs: _Rungs, nodes: tuple[Node, ...]) -> list[_Span]:
    """The cells of tables whose columns are levels (a header of rung titles) or whose rows are (a rung
    in one cell: the row's other cells are that level's), and the rest of lines that open with a level's
    title, each with its level, in text order."""
    if not rungs.roles:
        return []
    tables: dict[int, list[Node]] = {}
    for node in nodes:
        if node.kind == "row" and node.cells:
            tables.setdefault(node.group, []).append(node)
    out: list[_Span] = []
    for rows in tables.values():
        header = next((r for r in rows if r.header), rows[0])
        columns = {c: level for c, (s, e) in enumerate(header.cells) if (level := rungs.within(s, e)) is not None}
        for row in rows:
            if row is header:
                continue
            if len(columns) >= 2:
                out.extend((s, e, columns[c], text[s:e]) for c, (s, e) in enumerate(row.cells) if c in columns)
                continue
            found = [(c, level) for c, (s, e) in enumerate(row.cells) if (level := rungs.within(s, e)) is not None]
            if len(found) == 1:
                out.extend((s, e, found[0][1], text[s:e]) for c, (s, e) in enumerate(row.cells) if c != found[0][0])
    out.extend(_led_lines(text, rungs, nodes))
    return sorted(out, key=lambda span: span[0])


def _led_lines(text: str, rungs: _Rungs, nodes: tuple[Node, ...]) -> list[_Span]:
    """Items and lines that open with a level's title ("Senior Engineer: leads projects, mentors"): the
    rest of the line is that level's."""
    out: list[_Span] = []
    for node in nodes:
        if node.kind not in ("item", "text") or (level := rungs.within(node.start, node.end, True)) is None:
            continue
        start, end = level.end, node.end
        rest = text[start:end]
        start += len(rest) - len(rest.lstrip(_LEAD_MARKS))  # ": leads projects" quotes from "leads"
        if start < end:
            out.append((start, end, level, text[start:end]))
    return out


def _level_of_sentences(rungs: _Rungs, sents: list[Sentence], nodes: tuple[Node, ...]) -> list[Occurrence | None]:
    """For each sentence, the level whose section holds it (None outside every level's section)."""
    current: Occurrence | None = None
    depth = 0
    seen_block = None
    out: list[Occurrence | None] = []
    for sent in sents:
        block = sent.block
        if block is not seen_block:
            seen_block = block
            rank = _section_rank(block, nodes)
            if rank is not None:
                level = rungs.within(block.start, block.end)
                if level is not None:
                    current, depth = level, rank
                elif current is not None and rank <= depth:
                    current = None  # a heading of the same or a higher rank ends the level's section
        out.append(current)
    return out


def _section_rank(block: Block, nodes: tuple[Node, ...]) -> int | None:
    """The rank of a heading that opens a section (1 for "#"; 0 in plain text); None for any other block,
    and for a label line ("Skills:") that the segmenter makes a heading: it heads a list inside a section."""
    if block.kind != "heading":
        return None
    if 0 <= block.node < len(nodes):
        node = nodes[block.node]
        return node.level if node.kind == "heading" else None
    return None if block.text.rstrip().endswith(":") else 0
