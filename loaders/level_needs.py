"""Skills and certifications a ladder lists under one of its levels: that level's needs, not the
whole document's.

In "## Staff Data Scientist … Knows causal inference", causal inference is what the Staff level
asks for; ``kg path`` then says what each step adds. A level's section runs from a heading that
names one of the ladder's rungs to the next heading of the same or a higher rank.
"""

from __future__ import annotations

from bisect import bisect_right

from kg.loaders.models import LevelNeed
from kg.loaders.recognise import Occurrence
from kg.loaders.segment import Sentence
from kg.loaders.tree import Node

__all__ = ["level_needs"]


def level_needs(found: list[Occurrence], sents: list[Sentence], nodes: tuple[Node, ...],
                rung_spans: set[tuple[int, int]], primary_id: str | None) -> list[LevelNeed]:
    """The skills and certifications of ``found`` (in text order) that sit in a level's section, one per
    level and item (``nodes``: the document tree the sentences' blocks come from, for the headings' levels)."""
    levels = _level_of_sentences(found, sents, nodes, rung_spans)
    if not any(levels):
        return []
    starts = [s.start for s in sents]
    placed: list[tuple[Occurrence, Occurrence | None, Sentence]] = []
    for f in found:
        if f.kind == "role":
            continue
        k = bisect_right(starts, f.start) - 1
        if k >= 0 and f.end <= sents[k].end:
            placed.append((f, levels[k], sents[k]))
        else:
            placed.append((f, None, sents[k] if k >= 0 else sents[0]))
    outside = {(f.kind, f.id) for f, level, _ in placed if level is None or level.id == primary_id}
    out: dict[tuple[str, str, str], LevelNeed] = {}
    for f, level, sent in placed:
        if level is None or level.id == primary_id or (level.id, f.kind, f.id) in out:
            continue
        out[(level.id, f.kind, f.id)] = LevelNeed(level.id, level.label, f.kind, f.id, sent.text, sent.start,
                                                  sent.end, (f.kind, f.id) not in outside)
    return list(out.values())


def _level_of_sentences(found: list[Occurrence], sents: list[Sentence], nodes: tuple[Node, ...],
                        rung_spans: set[tuple[int, int]]) -> list[Occurrence | None]:
    """For each sentence, the level whose section holds it (None outside every level's section)."""
    rungs = sorted((f.start, f.end, f) for f in found if f.kind == "role" and (f.start, f.end) in rung_spans)
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
