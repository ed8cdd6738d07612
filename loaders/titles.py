"""Recognise job titles by their grammar.

A title is ``[seniority] modifier+ head`` ("Senior Data Engineer", "AI Strategy Lead"),
``head of X`` ("Director of AI Engineering", "VP of AI/ML", "Head of Data") or
``Chief X Officer``. A bare head with only a seniority word ("senior engineers") is not a
title. Coordinations share the head: "ML and platform engineers", "senior ML or software
engineer". Labels keep the document's words; :mod:`kg.loaders.title_attrs` turns a label
into an id, aliases, seniority and track.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import.
import re
from bisect import bisect_left
from itertools import compress
from typing import NamedTuple

from kg.loaders.tokenise import Token, Tokens

__all__ = ["Title", "find_titles", "item_titles", "field_titles"]


class Title(NamedTuple):
    """A title-shaped span of tokens ``i..j`` and the label built from it."""

    label: str
    i: int
    j: int
    start: int
    end: int


def find_titles(tokens: Tokens, text: str) -> list[Title]:
    """Return every grammatical title in ``tokens`` (coordinated ones expanded)."""
    titles: list[Title] = []
    for h in list(compress(range(len(tokens)), map(_ANY_HEADS.__contains__, tokens.keys))):
        if tokens.keys[h] not in _HEADS and not _next_is_of(tokens, h):
            continue
        if tokens.keys[h] in _ACRONYM_HEADS and h + 1 < len(tokens) and not tokens.brks[h + 1] \
                and tokens.keys[h + 1] in _HEADS:
            continue  # "SRE Manager": the acronym modifies the head that follows
        title = _title_at(tokens, text, h)
        if title is None:
            continue
        extra = _coordinated(tokens, text, title, h)
        whole = _whole_title(tokens, text, extra[0].i, title.j, h) if extra else None
        if whole is not None:
            titles.append(whole)  # "IT and Security Manager" is one title, not two
            continue
        if len(extra) < 2:
            titles.extend(_slash_ranks(tokens, text, title, h) or [title])
        titles.extend(extra)
    return titles


def _slash_ranks(tokens: Tokens, text: str, title: Title, h: int) -> list[Title]:
    """Rank words joined by slashes ("Senior/Lead Developer", "Junior/Mid/Senior Engineer") give one title
    per rank, each quoting the whole span; empty when the title has no such run."""
    run = [n for n in range(title.i + 1, h) if text[tokens.ends[n - 1]:tokens.starts[n]] == "/"
           and tokens.keys[n - 1] in _RANKS and tokens.keys[n] in _RANKS]
    if not run:
        return []
    ranks = sorted({n - 1 for n in run} | set(run))
    if ranks != list(range(ranks[0], ranks[-1] + 1)):
        return []  # two separate slash runs: read as written
    out: list[Title] = []
    for rank in ranks:
        kept = [n for n in range(title.i, title.j) if n == rank or n not in ranks]
        label = " ".join(_head_text(tokens[n]) if n == h else _word(tokens[n]) for n in kept)
        out.append(Title(label, title.i, title.j, title.start, title.end))
    return out


def _whole_title(tokens: Tokens, text: str, i: int, j: int, h: int) -> Title | None:
    """A coordination written in title case with a singular head names one title."""
    words = tokens[i:j]
    if i > 0 and tokens.keys[i - 1] == "of" and not tokens.brks[i]:
        return None  # "Director of AI Engineering and AI Product Manager": two titles
    gaps = [text[a.end:b.start].strip() for a, b in zip(words, words[1:], strict=False)]
    joined = any(t.key in ("and",) for t in words) or "&" in gaps
    if not joined or any(t.key == "or" for t in words) or tokens.words[h].lower().endswith("s"):
        return None
    if not all(t.text[:1].isupper() or t.key in ("and", "of") for t in words):
        return None
    label = " ".join(text[words[0].start:words[-1].end].split())
    return Title(label, i, j, words[0].start, words[-1].end)


def item_titles(tokens: Tokens, text: str, spans: list[tuple[int, int]]) -> list[Title]:
    """Read list items that are whole capitalised titles as one role each ("Penetration Testers",
    "Network and Computer Systems Administrators"), as occupation lists write them."""
    out: list[Title] = []
    starts = tokens.starts
    for start, end in spans:
        body = text[start:end]
        if len(body) > 70 or not _ITEM_TITLE.fullmatch(body):
            continue
        i, j = bisect_left(starts, start), bisect_left(starts, end)
        words = tokens[i:j]
        if len(words) < 2 or words[-1].key not in _HEADS or any(t.key in _SENIORITY for t in words[:1]):
            continue
        label = " ".join([_word(t) if t.key not in ("and", "of") else t.key for t in words[:-1]]
                         + [_head_text(words[-1])])
        out.append(Title(label, i, j, words[0].start, words[-1].end))
    return out


def field_titles(tokens: Tokens, text: str, start: int, end: int) -> list[Title]:
    """Read "<field> management" as the manager of that field ("AI product management").

    Only for sentences that state a move, where a field names the role one moves into or from.
    """
    out: list[Title] = []
    first = bisect_left(tokens.starts, start)
    for h in range(max(first, 1), len(tokens)):
        tok = tokens[h]
        if tok.end > end:
            break
        if tok.key != "management":
            continue
        if tokens.brks[h] or tokens.keys[h - 1] not in _FUNCTIONS - {"management"}:
            continue
        a = h - 1
        while a > 0 and not tokens.brks[a] and tokens.keys[a - 1] in _MODIFIERS and tokens.starts[a - 1] >= start:
            a -= 1
        words = [_word(t) for t in tokens[a:h]] + ["Manager"]
        out.append(Title(" ".join(words), a, h + 1, tokens.starts[a], tok.end))
    return out





_HEADS = frozenset({
    "engineer", "manager", "scientist", "director", "officer", "lead", "architect", "analyst", "developer",
    "consultant", "researcher", "fellow", "assistant", "specialist", "administrator", "designer", "owner",
    "strategist", "programmer", "coordinator", "president", "technician", "recruiter", "intern", "tester",
    "statistician", "economist", "evangelist", "advocate", "steward", "auditor", "trainer",
    "sre", "pm", "swe", "sde", "representative", "coach", "contributor", "supervisor",
    "accountant", "generalist", "marketer", "writer", "editor", "planner", "controller", "executive", "partner",
})
_OF_HEADS = frozenset({"head", "vp", "director", "president", "manager", "vice"})
# Heads that are ordinary nouns in prose ("thoughtful business partners"): a title only when capitalised.
_CASED_HEADS = frozenset({"partner"})
# Abbreviated titles that carry their own domain: "Senior PM", "Staff SRE".
_ACRONYM_HEADS = frozenset({"sre", "pm", "swe", "sde"})
_RANKS = frozenset({"junior", "jr", "senior", "sr", "staff", "principal", "distinguished", "lead", "chief", "mid"})
_RANKED_HEADS = frozenset({"engineer", "architect", "scientist", "developer", "designer", "analyst", "consultant",
                           "researcher", "programmer", "accountant", "recruiter", "writer", "editor", "marketer"})
_ITEM_TITLE = re.compile(r"[A-Z][A-Za-z-]*(?: (?:and|of|&|[A-Z][A-Za-z-]*))+")
_NUMERALS = frozenset({"I", "II", "III", "IV", "V", "1", "2", "3", "4", "5"})
_TOOL_WORDS = frozenset({"ai", "generative", "genai", "llm", "coding", "virtual", "voice", "chat", "personal"})
_ANY_HEADS = _HEADS | _OF_HEADS
_SENIORITY = frozenset({
    "junior", "jr", "associate", "entry", "level", "mid", "senior", "sr", "staff", "principal", "lead",
    "chief", "head", "distinguished", "founding", "vice", "vp", "svp", "evp", "avp", "general", "group",
    "intern", "graduate", "executive", "deputy", "assistant",
})
_MODIFIERS = frozenset({
    "ai", "ml", "machine", "learning", "deep", "data", "software", "product", "program", "project",
    "engineering", "research", "applied", "platform", "infrastructure", "mlop", "devop", "cloud", "security",
    "operation", "ethic", "strategy", "business", "change", "management", "technical", "tech", "solution",
    "site", "reliability", "full", "stack", "frontend", "backend", "front", "back", "end", "qa", "quality",
    "assurance", "test", "ux", "ui", "nlp", "computer", "vision", "quantitative", "marketing", "sales",
    "finance", "financial", "hr", "it", "network", "system", "database", "analytic", "intelligence",
    "artificial", "language", "llm", "genai", "generative", "prompt", "robotic", "embedded", "mobile",
    "web", "game", "hardware", "firmware", "electrical", "mechanical", "civil", "biomedical", "clinical",
    "scrum", "agile", "delivery", "release", "build", "automation", "integration", "implementation",
    "support", "customer", "success", "account", "content", "growth", "digital", "information", "cyber",
    "cybersecurity", "risk", "compliance", "governance", "privacy", "science", "statistical", "visualization",
    "bi", "etl", "big", "model", "training", "inference", "optimization", "performance", "safety", "trust",
    "policy", "legal", "talent", "technology", "operating", "executive", "sre", "mlops", "devops", "dev",
    "java", "python", "javascript", "ios", "android", "blockchain", "iot", "edge", "gpu", "computational",
    "algorithm", "analysis", "insight", "decision", "evaluation", "kernel", "compiler", "graphic", "audio",
    "speech", "conversational", "autonomous", "perception", "simulation", "experimentation", "pricing",
    "revenue", "supply", "chain", "procurement", "partnership", "alliance", "communication", "brand",
    "creative", "visual", "interaction", "service", "enterprise", "pre", "post", "field", "team", "tpm",
    "design", "regional", "global", "territory", "open", "source", "community", "development",
    "sale", "acquisition", "recruiting", "payroll", "tax", "audit", "treasury", "office", "social",
    "media", "public", "relation", "editorial", "documentation", "localization", "compensation",
})
# third-person verbs whose stems are also title words: they open descriptions, never titles
_VERB_FORMS = frozenset({"builds", "supports", "leads", "manages", "designs", "drives", "develops", "grows",
                         "coaches", "tests", "mentors", "owns", "delivers", "helps", "runs", "shapes", "defines",
                         "guides", "automates", "integrates", "implements", "operates", "models", "trains"})
_VERB_STEMS = frozenset({"support", "build", "design", "coach", "manage", "drive", "develop",
                         "grow", "mentor", "help", "guide", "train", "hire", "recruit"})
_PRE_HEAD = _MODIFIERS | _SENIORITY  # words that may precede a head within a title
_HEADS_OR_RANKS = _ANY_HEADS | _SENIORITY
_FUNCTIONS = frozenset({"engineering", "program", "project", "product", "management"})
_NOT_TITLES = frozenset({("hiring", "manager")})
_UPPER: dict[str, str] = {
          "ai": "AI", "ml": "ML", "vp": "VP", "nlp": "NLP", "qa": "QA", "ux": "UX", "ui": "UI", "it": "IT",
          "hr": "HR", "llm": "LLM", "mlops": "MLOps", "devops": "DevOps", "bi": "BI", "etl": "ETL",
          "sre": "SRE", "iot": "IoT", "gpu": "GPU", "genai": "GenAI", "svp": "SVP", "evp": "EVP",
          "avp": "AVP", "ios": "iOS", "tpm": "TPM", "pm": "PM", "swe": "SWE", "sde": "SDE", "of": "of",
          "and": "and"}


def _next_is_of(tokens: Tokens, h: int) -> bool:
    return h + 1 < len(tokens) and tokens.keys[h + 1] == "of" and not tokens.brks[h + 1]


def _title_at(tokens: Tokens, text: str, h: int) -> Title | None:
    a = h
    while a > 0 and not tokens.brks[a] and tokens.keys[a - 1] in _PRE_HEAD:
        a -= 1
    while a < h and tokens.words[a].lower() in _VERB_FORMS:
        a += 1  # "Builds PM leadership", "Supports engineers": a verb, not a modifier
    while a < h and tokens.keys[a] in ("level",):
        a += 1
    b = h + 1
    if tokens.keys[h] in _OF_HEADS and _next_is_of(tokens, h):
        b = h + 2
        while b < len(tokens) and not tokens.brks[b] and tokens.keys[b] not in _HEADS_OR_RANKS \
                and (tokens.keys[b] in _MODIFIERS or tokens.words[b][0].isupper()):
            b += 1
        if b == h + 2:
            b = h + 1
    elif _level_numeral_at(tokens, h + 1):
        b = h + 2  # "Software Engineer II"
    keys = tokens.keys
    domain = [k for k in keys[a:b] if k in _MODIFIERS and k not in _SENIORITY]
    if tokens.keys[h] == "vice" and b == h + 1:
        return None
    if keys[h] in _CASED_HEADS and not tokens.words[h][:1].isupper():
        return None
    if tokens.keys[h] in _ACRONYM_HEADS:
        if a == h:
            return None  # a bare "SRE" or "PM" is left to the vocabulary
    elif not domain and not (b > h + 1) and tokens.keys[h] not in ("president",) \
            and not _titled_rank(tokens, a, h):
        return None
    if keys[h] == "assistant" and domain and all(k in _TOOL_WORDS for k in domain):
        return None  # "AI assistants" are tools
    if tuple(keys[a:b]) in _NOT_TITLES:
        return None
    if a > 0 and not tokens.brks[a] and tokens.keys[a - 1] in ("hiring",):
        return None
    if b == h + 1 and tokens.words[a].lower() in _VERB_STEMS and tokens.words[h].islower() \
            and tokens.words[h].endswith("s") and _opens_sentence(text, tokens.starts[a]):
        return None  # "Support designers in advocating …": an imperative, not "Support Designer"
    return Title(_label(tokens, text, a, b, h), a, b, tokens.starts[a], tokens.ends[b - 1])


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" *_")
    return not before or before[-1] in ".:!?\n-•"


def _level_numeral_at(tokens: Tokens, n: int) -> bool:
    """A level numeral closing a title ("II", "III", "2"); a lone "I" only where a clause ends after it."""
    if n >= len(tokens) or tokens.brks[n] or tokens.words[n] not in _NUMERALS:
        return False
    return tokens.words[n] != "I" or n + 1 == len(tokens) or tokens.brks[n + 1]


def _titled_rank(tokens: Tokens, a: int, h: int) -> bool:
    """A capitalised rank and an individual-contributor head with no domain: "Principal Architect"."""
    words = tokens[a:h + 1]
    return (tokens.keys[h] in _RANKED_HEADS and any(t.key in _RANKS for t in words[:-1])
            and all(t.text[0].isupper() or (t.key == "level" and k > 0 and words[k - 1].key == "mid")
                    for k, t in enumerate(words)))  # "Mid-level Developer"


def _coordinated(tokens: Tokens, text: str, title: Title, h: int) -> list[Title]:
    """Expand "A or B head": the left conjunct replaces as many leading modifiers of the right."""
    c = title.i
    if c < 2 or tokens.brks[c] or tokens.keys[c - 1] not in ("and", "or") or tokens.brks[c - 1]:
        return []
    if tokens.keys[c - 2] in _HEADS:
        return []  # "Tech Lead or Engineering Manager": two whole titles
    seniors = [t for t in tokens[c:h] if t.key in _SENIORITY]
    k = c - 1
    left_end = k
    while k > 0 and not tokens.brks[k] and tokens.keys[k - 1] in _PRE_HEAD:
        k -= 1
    left = [t for t in tokens[k:left_end] if t.key not in _SENIORITY]
    left_seniors = [t for t in tokens[k:left_end] if t.key in _SENIORITY]
    own = [t for t in tokens[c:h] if t.key not in _SENIORITY]
    shared = len(own)
    while shared > 0 and own[shared - 1].key in _FUNCTIONS:
        shared -= 1
    if not left or not own:
        return []
    shared = shared or len(own)
    rest = own[shared:] + list(tokens[h:title.j])
    words = [_word(t) for t in seniors + left_seniors + left] + [_word(t) for t in rest]
    words[-1] = _head_text(tokens[h]) if rest and rest[-1].start == tokens.starts[h] else words[-1]
    out = [Title(" ".join(words), k, title.j, tokens.starts[k], tokens.ends[title.j - 1])]
    if left_seniors and not seniors:
        extra = [_word(t) for t in left_seniors] + [_word(t) for t in tokens[c:h]] + [_head_text(tokens[h])]
        out.append(Title(" ".join(extra), k, title.j, tokens.starts[k], tokens.ends[title.j - 1]))
    return out


def _label(tokens: Tokens, text: str, a: int, b: int, h: int) -> str:
    parts: list[str] = []
    for n in range(a, b):
        tok = tokens[n]
        word = _head_text(tok) if n == h else _word(tok)
        if parts:
            gap = text[tokens.ends[n - 1]:tok.start]
            parts.append(gap if gap in ("/", "-") else " ")
        parts.append(word)
    return "".join(parts)


def _word(tok: Token) -> str:
    text: str = tok.text
    low = text.lower()
    if low in _UPPER:
        return _UPPER[low]
    if text.isupper() and len(text) <= 5:
        return text
    return text[0].upper() + text[1:] if text[1:].islower() or len(text) == 1 else text


def _head_text(tok: Token) -> str:
    text: str = tok.text
    key: str = tok.key
    if text.lower() in _UPPER:
        return _UPPER[text.lower()]
    if key in _UPPER:
        return _UPPER[key]
    return key[0].upper() + key[1:]




