"""Skills and certifications a ladder lists under one of its levels: that level's needs, not the
whole document's.

In "## Staff Data Scientist … Knows causal inference", causal inference is what the Staff level
asks for; ``kg path`` then says what each step adds. A level's section runs from a heading that
names one of the ladder's rungs to the next heading of the same or a higher rank; in a table whose
header names levels, a column's cells are its level's, and in a table with a level title in a row,
the row's other cells are.
"""

from __future__ import annotations

from bisect import bisect_right

from kg.loaders.models import LevelNeed
from kg.loaders.recognise import Occurrence
from kg.loaders.segment import Sentence
from kg.loaders.tree import Node

__all__ = ["level_needs"]


def level_needs(text: str, found: list[Occurrence], sents: list[Sentence], nodes: tuple[Node, ...],
                rung_spans: set[tuple[int, int]], primary_id: str | None) -> list[LevelNeed]:
    """The skills and certifications of ``found`` (in text order) that sit in a level's section or in
    a level's cells of a table, one per level and item (``nodes``: the document tree the sentences'
    blocks come from, for the headings' levels and the tables' cells)."""
    rungs = sorted((f.start, f.end, f) for f in found if f.kind == "role" and (f.start, f.end) in rung_spans)
    levels = _level_of_sentences(rungs, sents, nodes)
    cells = _cell_levels(text, rungs, nodes)
    if not any(levels) and not cells:
        return []
    starts = [s.start for s in sents]
    cell_starts = [c[0] for c in cells]
    placed: list[tuple[Occurrence, Occurrence | None, str, int, int]] = []
    for f in found:
        if f.kind == "role":
            continue
        c = bisect_right(cell_starts, f.start) - 1
        if c >= 0 and f.end <= cells[c][1]:
            placed.append((f, cells[c][2], cells[c][3], cells[c][0], cells[c][1]))
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


_Cell = tuple[int, int, Occurrence, str]  # start, end, level, quote


def _cell_levels(text: str, rungs: list[tuple[int, int, Occurrence]], nodes: tuple[Node, ...]) -> list[_Cell]:
    """The cells of tables whose columns are levels (a header of rung titles) or whose rows are (a rung
    in one cell: the row's other cells are that level's), each with its level, in text order."""
    if not rungs:
        return []
    rung_starts = [r[0] for r in rungs]
    tables: dict[int, list[Node]] = {}
    for node in nodes:
        if node.kind == "row" and node.cells:
            tables.setdefault(node.group, []).append(node)
    out: list[_Cell] = []
    for rows in tables.values():
        header = next((r for r in rows if r.header), rows[0])
        columns = {c: level for c, (s, e) in enumerate(header.cells)
                   if (level := _rung_in(rungs, rung_starts, s, e)) is not None}
        for row in rows:
            if row is header:
                continue
            if len(columns) >= 2:
                out.extend((s, e, columns[c], text[s:e]) for c, (s, e) in enumerate(row.cells) if c in columns)
                continue
            found = [(c, level) for c, (s, e) in enumerate(row.cells)
                     if (level := _rung_in(rungs, rung_starts, s, e)) is not None]
            if len(found) == 1:
                out.extend((s, e, found[0][1], text[s:e]) for c, (s, e) in enumerate(row.cells) if c != found[0][0])
    return sorted(out, key=lambda cell: cell[0])


def _level_of_sentences(rungs: list[tuple[int, int, Occurrence]], sents: list[Sentence],
                        nodes: tuple[Node, ...]) -> list[Occurrence | None]:
    """For each sentence, the level whose section holds it (None outside every level's section)."""
    rung_starts = [r[0] for r in rungs]
    current: Occurrence | None = None
    depth = 0
    seen_block = None
    out: list[Occurrence | None] = []
    for sent in sents:
        block = sent.block
        if block is not seen_block:
            seen_block = block
            if block.kind == "heading":
                rank = nodes[block.node].level if 0 <= block.node < len(nodes) else 0
                level = _rung_in(rungs, rung_starts, block.start, block.end)
                if level is not None:
                    current, depth = level, rank
                elif current is not None and rank <= depth:
                    current = None  # a heading of the same or a higher rank ends the level's section
        out.append(current)
    return out


def _rung_in(rungs: list[tuple[int, int, Occurrence]], rung_starts: list[int], start: int,
             end: int) -> Occurrence | None:
    k = bisect_right(rung_starts, start) - 1
    k = max(k, 0)
    for s, e, f in rungs[k:k + 3]:
        if start <= s and e <= end:
            return f
    return None
