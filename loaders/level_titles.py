"""Read a whole block (a table cell, a heading, a list item, a chain member) as one job title.

Ladders write titles with level codes and numerals ("IC4 Machine Learning Engineer",
"Senior Engineer 2", "OSPO Engineer II"), placeholders ("Senior {Discriminator} Engineer"),
short forms ("Sen Eng 1") and qualifiers ("Lead developer (management)"). The grammar and
its word lists live in ``rules/titles.toml``; this module applies them and ranks a title
(tier from its head and seniority words, then its numeral, or its level code) so that a run of
titles can be told to climb a ladder.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import.
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from kg.loaders.rules import load_rules

__all__ = ["LevelTitle", "parse_title", "may_be_title", "expand_abbreviations", "rank_key", "climbs"]


class LevelTitle(NamedTuple):
    """A title read from a whole block: its label, level code, rank and family."""

    label: str
    code: str
    tier: int
    sub: int
    family: str
    track: str
    aliases: tuple[str, ...] = ()


_PLACEHOLDER = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]|<[^<>]*>")
_NAMED_PLACEHOLDER = re.compile(r"\{[A-Za-z][\w -]*\}")
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_DASH_TAIL = re.compile(r"\s+[-–—|]\s+.*$")
_DASH_MARKS = ("-", "–", "—", "|")  # one is in every tail _DASH_TAIL reads (a substring test first)
_EDGE_PUNCT = " \t*_`#:;,.-–—•|\"'“”"
_MAX_WORDS = 8
_WORD = re.compile(r"^(?:[^\W_][\w.&/+'’-]*,?|&|/)$")
_LEVEL_LEAD = re.compile(r"^(?P<code>(?:[Ll]evel\s+\d{1,2})|(?:[A-Z]{1,3}\d{1,2}))\s*(?::|[-–—|])\s*(?=\S)")
_LETTER_RUN = re.compile(r"[a-z]+")
_LETTERS_ONLY = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))
_SECTION_NUMBER = re.compile(r"^(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*)[.)]$")


@lru_cache(maxsize=1 << 14)
def parse_title(text: str, loose: bool = False) -> LevelTitle | None:
    """Return the title ``text`` is, or None when it is not one.

    ``loose`` is for structural places (a title column, a level heading, a ladder list):
    lower-case words and a bare head or rank word ("Associate", "Director") are accepted there.

    >>> parse_title("IC4 Machine Learning Engineer").label
    'IC4 Machine Learning Engineer'
    >>> parse_title("Senior {Discriminator} Engineer II").label
    'Senior Engineer II'
    >>> parse_title("Builds PM leadership capacity") is None
    True
    """
    return _parse(text, loose) if may_be_title(text) else None


def _parse(text: str, loose: bool) -> LevelTitle | None:
    raw = text.strip().strip(_EDGE_PUNCT)
    if raw and not raw.isascii() and (_is_symbol(raw[0]) or _is_symbol(raw[-1])):
        raw = _without_edge_symbols(raw)  # "🌱 Junior Engineer", "Senior Engineer 🏆"
    aliases: list[str] = []
    unmarked = _PLACEHOLDER.sub(" ", raw) if "}" in raw or "]" in raw or ">" in raw else raw
    cleaned = " ".join(unmarked.split()).strip(_EDGE_PUNCT)
    if cleaned != raw and cleaned and _NAMED_PLACEHOLDER.search(raw):
        aliases.append(raw)  # "Senior {Discriminator} Engineer" is how the document writes it
    qualifier = rank = ""
    side_code = ""  # a level code written beside the title: "L3 – Senior Engineer", "Senior Engineer (L3)"
    lead = _LEVEL_LEAD.match(cleaned)
    if lead:
        side_code = lead.group("code").replace("Level ", "L").replace("level ", "L")
        cleaned = cleaned[lead.end():].strip(_EDGE_PUNCT)
    m = _PAREN.search(cleaned) if ")" in cleaned else None
    if m and _is_code(cleaned[:m.start()].strip(_EDGE_PUNCT)) and _names_title(m.group(1)):
        side_code = side_code or cleaned[:m.start()].strip(_EDGE_PUNCT)  # "L2 (Senior Engineer)": the title
        cleaned, m = m.group(1).strip(_EDGE_PUNCT), None                 # is in the brackets
    if m:
        inner = m.group(1).strip()
        cleaned = cleaned[:m.start()].strip(_EDGE_PUNCT)
        if _is_code(inner):
            side_code = side_code or inner
        elif inner.isupper() and 1 < len(inner) <= 6:
            aliases.append(inner)
        elif inner.lower() in _rules().absolute or inner.lower() in _rules().raise_words:
            rank = inner  # "Backend Engineer (Intermediate)": a rank written after the title
        elif 0 < len(inner.split()) <= 2 and inner.replace(" ", "").replace("-", "").isalpha() \
                and not any(w.lower() in _rules().stop for w in inner.split()):
            qualifier = inner  # "Lead developer (management)"; asides ("at AI-first companies", "0-2 years") drop
    dash = _DASH_TAIL.search(cleaned) if any(mark in cleaned for mark in _DASH_MARKS) else None
    if dash:
        tail = cleaned[dash.start():].strip(_EDGE_PUNCT + " ")
        if _is_code(tail):
            side_code = side_code or tail
        else:
            aliases.append(cleaned)
        cleaned = cleaned[:dash.start()].strip(_EDGE_PUNCT)
    words = cleaned.split()
    if len(words) > 1 and _SECTION_NUMBER.match(words[0]):
        words = words[1:]  # a section number before a heading ("II.", "2.1")
    if len(words) > 1 and words[0].isdigit() and len(words[0]) <= 2 and words[1][:1].isupper():
        words = words[1:]  # a level number before the title ("2 Software Engineer II")
    if not words or len(words) > _MAX_WORDS:
        return None
    expanded = expand_abbreviations(words)
    if expanded != words:
        aliases.append(" ".join(words))
    found = _read([rank, *expanded] if rank else expanded, loose)
    if found is None:
        return None
    code, tier, sub, family, track = found
    code = code or side_code
    label = " ".join(expanded) + (f" ({qualifier or rank})" if qualifier or rank else "")
    alts = _slash_alternatives(expanded)
    return LevelTitle(label, code, tier, sub, family + (f" ({qualifier})" if qualifier else ""), track,
                      tuple(dict.fromkeys(a for a in aliases + alts if a and a != label)))


def _names_title(inner: str) -> bool:
    """Whether bracketed words after a level code can be a title: capitalised, not only rank words."""
    r = _rules()
    return inner.strip()[:1].isupper() and not all(w.lower() in r.absolute or w.lower() in r.raise_words
                                                   for w in inner.split())


def _is_symbol(char: str) -> bool:
    """An emoji or other pictograph, or what joins and styles one (a joiner, a variation selector)."""
    return unicodedata.category(char) in ("So", "Sk", "Cf", "Mn", "Cs")


def _without_edge_symbols(text: str) -> str:
    start, end = 0, len(text)
    while start < end and (_is_symbol(text[start]) or text[start].isspace() or text[start] in _EDGE_PUNCT):
        start += 1
    while end > start and (_is_symbol(text[end - 1]) or text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCT):
        end -= 1
    return text[start:end]


def may_be_title(text: str) -> bool:
    """Whether ``text`` holds a word a title could rest on (a cheap test: False means no title).

    Every title :func:`parse_title` reads has a head noun (or "chief", "vice", an abbreviation of
    a head) that is a whole run of letters of the lower-cased text, perhaps with a plural "s";
    most blocks and lines have none.

    >>> may_be_title("Sen Eng 2"), may_be_title("Builds leadership capacity")
    (True, False)
    """
    r = _rules()
    if r.anchors is None:
        return True
    if text.isascii():  # the same runs, read by one byte table: letters lower-cased, the rest spaces
        return not r.ascii_anchors.isdisjoint(text.encode().translate(_LETTERS_ONLY).split())
    return not r.anchors.isdisjoint(_LETTER_RUN.findall(text.lower()))


def expand_abbreviations(words: list[str]) -> list[str]:
    """Expand the short forms ladders use ("Sen Eng 1" -> "Senior Engineer 1")."""
    abbr = _rules().abbreviations
    if abbr.keys().isdisjoint(w.lower().rstrip("+") for w in words):
        return list(words)
    return [abbr.get(w.lower().rstrip("+"), w) + ("+" if w.endswith("+") and len(w) > 1 else "")
            if w.lower().rstrip("+") in abbr else w for w in words]


def rank_key(t: LevelTitle) -> tuple[int, int]:
    """Order within one ladder: tier first, then numeral."""
    return t.tier, t.sub


def climbs(a: LevelTitle, b: LevelTitle) -> int:
    """+1 when ``b`` ranks above ``a``, -1 below, 0 when the ranks cannot be told apart."""
    if a.code and b.code and _code_prefix(a.code) == _code_prefix(b.code):
        na, nb = _code_number(a.code), _code_number(b.code)
        return (nb > na) - (nb < na)
    ka, kb = rank_key(a), rank_key(b)
    return (kb > ka) - (kb < ka)


# -- the grammar ---------------------------------------------------------------------------------

class _Rules:
    def __init__(self) -> None:
        data = load_rules("titles")
        self.head_class: dict[str, str] = {}
        for cls, words in data["heads"].items():
            for w in words:
                self.head_class.setdefault(w, cls)
        self.tiers: dict[str, int] = dict(data["tiers"])
        self.absolute: dict[str, int] = {k: v for k, v in data["seniority"].items() if isinstance(v, int)}
        self.raise_words = frozenset(k for k, v in data["seniority"].items() if v == "+1")
        self.abbreviations: dict[str, str] = dict(data["abbreviations"])
        self.connectors = frozenset(data["words"]["connectors"])
        self.stop = frozenset(data["words"]["stop"])
        self.openers = frozenset(data["words"]["openers"])
        self.code = re.compile(data["words"]["code_pattern"])
        self.numerals: dict[str, int] = dict(data["words"]["numerals"])
        self.of_heads = frozenset({"head", "director", "vp", "president", "manager", "chief", "officer"})
        self.anchors = self._anchors()
        self.ascii_anchors = frozenset(a.encode() for a in self.anchors or ())

    def _anchors(self) -> frozenset[str] | None:
        """The letter runs one of which every title has (see :func:`may_be_title`); None when a
        head is not plain lower-case ASCII letters (then the test cannot be trusted)."""
        heads = {*self.head_class, *self.of_heads, "vice"}
        heads |= {k for k, v in self.abbreviations.items() if _singular(v) in heads}
        if not all(h.isascii() and h.isalpha() and h.islower() for h in heads):
            return None
        return frozenset(heads | {h + "s" for h in heads})


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _Rules()


def _is_code(word: str) -> bool:
    return bool(_rules().code.match(word))


def _code_prefix(code: str) -> str:
    return code.rstrip("0123456789")


def _code_number(code: str) -> int:
    return int(code[len(_code_prefix(code)):] or 0)


def _singular(word: str) -> str:
    low = word.lower().rstrip("+")
    return low[:-1] if low.endswith("s") and not low.endswith("ss") and len(low) > 3 else low


def _read(words: list[str], loose: bool) -> tuple[str, int, int, str, str] | None:
    """(code, tier, sub, family, track) of a title, or None."""
    r = _rules()
    code = ""
    if _is_code(words[0]) and len(words) > 1:
        code, words = words[0], words[1:]
    sub = 0
    if len(words) > 1 and words[-1] in r.numerals:
        sub, words = r.numerals[words[-1]], words[:-1]
    if not all(_WORD.match(w) for w in words):
        return None  # arrows, quotes, brackets: not one title
    lows = [w.lower() for w in words]
    if any(low in r.stop and not w.isupper() and not (k == 0 and loose and low in r.openers)
           for k, (w, low) in enumerate(zip(words, lows, strict=True))) or any(map(str.isdigit, "".join(words))):
        return None
    if lows[0] in r.connectors or lows[-1] in r.connectors - {"/"}:
        return None
    head_at = _head_index(words, lows, loose)
    if head_at is None:
        return None
    head_word = lows[head_at].rstrip(",+")
    if head_word.endswith("s") and _singular(head_word) != head_word and head_word not in r.head_class:
        return None  # a plural ("engineering leaders") names people, not a title
    head = next((p for p in _singular(head_word).split("/") if p in r.head_class or p in r.absolute),
                _singular(head_word))
    cls = r.head_class.get(head, "ic")
    if len(words) == 1 and head in r.absolute and cls in ("ic", "trainee") and "/" not in words[0]:
        return code, r.absolute[head], sub, head, "ic"  # a bare rank word: "Associate", "Intern"
    tier = r.tiers.get(cls, 2)
    pre = lows[:head_at]
    if not loose and not all(w[:1].isupper() or w in r.connectors or w in r.absolute or w in r.raise_words
                             or w[:1] in "&/" for w in words[:head_at]):
        return None
    if cls in ("ic", "trainee"):
        ranks = [r.absolute[w] for w in pre if w in r.absolute]
        if ranks:
            tier = max(ranks)
        elif head in r.absolute:
            tier = r.absolute[head]  # "Support Associate", "Engineering Intern": the head is the rank
    elif cls == "manager":
        # a rank above senior on a manager head ("Principal Product Manager" after "Senior Product Manager")
        tier += max((r.absolute[w] - 4 for w in pre if w in r.absolute and r.absolute[w] > 4), default=0)
    if any(w.rstrip(".") in r.raise_words or w in r.raise_words for w in pre):
        tier += 1
    if words[-1].endswith("+"):
        sub = max(sub, 9)
    family_words = [w for k, w in enumerate(lows) if k == head_at
                    or w not in r.absolute and w not in r.raise_words and w.rstrip(".") not in r.raise_words]
    track = "ic" if cls in ("ic", "trainee", "fellow") else "management"
    return code, tier, sub, " ".join(_singular(w) for w in family_words), track


def _head_index(words: list[str], lows: list[str], loose: bool) -> int | None:
    """Where the head noun of a title sits, or None."""
    r = _rules()
    last = _singular(lows[-1])
    lead = 0
    while lead < len(lows) - 1 and (lows[lead] in r.raise_words or lows[lead] in r.absolute):
        lead += 1  # "Senior Director of X", "Associate VP of X"
    for piece in last.split("/"):
        if piece in r.head_class:
            return len(words) - 1
    if lows[lead] in r.of_heads and len(words) >= lead + 3 and lows[lead + 1] == "of":
        return lead  # Head of X, Director of X, VP of X
    if lows[lead] in ("vp", "svp", "evp") and len(words) >= lead + 2 and words[lead + 1][:1].isupper():
        return lead  # VP Engineering
    if lows[lead] == "vice" and len(words) >= lead + 2 and lows[lead + 1] == "president":
        return lead + 1
    if lows[0] == "chief" and last == "officer":
        return len(words) - 1
    for k in range(1, len(words) - 1):  # "Software Development Engineer in Test", "Team Lead, Data Science"
        w = _singular(lows[k].rstrip(","))
        if w in r.head_class and (lows[k].endswith(",") or lows[k + 1] in ("in", "for")):
            rest = words[k + 1:]
            if all(x[:1].isupper() or x.lower() in r.connectors for x in rest):
                return k
    if loose and _singular(lows[0]) in ("manager", "director") and len(words) <= 4 \
            and all(w[:1].isupper() for w in words[1:]):
        return 0  # Manager Web Operations
    return None


def _slash_alternatives(words: list[str]) -> list[str]:
    """"Trainee/Intern" is also called Trainee and Intern."""
    if len(words) != 1 or "/" not in words[0]:
        return []
    parts = words[0].split("/")
    r = _rules()
    return parts if all(_singular(p.lower()) in r.head_class or p.lower() in r.absolute for p in parts) else []
