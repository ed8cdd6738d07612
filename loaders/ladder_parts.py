"""Shared pieces of the ladder readers: a block read as a title (or alternatives), runs of rungs
collapsed and scored by how they climb, steps between adjacent levels, and the ladder context a
heading gives.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from operator import attrgetter

from kg.loaders.ladders_model import Rung, Step
from kg.loaders.level_titles import climbs, may_be_title, parse_title
from kg.loaders.rules import load_rules
from kg.loaders.tree import Node

__all__ = ["TITLE_CHARS", "LEAD", "LEAD_CHARS", "block_rung", "collapse", "climb_score", "climb_steps", "expand",
           "ladder_context", "names_ladder", "node_index", "norm", "upward", "words_pattern"]

LEAD_CHARS = 80  # the longest lead a line is read for ("Staff Engineer: sets direction")
LEAD = re.compile(rf"^(.{{3,{LEAD_CHARS}}}?)\s*(?::|\s[-–—]\s)")

TITLE_CHARS = 120  # longer blocks are prose, never one title
_ALTERNATIVES = re.compile(r"\s+/\s+|\s+or\s+")


def block_rung(text: str, start: int, end: int) -> Rung | None:
    """A whole block read as a title, or as alternatives ("Junior SRE / Systems Engineer").

    Memoised for the current document only (the ladder readers ask about the same cells
    and lines several times; another text empties the memo, so no text is kept alive).
    """
    if end - start > TITLE_CHARS and 0 <= start and end <= len(text):
        return None  # prose, never one title (no need to remember)
    if text is not _MEMO_TEXT[0]:
        _MEMO_TEXT[0] = text
        _MEMO.clear()
    key = (start, end)
    if key in _MEMO:
        return _MEMO[key]
    found = _MEMO[key] = _block_rung(text, start, end)
    return found


_MEMO_TEXT: list[str | None] = [None]
_MEMO: dict[tuple[int, int], Rung | None] = {}


def _block_rung(text: str, start: int, end: int) -> Rung | None:
    body = text[start:end]
    if len(body) > TITLE_CHARS or not may_be_title(body):
        return None
    cuts = [(m.start(), m.end()) for m in _ALTERNATIVES.finditer(body)] if " / " in body or " or " in body else []
    bounds = [0, *(p for c in cuts for p in c), len(body)]
    parts = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    if len(parts) >= 2:
        found = [(parse_title(body[a:b], True), a, b) for a, b in parts]
        rungs = [Rung(f[0], start + f[1], start + f[2]) for f in found if f[0] is not None]
        if len(rungs) == len(found):
            return rungs[0]._replace(alts=tuple(rungs[1:]))
    t = parse_title(body, True)
    return Rung(t, start, end) if t is not None else None


def collapse(seq: list[Rung]) -> list[Rung]:
    """Drop a title that repeats the one before it (one level spread over several rows); a title repeated
    with another level code beside it ("Software Engineer (IC1)", "Software Engineer (IC2)") is another
    level, named with its code ("IC1 Software Engineer")."""
    out: list[Rung] = []
    for r in seq:
        if not out or out[-1].title.label != r.title.label:
            out.append(r)
        elif r.title.code and out[-1].title.code and r.title.code != out[-1].title.code:
            out[-1] = _coded(out[-1])
            out.append(_coded(r))
    return out


def _coded(r: Rung) -> Rung:
    t = r.title
    if t.label.startswith(t.code + " "):
        return r
    return r._replace(title=t._replace(label=f"{t.code} {t.label}"))


def climb_score(seq: list[Rung]) -> int:
    return sum(climbs(a.title, b.title) for a, b in zip(seq, seq[1:], strict=False))


def upward(seq: list[Rung]) -> list[Rung]:
    """``seq`` from its lowest level up: levels written from the top down ("Principal, Staff, Senior")
    are reversed; any other order is kept."""
    if len(seq) >= 2 and climb_score(seq) < 0 and all(climbs(a.title, b.title) <= 0
                                                      for a, b in zip(seq, seq[1:], strict=False)):
        return seq[::-1]
    return seq


def climb_steps(seq: list[Rung], basis: str, alternatives: bool) -> list[Step]:
    """Steps between adjacent levels; with ``alternatives``, titles of one rank form one stage."""
    stages: list[list[Rung]] = []
    for r in seq:
        if alternatives and stages and climbs(stages[-1][0].title, r.title) == 0 \
                and stages[-1][0].title.family.split(" (")[0] == r.title.family.split(" (")[0]:
            stages[-1].append(r)
        else:
            stages.append([r])
    return [Step(a, b, b.start, b.end, basis) for sa, sb in zip(stages, stages[1:], strict=False)
            for a in expand(sa) for b in expand(sb)]


def expand(stage: list[Rung]) -> list[Rung]:
    return [x for r in stage for x in r.all()]



def names_ladder(text: str) -> bool:
    """Whether ``text`` (a heading, a list's label) says it is about levels or a ladder (``titles.toml``)."""
    return bool(_ladder_pattern().search(text))


def _ladder_pattern() -> re.Pattern[str]:
    return words_pattern(tuple(load_rules("titles")["context"]["ladder"]))


def ladder_context(nodes: tuple[Node, ...], node: Node) -> bool:
    """Whether a heading above ``node`` says the blocks below form a ladder."""
    pattern = _ladder_pattern()
    levels_seen = 99
    at = node_index(nodes, node)
    headings = _headings(nodes)
    for k in range(bisect_left(headings, at) - 1, -1, -1):
        other = nodes[headings[k]]
        if other.level < levels_seen:
            levels_seen = other.level
            if pattern.search(other.text):
                return True
    return False


def _headings(nodes: tuple[Node, ...]) -> list[int]:
    """Where the headings of ``nodes`` are (memoised for the current document only)."""
    if nodes is not _HEADINGS_OF[0]:
        _HEADINGS_OF[0] = nodes
        _HEADINGS[:] = [k for k, n in enumerate(nodes) if n.kind == "heading"]
    return _HEADINGS


_HEADINGS_OF: list[tuple[Node, ...] | None] = [None]
_HEADINGS: list[int] = []


@lru_cache(maxsize=64)
def words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A case-blind pattern matching any of ``words`` as whole words (a rule table's cue list)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def node_index(nodes: tuple[Node, ...], node: Node) -> int:
    """Where ``node`` (or the first node starting where it starts) is in ``nodes`` (in text order)."""
    return bisect_left(nodes, node.start, key=_START)


_START = attrgetter("start")


@lru_cache(maxsize=1 << 12)
def norm(label: str) -> str:
    """A label as lower-case words of letters, digits and ``+`` (how ladders compare names)."""
    return " ".join(_NOT_NAME_CHARS.sub(" ", label.lower()).split())


_NOT_NAME_CHARS = re.compile(r"[^a-z0-9+]+")
