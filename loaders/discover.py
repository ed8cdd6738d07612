"""Discover skills the vocabulary does not know, from lists that already name known skills.

A list after "e.g.", "such as", "including", "like", after a requirement phrase ("experience
with", "proficiency in", "familiarity with", "knowledge of" ...) or inside parentheses that
contains at least one curated skill is a list of skills, and so is an e.g. list right after
a kind-of-tool noun ("scanning tools such as A, B"); its other items become uncurated skills
when they look like names (1–3 words, capitalised, camel-cased, with digits or all caps, at
least three characters) and are not roles, certifications, generic words, nor words the
document also writes in lower case ("Security" beside "security"). Lists under a certification noun, or
under a department/team noun ("across departments (DevOps, Security, ...)"), are left alone
(their unknown items are not skills).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from kg.loaders.recognise import Occurrence
from kg.loaders.segment import Prefilter, Sentence, has_word
from kg.loaders.tokenise import Token
from kg.ontology.names import slugify

__all__ = ["discover_skills"]


def discover_skills(text: str, sents: list[Sentence], tokens: Sequence[Token],
                    found: list[Occurrence]) -> list[Occurrence]:
    """Return new uncurated skill occurrences from lists that name curated skills."""
    known = [(f.start, f.end, f.kind) for f in found]
    overlapping = _Overlaps(known)
    out: list[Occurrence] = []
    seen: set[str] = {f.id for f in found}
    for sent in sents:
        for start, end in _lists(sent):
            before = text[max(sent.start, start - 40):start]
            if _CERT_NOUN.search(before) or _GROUP_HEAD.search(before):
                continue
            items = list(_items(text, start, end))
            near = overlapping(start, end)
            kinds = [_kind_at(near, s, e) for s, e in items]
            if len(items) < 2 or ("skill" not in kinds and not _tool_head(text, sent.start, start)):
                continue
            for (s, e), kind in zip(items, kinds, strict=True):
                name = text[s:e]
                if kind is not None or not _looks_like_name(name) or _common_word(text, name):
                    continue
                sid = slugify(name)
                if sid in seen:
                    continue
                seen.add(sid)
                out.append(Occurrence("skill", sid, name, (), s, e, False,
                                  (("category", "discovered"), ("kind", "technical"))))
    return out


_PAREN = re.compile(r"\(([^()]{3,200})\)")
_AFTER_CUE = re.compile(r"\b(?:e\.g\.|such as|including|like)\s*,?\s*([^.;:()]{3,200})", re.I)
_CUE_WORDS = Prefilter("e.g.", "such as", "including", "like")  # one is in every _AFTER_CUE match
# "Experience with A, B and C": the list after a requirement phrase, read like an e.g. list.
_AFTER_REQUIREMENT = re.compile(r"\b(?:experience (?:with|in|using)|proficien(?:cy|t) (?:in|with)|"
                                r"familiar(?:ity)? with|knowledge of|expertise (?:in|with)|skilled in|"
                                r"comfortable (?:with|using)|"
                                r"hands-on with)\s+([^.;:()]{3,200})", re.I)
_REQUIRE_WORDS = Prefilter("experience ", "proficien", "familiar", "knowledge of", "expertise ", "skilled in",
                           "comfortable ", "hands-on with")
# A kind-of-tool noun right before the cue: its list names tools even when none is curated.
_TOOL_HEAD = re.compile(r"\b(?:tools?|tooling|technolog(?:y|ies)|platforms?|offerings|services|languages|frameworks?|"
                        r"librar(?:y|ies)|databases|solutions|software|scanners|products|stacks?|suites?|editors|"
                        r"IDEs|SDKs|systems)\s*,?\s*(?:e\.g\.|such as|including|like)\s*,?\s*$", re.I)
# Lists of departments or teams ("across departments (DevOps, Security, Product)") name no skills.
_GROUP_HEAD = re.compile(r"\b(?:departments?|teams|functions|groups|stakeholders|partners|organi[sz]ations|"
                         r"companies|customers|clients|industries|sectors)\s*(?:\(|,?\s*(?:e\.g\.|such as|including|"
                         r"like))\s*,?\s*$", re.I)
_CERT_NOUN = re.compile(r"certification|certificate|credential|accreditation", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|/|\bor\b|\band\b|&)\s*")
_GENERIC = frozenset({"etc", "others", "more", "similar", "other", "e.g.", "eg", "the", "related", "tools",
                      "frameworks", "platforms", "libraries", "services", "systems", "technologies"})


class _Overlaps:
    """Find the spans that overlap a range, in their original order, without scanning them all."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = spans
        self.by_start = sorted(range(len(spans)), key=lambda n: spans[n][0])
        self.starts = [spans[n][0] for n in self.by_start]
        self.longest = max((e - s for s, e, _ in spans), default=0)

    def __call__(self, start: int, end: int) -> list[tuple[int, int, str]]:
        # an overlapping span starts before ``end`` and, being at most ``longest`` long, after start - longest
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        spans = self.spans
        return [spans[n] for n in sorted(self.by_start[lo:hi]) if spans[n][0] < end and start < spans[n][1]]


def _lists(sent: Sentence) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "(" in sent.text:
        for m in _PAREN.finditer(sent.text):
            spans.append((sent.start + m.start(1), sent.start + m.end(1)))
    if _CUE_WORDS(sent.text):
        for m in _AFTER_CUE.finditer(sent.text):
            spans.append((sent.start + m.start(1), sent.start + m.end(1)))
    if _REQUIRE_WORDS(sent.text):
        for m in _AFTER_REQUIREMENT.finditer(sent.text):
            spans.append((sent.start + m.start(1), sent.start + m.end(1)))
    return spans


def _tool_head(text: str, sent_start: int, list_start: int) -> bool:
    """True when the words before a list name a kind of tool ("scanning tools such as ...")."""
    return _TOOL_HEAD.search(text, max(sent_start, list_start - 60), list_start) is not None


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    piece_src = text[start:end]
    cue = re.match(r"\s*(?:e\.g\.|i\.e\.|such as|including|like)\s*,?\s*", piece_src, re.I)
    if cue:
        pos = start + cue.end()
    for m in _SPLIT.finditer(text, pos, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(s, e) for s, e in out if e > s and text[s:e].strip()]


def _kind_at(known: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    for s, e, kind in known:
        if s < end and start < e:
            return kind
    return None


def _common_word(text: str, name: str) -> bool:
    """True when the document also writes the name in lower case as an ordinary word ("Security")."""
    low = name.lower()
    if low == name or len(name) < 3:
        return len(name) < 3
    return has_word(text, low, before=".")


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 3 or name.lower() in _GENERIC or len(name) < 2:
        return False
    if any(w.lower() in _GENERIC for w in words):
        return False
    first = words[0]
    shaped = (first[0].isupper() or any(ch.isdigit() for ch in name) or
              any(ch.isupper() for ch in first[1:]) or "." in first)
    return shaped and not name.endswith(".") and re.fullmatch(r"[\w.+#\- ]+", name) is not None
