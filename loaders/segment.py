"""Split a document's plain text into headed blocks and sentences, each with its span.

A block is one line (a heading, a bullet item or a paragraph); every block knows the
nearest heading above it and the *section kind* that heading implies (requirements,
preferred, responsibilities, progression, market, challenges, faq, cover-letter …).
Works on the plain text the readers produce: ``- `` / ``•`` bullets, ``Label: text``
items, short title-like lines and ``Label:`` lines as headings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from kg.loaders.tree import Node

__all__ = ["Block", "Sentence", "segment", "segment_nodes", "nodes_from_blocks", "sentences", "section_kind",
           "Prefilter", "WEAK_SECTIONS", "has_word"]

WEAK_SECTIONS = frozenset({"market", "trends", "challenges", "faq", "cover-letter", "salary", "benefits", "related"})


class Block(NamedTuple):
    """One line of the document: ``kind`` is ``heading``, ``item``, ``row`` (of a table) or ``text``.

    Blocks and sentences are named tuples (immutable, hashable): hundreds are made per document.
    """

    kind: str
    text: str
    start: int
    end: int
    depth: int
    heading: str
    section: str
    node: int = -1


class Sentence(NamedTuple):
    """A sentence (or clause-bounded piece) of a block, with its span."""

    text: str
    start: int
    end: int
    block: Block


# Named tuples made as plain tuples: skips their Python-level __new__ (hundreds per document).
_new = tuple.__new__


def segment(text: str) -> list[Block]:
    """Return the blocks of ``text`` in document order.

    >>> [(b.kind, b.text, b.section) for b in segment("Requirements\\n- Python\\n")]
    [('heading', 'Requirements', 'requirements'), ('item', 'Python', 'requirements')]
    """
    blocks: list[Block] = []
    heading, section, inherited = "", "other", "other"
    lines = text.split("\n")
    # every line's start offset: the lengths of the lines before it, each with its "\n"
    line_starts = accumulate(map((1).__add__, map(len, lines)), initial=0)
    for i, (raw, start) in enumerate(zip(lines, line_starts, strict=False)):  # one more start: past the end
        end = start + len(raw)
        body = raw.strip()
        if not body:
            continue
        b_start = start + (len(raw) - len(raw.lstrip()))
        bullet = _BULLET.match(raw) if body[0] in _BULLET_STARTS or body[0].isdigit() else None
        depth = 0
        if bullet:
            depth = 1 + len((bullet.group(1) or bullet.group(2) or "").expandtabs(4)) // 2
            b_start = start + bullet.end()
            body = text[b_start:end].strip()
            if not body:
                continue
        b_end = b_start + len(body)
        if not bullet and _is_heading(body, lines, i):
            heading = body.rstrip(":").strip()
            kind = section_kind(heading)
            if kind is not None:
                inherited = kind
            section = kind or inherited
            blocks.append(_new(Block, ("heading", body, b_start, b_end, 0, heading, section, -1)))
            continue
        if bullet and body.endswith(":") and len(body.split()) <= 8:
            kind = "preferred" if section_kind(body.rstrip(":")) == "preferred" else section
            blocks.append(_new(Block, ("heading", body, b_start, b_end, depth, heading, kind, -1)))
            continue
        kind = "item" if bullet else "row" if body.startswith("|") else "text"
        blocks.append(_new(Block, (kind, body, b_start, b_end, depth, heading, section, -1)))
    return blocks


def segment_nodes(nodes: tuple[Node, ...]) -> list[Block]:
    """Turn a document tree into blocks: headings nest by level, sections come from the nearest
    heading that names one; code lines get section ``code`` and navigation ``nav``.

    A list item or line that ends with ``:`` and has at most eight words introduces what
    follows (a field label such as "Requirements:"), as in plain text.
    """
    blocks: list[Block] = []
    stack: list[tuple[int, str, str | None]] = []  # (level, heading text, section kind)
    for n, node in enumerate(nodes):
        kind, body = node.kind, node.text
        if kind == "heading":
            while stack and stack[-1][0] >= node.level:
                stack.pop()
            title = body.rstrip(":").strip()
            stack.append((node.level, title, section_kind(title)))
        heading = stack[-1][1] if stack else ""
        section = next((k for _, _, k in reversed(stack) if k is not None), "other")
        if node.nav:
            section = "nav"
        elif kind == "code":
            section = "code"
        if kind == "heading":
            blocks.append(_new(Block, ("heading", body, node.start, node.end, 0, heading, section, n)))
            continue
        if kind in ("item", "text") and body.endswith(":") and len(body.split()) <= 8:
            own = section_kind(body.rstrip(":"))
            label_section = "preferred" if own == "preferred" else section
            blocks.append(_new(Block, ("heading", body, node.start, node.end, max(node.level, 1), heading,
                                       label_section, n)))
            continue
        block_kind = "text" if kind == "code" else kind
        blocks.append(_new(Block, (block_kind, body, node.start, node.end, node.level if kind == "item" else 0,
                                   heading, section, n)))
    return blocks


def sentences(blocks: list[Block], text: str) -> list[Sentence]:
    """Split every block into sentences (at ``. `` followed by a capital, ``? ``, ``! ``)."""
    out: list[Sentence] = []
    for block in blocks:
        pos = block.start
        if _MAY_END.search(text, pos, block.end) is None:  # most lines: one sentence, no regex pass
            line = text[pos:block.end]
            piece = line.strip()
            if piece:
                s = pos + len(line) - len(line.lstrip())
                out.append(_new(Sentence, (piece, s, s + len(piece), block)))
            continue
        for m in _SENT_END.finditer(text, block.start, block.end):
            piece = text[pos:m.start() + 1].strip()
            if piece:
                s = text.index(piece, pos)
                out.append(_new(Sentence, (piece, s, s + len(piece), block)))
            pos = m.end()
        piece = text[pos:block.end].strip()
        if piece:
            s = text.index(piece, pos)
            out.append(_new(Sentence, (piece, s, s + len(piece), block)))
    return out


class Prefilter(dict[str, bool]):
    """A cheap test for case-insensitive patterns that cannot match without one of some literals.

    ``Prefilter(*literals)(text)`` is False only when ``text`` holds none of the (lower-case)
    literals, ignoring case, so False guarantees the pattern does not match. Texts with the
    few non-ASCII letters that ``re.I`` folds onto ASCII ones (``ı İ ſ K``) always pass.

    With ``word_start=True`` a literal only counts where no ASCII letter or digit precedes
    it: for patterns that put ``\\b`` before every literal (each starting with a letter or
    digit), so that "ms" inside "systems" does not pass.

    >>> nice = Prefilter("nice", "bonus")
    >>> nice("Nice To Have: Go"), nice("Go")
    (True, False)
    >>> ms = Prefilter("ms", word_start=True)
    >>> ms("MS in CS"), ms("(ms)"), ms("systems")
    (True, True, False)
    """

    def __init__(self, *literals: str, word_start: bool = False) -> None:
        super().__init__()
        # plain literals are found by substring tests (C, far faster than an alternation regex)
        self._pattern = re.compile(_word_start_pattern(literals)) if word_start else None
        self._literals = literals

    # A text seen before is answered by the C-level dict lookup, without a Python-level call.
    __call__ = dict.__getitem__

    def __missing__(self, text: str) -> bool:
        if len(self) >= _PREFILTER_SIZE:
            self.clear()
        low = text.lower() if text.isascii() else _folded(text)
        if low is None:
            value = True
        elif self._pattern is not None:
            value = self._pattern.search(low) is not None
        else:  # a plain loop: for the few literals most prefilters have, cheaper than any(map(...))
            value = False
            for literal in self._literals:
                if literal in low:
                    value = True
                    break
        self[text] = value
        return value


def has_word(text: str, word: str, before: str = "") -> bool:
    """True when ``word`` occurs in ``text`` as a whole word: no word character (``\\w``: a letter,
    digit or underscore) next to it, nor one of ``before`` right before it.

    Plain string scans, not a regex built from the word: a document's words never become
    patterns (which :mod:`kg.regexcache` would keep).

    >>> has_word("IT operations, DevOps", "operations"), has_word("the cooperations", "operations")
    (True, False)
    """
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        left = text[at - 1] if at else " "
        right = text[end] if end < len(text) else " "
        if not (left.isalnum() or left == "_" or left in before) and not (right.isalnum() or right == "_"):
            return True
        at = text.find(word, at + 1)
    return False


def _word_start_pattern(literals: tuple[str, ...]) -> str:
    """Literals grouped by first character, each group checking what precedes it once."""
    groups: dict[str, list[str]] = {}
    for w in literals:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{re.escape(c)}(?<![a-z0-9]{re.escape(c)})(?:"
                    + "|".join(re.escape(r) for r in sorted(rests, key=len, reverse=True)) + ")"
                    for c, rests in groups.items())


@lru_cache(maxsize=1 << 12)
def _folded(text: str) -> str | None:
    """``text`` in lower case, or None when it holds a letter ``re.I`` folds onto an ASCII one."""
    if not text.isascii() and _ODD_CASE.search(text):
        return None
    return text.lower()


@lru_cache(maxsize=1 << 12)
def section_kind(heading: str) -> str | None:
    """Return the section kind a heading names, or None when it names none.

    >>> section_kind("Nice to have"), section_kind("Salary Ranges (US Market, 2024)")
    ('preferred', 'salary')
    """
    low = " " + heading.lower()
    for kind, pattern in _section_patterns():
        if pattern.search(low):
            return kind
    return None


@lru_cache(maxsize=1)
def _section_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Per kind, one pattern for "any of its words right after a space or a hyphen"."""
    return tuple((kind, re.compile("[ -](?:" + "|".join(re.escape(w) for w in words) + ")"))
                 for kind, words in _SECTION_WORDS)


# The first non-blank character of every line _BULLET matches.
_BULLET_STARTS = frozenset("-*+•●▪◦‣·–")
_BULLET = re.compile(r"^([ \t]*)(?:[-*+•●▪◦‣·–]|\d{1,2}[.)])[ \t]+|^([ \t]*)[-•]$")
# A sentence ends at ".!?" after a letter, digit or closing bracket and before a capital, or at ".!?"
# before two or more spaces. The mark comes first so the regex engine scans for it (a leading
# lookbehind made it try every position: twelve times slower).
_SENT_END = re.compile(r"[.!?](?:(?<=[a-z0-9)%\]][.!?])(?=\s+[A-Z\"'(\[])|(?=\s{2,}))")
# Every _SENT_END match has one of ".!?" followed by white space inside the block.
_MAY_END = re.compile(r"[.!?]\s")
_HEADING_END = re.compile(r"[.,;!]$")
_PREFILTER_SIZE = 1 << 12  # texts remembered per prefilter
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")
_SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cover-letter", ("cover letter",)),
    ("benefits", ("benefit", "perks", "what we offer", "why join")),
    ("related", ("related occupation", "related roles", "related careers", "similar occupation")),
    ("faq", ("frequently asked", "faq", "questions")),
    ("preferred", ("nice to have", "preferred", "bonus", "desirable", "pluses", "good to have", "even better",
                   "extra credit")),
    ("progression", ("career progression", "career path", "career ladder", "advancement",
                     "progression", "growth path", "career outlook", "career trajectory", "ladder", "career growth",
                     "levels", "move up", "moving up", "promotion")),
    ("salary", ("salary", "salaries", "compensation", "pay range", "earnings")),
    ("challenges", ("challenge", "pitfall", "obstacle")),
    ("trends", ("trend", "emerging", "future of", "outlook")),
    ("market", ("market", "demand", "industry-wide", "hiring landscape", "employer")),
    ("requirements", ("requirement", "qualification", "skill", "competenc", "expertise", "technical depth",
                      "education", "experience", "what you bring", "what we're looking", "you have",
                      "must have", "about you", "who you are", "proficien", "knowledge", "certification",
                      "stack", "tools", "technolog")),
    ("responsibilities", ("responsibilit", "duties", "tasks", "what you'll do", "what you will do", "day to day",
                          "day-to-day", "the role", "role at a glance", "overview", "about the", "summary",
                          "the job", "position")),
    ("development", ("career development", "development", "learning", "training", "growth")),
    ("practices", ("best practice", "practices", "tips")),
)


def _next_nonblank(lines: list[str], i: int) -> str:
    for k in range(i + 1, len(lines)):
        line = lines[k].strip()
        if line:
            return line
    return ""


def _is_heading(body: str, lines: list[str], i: int) -> bool:
    """Whether line ``i`` (``body``, stripped) heads what follows (the next line is read only if needed)."""
    words = body.split(maxsplit=25)  # counts above 25 all compare alike below
    if body.endswith(":") and len(words) <= 8:
        return True
    if body.endswith("?") and len(words) <= 25:
        next_line = _next_nonblank(lines, i)
        if next_line and not next_line.startswith(("-", "•")):
            return True
    if len(words) > 9 or len(body) > 80 or _HEADING_END.search(body):
        return False
    return bool(_next_nonblank(lines, i)) and body[0].isupper()



def nodes_from_blocks(blocks: Sequence[Block], text: str) -> tuple[Node, ...]:
    """A tree for plain text read by the line segmenter: headings, items, rows (cells split at
    ``|``) and lines; consecutive blocks of one kind and depth under one heading share a group."""
    nodes: list[Node] = []
    group = current = 0
    last: tuple[str, int] | None = None
    item_indent = -1  # the indentation of the list item the lines so far belong to
    for b in blocks:
        key = (b.kind, b.depth)
        line_start = text.rfind("\n", 0, b.start) + 1
        indent = len(text[line_start:b.start]) - len(text[line_start:b.start].lstrip(" \t"))  # before any bullet
        if b.kind == "text" and last is not None and last[0] == "item" and indent > item_indent >= 0:
            # a line indented under an item ("  - name: X" then "    years: 2"): the item's; the list goes on
            group += 1
            nodes.append(Node(b.kind, b.text, b.start, b.end, b.depth, group))
            continue
        if key != last or b.kind == "heading":
            group += 1
            current = group
            last = key
        item_indent = indent if b.kind == "item" else -1
        if b.kind == "heading":
            nodes.append(Node("heading", b.text, b.start, b.end, 1 if b.depth == 0 else 7, current))
        elif b.kind == "row":
            nodes.append(Node("row", b.text, b.start, b.end, 0, current, _row_cells(text, b.start, b.end)))
        else:
            nodes.append(Node(b.kind, b.text, b.start, b.end, b.depth, current))
    return tuple(nodes)


def _row_cells(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    cells: list[tuple[int, int]] = []
    line = text[start:end]
    pos = 1 if line.startswith("|") else 0
    stop = len(line) - 1 if line.endswith("|") else len(line)
    while pos <= stop:
        cut = line.find("|", pos, stop)
        cut = stop if cut < 0 else cut
        cell = line[pos:cut]
        lead = len(cell) - len(cell.lstrip())
        cells.append((start + pos + lead, start + pos + len(cell.rstrip())))
        pos = cut + 1
    return tuple(cells)
