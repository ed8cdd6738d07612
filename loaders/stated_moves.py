"""Moves stated in words: labelled fields ("Career advancement: X") and prose patterns.

The rules live in ``rules/moves.toml``. A field's move runs from the role its heading names to
each title in its value. A prose pattern names both ends ("X are the next level after Y"), or
only the target ("The next level in the program is X"), whose source is then the heading's role
or the level the item before it in the same list named. Noun phrases are trimmed to the title
they end or start with, plurals read as the singular title ("staff engineers").

A heading, line or field value that is only whole titles joined by "to" ("Senior Analyst to
Principal Analyst") is a chain of moves, and a table column headed by a field label ("Next role")
gives a move from each row's title to the titles in its cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from kg.loaders.ladder_parts import norm as _norm
from kg.loaders.ladders_model import Rung, Step
from kg.loaders.level_titles import LevelTitle, parse_title
from kg.loaders.rules import load_rules
from kg.loaders.tree import Node

__all__ = ["stated_moves", "phrase_title", "table_moves"]

_PHRASE = r"[^\W\d_][\w/&+.’'-]*(?:[ \t]+[\w/&+.’'-]+){0,6}"
_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z '-]{1,40}?)\s*:\s*(\S.*)$")
_SPLIT = re.compile(r"\s*(?:,|;|\bor\b|\band\b|/)\s*", re.I)
_PARENS = re.compile(r"\([^()]*\)")
_CLAUSE = re.compile(r"[.;:!?](?:\s|$)|,\s")


def stated_moves(text: str, nodes: tuple[Node, ...], known: dict[str, LevelTitle]) -> list[Step]:
    """Return the moves fields and prose state, in document order."""
    labels, patterns = _rules()
    steps: list[Step] = []
    headings: list[tuple[int, Rung | None]] = []
    last_in_group: dict[int, Rung | Node] = {}  # a node: its leading title, read when needed
    for node in nodes:
        if node.kind == "heading":
            while headings and headings[-1][0] >= node.level:
                headings.pop()
            t = parse_title(node.text, True)
            headings.append((node.level, Rung(t, node.start, node.end) if t else None))
            if t is None and not node.nav:  # "## Senior Analyst to Principal Analyst": a promotion's heading
                steps.extend(_chain_steps(node, _title_chain(node.text, node.start, known)))
            continue
        if node.kind not in ("text", "item") or node.nav:
            continue
        chain = _title_chain(node.text, node.start, known)
        if chain:  # a line that is only titles joined by "to": "SDR to Account Executive to Sales Manager"
            steps.extend(_chain_steps(node, chain))
            last_in_group[node.group] = chain[-1]
            continue
        subject = next((r for _, r in reversed(headings) if r is not None), None)
        held = last_in_group.get(node.group)

        def source(held: Rung | Node | None = held, subject: Rung | None = subject) -> Rung | None:
            before = _leading_title(held, known) if isinstance(held, Node) else held
            return before or subject

        found = _field_moves(node, labels, subject, known) + _prose_moves(node, patterns, source, known)
        steps.extend(found)
        last_in_group[node.group] = found[-1].b if found else node
    return steps


def table_moves(text: str, rows: list[Node], known: dict[str, LevelTitle]) -> list[Step]:
    """Moves a table states in a column headed by a move label ("Next role", "Promotes to"): from the
    row's first title to each title in that column's cell."""
    labels, _ = _rules()
    head = next((r for r in rows if r.header), rows[0])
    targets = {c for c, (s, e) in enumerate(head.cells) if text[s:e].strip().rstrip(":").lower() in labels}
    if not targets:
        return []
    out: list[Step] = []
    for row in rows:
        if row is head or row.header:
            continue
        source = next((r for c, (s, e) in enumerate(row.cells) if c not in targets
                       and (r := _whole_title(text, s, e, known)) is not None), None)
        if source is None:
            continue
        for c in sorted(targets):
            if c >= len(row.cells):
                continue
            start, end = row.cells[c]
            for offset, piece in _pieces(text[start:end]):
                found = phrase_title(piece, known, "start")
                if found is not None and found[0].label != source.title.label:
                    at = start + offset
                    out.append(Step(source, Rung(found[0], at, at + found[1]), row.start, row.end, "explicit-move"))
    return out


def _whole_title(text: str, start: int, end: int, known: dict[str, LevelTitle]) -> Rung | None:
    cell = text[start:end].strip()
    t = known.get(_norm(cell)) or parse_title(cell, True) if cell else None
    return Rung(t, start, end) if t is not None else None


# (words every match holds, groups of words one of which every match holds, cue, whole pattern)
_Rule = tuple[tuple[str, ...], tuple[tuple[str, ...], ...], re.Pattern[str], re.Pattern[str]]


@lru_cache(maxsize=1)
def _rules() -> tuple[frozenset[str], list[_Rule]]:
    data = load_rules("moves")
    labels = frozenset(w for f in data["field"] for w in f["labels"])
    patterns: list[_Rule] = []
    for rule in data["prose"]:
        text = rule["pattern"]
        source = text.replace("{from}", f"(?P<src>{_PHRASE})").replace("{to}", f"(?P<dst>{_PHRASE})")
        # the cue: the pattern without a leading phrase, searched first (a leading phrase backtracks)
        cue = re.sub(r"^\{(?:from|to)\}\s*", "", text).replace("{from}", _PHRASE).replace("{to}", _PHRASE)
        patterns.append((required_words(text), required_choices(text), re.compile(cue, re.I),
                         re.compile(source, re.I)))
    return labels, patterns


def required_words(pattern: str) -> tuple[str, ...]:
    """The literal words every match of a rule pattern holds (its prefilter), read off the pattern.

    >>> required_words(r"{to} (?:is|are) the next (?:level|step) after {from}")
    ('the', 'next', 'after')
    """
    bare = pattern
    while True:  # drop groups, innermost first, then placeholders, classes and escapes
        stripped = re.sub(r"\((?:[^()\\]|\\.)*\)[?*]?|\[[^\]]*\](?:\{[^}]*\})?[?*+]?", " ", bare)
        if stripped == bare:
            break
        bare = stripped
    bare = re.sub(r"\{(?:from|to)\}|\\[a-zA-Z]", " ", bare)
    return tuple(w.lower() for w in re.findall(r"[A-Za-z]{3,}(?![?*])", bare))


def required_choices(pattern: str) -> tuple[tuple[str, ...], ...]:
    """For each group a rule pattern always matches, the words one of which every match holds.

    A group counts when it is not optional and every alternative starts with three or more letters
    (their letters are the choice: "promot" for ``promot(?:ed|ion)``).

    >>> required_choices(r"\\b(?:highest|final|top) level (?:is|are) (?:an? )?{to}")
    (('highest', 'final', 'top'),)
    """
    out: list[tuple[str, ...]] = []
    for body in _top_groups(pattern):
        leads = [re.match(r"[A-Za-z]{3,}", alt) for alt in _alternatives(body)]
        if all(leads):
            out.append(tuple(m.group().lower() for m in leads if m))
    return tuple(out)


def _top_groups(pattern: str) -> list[str]:
    """The bodies of the non-optional ``(?:...)`` groups at the top level of ``pattern``."""
    out: list[str] = []
    depth, start, i, in_class = 0, -1, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")":
            depth -= 1
            optional = pattern[i + 1:i + 2] in ("?", "*") or pattern[i + 1:i + 3] == "{0"
            if depth == 0 and pattern.startswith("(?:", start) and not optional:
                out.append(pattern[start + 3:i])
        i += 1
    return out


def _alternatives(body: str) -> list[str]:
    """A group body cut at its top-level ``|``."""
    parts, depth, last, i = [], 0, 0, 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        depth += (c == "(") - (c == ")")
        if c == "|" and depth == 0:
            parts.append(body[last:i])
            last = i + 1
        i += 1
    return [*parts, body[last:]]


def _field_moves(node: Node, labels: frozenset[str], subject: Rung | None,
                 known: dict[str, LevelTitle]) -> list[Step]:
    m = _FIELD.match(node.text) if ":" in node.text else None  # every field has its colon
    if m is None or m.group(1).strip().lower() not in labels:
        return []
    value_at = node.start + m.start(2)
    value = _PARENS.sub(lambda p: " " * len(p.group()), m.group(2))
    chain = _title_chain(value, value_at, known)
    if chain:  # "Progression: A to B"
        return _chain_steps(node, chain)
    if subject is None:
        return []
    out: list[Step] = []
    for offset, piece in _pieces(value):
        t = phrase_title(piece, known, "start")
        if t is not None:
            s = value_at + offset
            out.append(Step(subject, Rung(t[0], s, s + t[1]), node.start, node.end, "explicit-move"))
    return out


_CHAIN_LEAD = re.compile(r"^\s*(?:(?:moving|promotion|progression)\s+)?(?:from\s+)?", re.I)
_CHAIN_LINK = re.compile(r"\s+(?:to|into|→|->)\s+", re.I)
_CHAIN_WORDS = (" to ", " To ", " into ", "→", "->")  # one of them is in every chain of one-line blocks


def _title_chain(text: str, at: int, known: dict[str, LevelTitle]) -> list[Rung]:
    """Whole titles joined by "to" ("Senior Analyst to Principal Analyst", "SDR to AE to Sales Manager"),
    with their spans; empty unless every part is a title."""
    if not any(link in text for link in _CHAIN_WORDS):
        return []
    lead = _CHAIN_LEAD.match(text)
    pos = lead.end() if lead else 0
    body_end = len(text.rstrip(" \t.:"))
    parts: list[tuple[int, str]] = []
    phrases: list[str] = []
    for m in _CHAIN_LINK.finditer(text, pos, body_end):  # lazily: most prose fails at its first "to"
        if not _chain_part(text, pos, m.start(), parts, phrases):
            return []
        pos = m.end()
    if not parts or not _chain_part(text, pos, body_end, parts, phrases):
        return []
    chain: list[Rung] = []
    for (a, part), phrase in zip(parts, phrases, strict=True):
        t = known.get(_norm(phrase)) or parse_title(phrase, True)
        if t is None:
            return []
        start = at + a + part.index(phrase)
        chain.append(Rung(t, start, start + len(phrase)))
    labels = [r.title.label for r in chain]
    return chain if all(x != y for x, y in zip(labels, labels[1:], strict=False)) else []


def _chain_part(text: str, a: int, b: int, parts: list[tuple[int, str]], phrases: list[str]) -> bool:
    """Add ``text[a:b]`` to the chain's parts; False when it cannot be a title.

    Titles are capitalised and at most eight words: a sentence with "to" in it is no chain.
    """
    part = text[a:b]
    phrase = part.strip("*_ ")
    if not (phrase[:1].isupper() or phrase[:1].isdigit()) or phrase.count(" ") >= 8:
        return False
    parts.append((a, part))
    phrases.append(phrase)
    return True


def _chain_steps(node: Node, chain: list[Rung]) -> list[Step]:
    return [Step(a, b, node.start, node.end, "explicit-move") for a, b in zip(chain, chain[1:], strict=False)]


def _pieces(value: str) -> list[tuple[int, str]]:
    """The parts of a field value between commas, slashes, "or" and "and", with their offsets."""
    out: list[tuple[int, str]] = []
    pos = 0
    for m in [*_SPLIT.finditer(value), None]:
        end = m.start() if m is not None else len(value)
        piece = value[pos:end]
        if piece.strip():
            out.append((pos + len(piece) - len(piece.lstrip()), piece.strip()))
        pos = m.end() if m is not None else end
    return out


def _prose_moves(node: Node, patterns: list[_Rule], fallback: Callable[[], Rung | None],
                 known: dict[str, LevelTitle]) -> list[Step]:
    out: list[Step] = []
    low = node.text.lower()
    for words, choices, cue, pattern in patterns:
        if words and words[0] not in low or not all(w in low for w in words) \
                or not all(any(c in low for c in group) for group in choices) or not cue.search(node.text):
            continue
        for m in (m for sent in _sentences(node.text) for m in pattern.finditer(node.text, *sent)):
            b = _end(node, m, "dst", known)
            if b is None:
                continue
            a = _end(node, m, "src", known) if "src" in pattern.groupindex else fallback()
            if a is not None and a.title.label != b.title.label \
                    and all((x.a.title.label, x.b.title.label) != (a.title.label, b.title.label) for x in out):
                out.append(Step(a, b, node.start, node.end, "explicit-move"))
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a block (a pattern never matches across two)."""
    cuts = [0, *(p for m in _SENTENCE_END.finditer(text) for p in (m.start(), m.end())), len(text)]
    return [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts), 2)]


def _end(node: Node, m: re.Match[str], group: str, known: dict[str, LevelTitle]) -> Rung | None:
    """The title a matched phrase names: the end of a phrase before the cue, the start of one after it."""
    phrase = m.group(group).rstrip(".,;: ")
    side = "end" if m.start(group) == m.start() and m.end(group) < m.end() else "start"
    found = phrase_title(phrase, known, side)
    if found is None:
        return None
    title, length = found
    at = node.start + m.start(group)
    return Rung(title, at + len(phrase) - length, at + len(phrase)) if side == "end" else Rung(title, at, at + length)


def phrase_title(phrase: str, known: dict[str, LevelTitle], side: str) -> tuple[LevelTitle, int] | None:
    """The title a noun phrase starts (``side="start"``) or ends with, and its length in characters.

    >>> phrase_title("staff engineers", {}, "end")[0].label
    'Staff engineer'
    """
    cut = _CLAUSE.split(phrase)  # a phrase never runs over a sentence or clause mark
    phrase = cut[0] if side == "start" else cut[-1]
    words = phrase.split()
    for k in range(min(len(words), 7), 0, -1):
        window = words[:k] if side == "start" else words[len(words) - k:]
        for candidate in (window, [*window[:-1], _singular(window[-1])]):
            label = " ".join(candidate).strip(".,;:")
            hit = known.get(_norm(label))
            t = hit or parse_title(label, True)
            if t is not None and (hit is not None or _plausible(candidate)):
                return (t if hit is not None else _capitalised(t)), len(" ".join(window).rstrip(".,;:"))
    return None


def _leading_title(node: Node, known: dict[str, LevelTitle]) -> Rung | None:
    words = node.text.split()[:7]
    for k in range(len(words), 0, -1):
        label = " ".join(words[:k]).strip("*_.,;:")
        t = known.get(_norm(label)) or parse_title(label)
        if t is not None:
            return Rung(t, node.start, node.start + len(label))
    return None


def _plausible(words: list[str]) -> bool:
    """A lower-case phrase read as a title must not start with a determiner or a pronoun."""
    return words[0].lower() not in ("the", "a", "an", "this", "that", "our", "your", "their", "its", "his", "her")


def _capitalised(t: LevelTitle) -> LevelTitle:
    if t.label[:1].islower():
        return t._replace(label=t.label[:1].upper() + t.label[1:])
    return t


def _singular(word: str) -> str:
    low = word.rstrip(".,;:")
    if low.lower().endswith("ies"):
        return low[:-3] + "y"
    if low.lower().endswith("s") and not low.lower().endswith("ss") and len(low) > 3:
        return low[:-1]
    return low

