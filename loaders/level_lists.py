"""Levels listed on one line, separated by commas: "IC track: Engineer I, Engineer II, Senior Engineer,
Staff Engineer" or "Levels: Junior, Mid, Senior and Lead Designer".

A line is a ladder when every member is a title (bare rank words completed from the ladder's family),
there are three or more, they climb (or fall: written from the top down) and the line's label or a
heading above says it lists levels or a track. A list of roles in no rank order ("we hire Designers,
Analysts and Engineers") is not one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.loaders.arrows import family_label, member_title
from kg.loaders.ladder_parts import climb_score, names_ladder, upward
from kg.loaders.ladders_model import Rung
from kg.loaders.level_titles import LevelTitle, climbs, may_be_title
from kg.loaders.tree import Node

__all__ = ["listed_levels"]

_MAX_CHARS = 400  # a line of levels, not a paragraph
_MEMBER_WORDS = 9  # most words between two commas of a list of titles ("Senior Engineering Manager and Director")
_LABEL = re.compile(r"^([^:]{1,40}):\s*")
_MEMBER = re.compile(r"[^,;]+")
_LAST = re.compile(r"\s+(?:and|or|then)\s+", re.I)


def listed_levels(node: Node, known: dict[str, LevelTitle], family_head: str,
                  in_context: Callable[[], bool]) -> list[Rung]:
    """The levels one line lists in rank order, lowest first (empty when the line is no such list).

    ``in_context()``: whether a heading above the line says the blocks below form a ladder.
    """
    body = node.text
    if "," not in body or len(body) > _MAX_CHARS:
        return []
    label = _LABEL.match(body)
    offset = label.end() if label else 0
    # C-level tests first: most lines with commas are prose, whose parts run longer than any title
    if any(len(part.split()) > _MEMBER_WORDS for part in body[offset:].split(",")) \
            or not may_be_title(body[offset:]):
        return []
    spans = [span for m in _MEMBER.finditer(body, offset) for span in _members(body, m.start(), m.end())]
    if len(spans) < 3:
        return []
    if not family_head:  # "Junior, Mid-level, Senior and Lead Designer": the last member names the family
        last = member_title(body[spans[-1][0]:spans[-1][1]], known, "")
        family_head = family_label(last) if last is not None else ""
    rungs: list[Rung] = []
    for start, end in spans:
        t = member_title(body[start:end], known, family_head)
        if t is None:
            return []  # one member is not a title: prose, not a list of levels
        rungs.append(Rung(t, node.start + start, node.start + end))
    seq = upward(rungs)
    falls = any(climbs(a.title, b.title) < 0 for a, b in zip(seq, seq[1:], strict=False))
    if len(seq) < 3 or falls or climb_score(seq) <= 0:
        return []
    return seq if (label and names_ladder(label.group(1))) or in_context() else []


def _members(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of one comma-separated part, split again at a last "and"/"or" ("Senior and Lead")."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _LAST.finditer(body, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for a, b in spans:
        text = body[a:b]
        lead = len(text) - len(text.lstrip())
        text = text.strip().rstrip(".")
        if text:
            out.append((a + lead, a + lead + len(text)))
    return out
