"""Certification rules: bare acronyms need a certification context; "Associate or Professional" is two.

An acronym that names a certification ("CSM", "PMP", "RHCE") often means something else
("Partner with your CSM", a customer success manager). It is read as a certification only
when its sentence or heading speaks of certification ("certified", "certification",
"credential", "equivalent", "or higher"...) or the sentence before it does ("Certifications such
as:"), when another certification sits in the same or a neighbouring sentence ("LFCE or RHCE",
a list of certifications), when the words right after it state it as a need ("CISSP is a plus",
"PMP preferred"), or when the document also writes the certification's full name.

A certification written with alternative levels ("AWS Certified DevOps Engineer – Associate
or Professional") names one certification per level; each resolves to the curated one when
the vocabulary has it, else it becomes an uncurated certification.

A title written as part of a credential's name ("the Zentrix Release Manager certification",
"Certified Data Analyst") names the credential, not a role.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from kg.loaders.recognise import Hit, concept_index, key_of
from kg.loaders.segment import Sentence
from kg.ontology.vocab import Concept

__all__ = ["certs_in_context", "level_alternatives", "names_credential"]

_CUE = re.compile(r"certif|credential|accredit|licen[cs]|\bexams?\b|equivalent|or higher|qualification", re.I)
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9+\-]{1,9}")
# An acronym stated as a need right after it ("CISSP is a plus", "PMP preferred", "CKA required"):
# what a posting says of a qualification, never of a person ("your CSM will call").
_STATED_NEED = re.compile(r"[ \t]*(?:\((?:or|and) [^()]{1,40}\)[ \t]*)?(?:(?:is|are|would be|will be)[ \t]+)?"
                          r"(?:(?:a|an)[ \t]+)?(?:(?:big|strong|huge|definite|real)[ \t]+)?"
                          r"(?:plus|bonus|advantage|preferred|required|desired|desirable|mandatory|a must)\b"
                          r"(?![ \t]+to\b)", re.I)
_OWNED = re.compile(r"\b(?:your|our|their|his|her|my|the)[ \t]+$", re.I)  # "your CSM": a person


def certs_in_context(hits: list[Hit], text: str, sents: list[Sentence]) -> list[Hit]:
    """Drop certification hits written as a bare acronym outside any certification context."""
    starts = [s.start for s in sents]
    sentence_of = [_sentence_at(starts, sents, h.start) for h in hits]
    per_sentence: dict[int, int] = {}
    for k in sentence_of:
        per_sentence[k] = per_sentence.get(k, 0) + 1
    long_forms = {h.concept.id for h in hits if not _is_acronym(text[h.start:h.end])}
    out: list[Hit] = []
    for h, k in zip(hits, sentence_of, strict=True):
        if not _is_acronym(text[h.start:h.end]) or h.concept.id in long_forms or per_sentence[k] > 1:
            out.append(h)
            continue
        if k >= 0 and (_cue_at(sents, k) or per_sentence.get(k - 1) or per_sentence.get(k + 1)
                       or (k > 0 and _cue_at(sents, k - 1)) or _stated_need(text, h, sents[k])):
            out.append(h)
    return out


def _stated_need(text: str, h: Hit, sent: Sentence) -> bool:
    """The acronym is the subject of "is a plus", "preferred", "required" (not "your CSM is required to")."""
    return (_STATED_NEED.match(text, h.end, sent.end) is not None
            and _OWNED.search(text, max(sent.start, h.start - 8), h.start) is None)


def _cue_at(sents: list[Sentence], k: int) -> bool:
    sent = sents[k]
    return bool(_CUE.search(sent.text) or _CUE.search(sent.block.heading))


def _sentence_at(starts: list[int], sents: list[Sentence], offset: int) -> int:
    k = bisect_right(starts, offset) - 1
    return k if k >= 0 and offset < sents[k].end else -1


def _is_acronym(surface: str) -> bool:
    return " " not in surface and _ACRONYM.fullmatch(surface) is not None and sum(c.isupper() for c in surface) >= 2


_LEVEL_WORDS = ("Associate", "Professional", "Specialty", "Expert", "Foundation", "Practitioner", "Fundamentals")
_LEVEL = "(?:" + "|".join(_LEVEL_WORDS) + ")"
# An issuer's certification name, then two or more levels joined by "or", "and", "/" or commas.
_ALTERNATIVES = re.compile(
    r"\b(?P<base>(?:AWS|Amazon|Microsoft|Azure|Google|GCP|Databricks|Oracle|Cisco|Salesforce|HashiCorp|Snowflake|"
    r"SnowPro|Red Hat|CompTIA|Alibaba Cloud|IBM)\b(?:(?!\bor\b|\band\b)[^\n.;:(),]){0,60}?)[ \t]*[–—-]?[ \t]*"
    rf"(?P<levels>{_LEVEL}(?:[ \t]*(?:,|/|\bor\b|\band\b)[ \t]*{_LEVEL})+)\b")
_ONE_LEVEL = re.compile(_LEVEL)
# Two levels joined: in every _ALTERNATIVES match, and far cheaper to look for first (it starts with a level word).
_TWO_LEVELS = re.compile(rf"{_LEVEL}[ \t]*(?:,|/|\bor\b|\band\b)[ \t]*{_LEVEL}\b")


def level_alternatives(text: str) -> list[tuple[Concept | None, str, int, int]]:
    """Return ``(curated concept or None, name, start, end)`` per level of "<certification> – A or B"."""
    if not any(level in text for level in _LEVEL_WORDS) or _TWO_LEVELS.search(text) is None:
        return []
    out: list[tuple[Concept | None, str, int, int]] = []
    for m in _ALTERNATIVES.finditer(text):
        base = m.group("base").strip()
        for n, level in enumerate(_ONE_LEVEL.finditer(m.group("levels"))):
            name = f"{base} – {level.group()}"
            start = m.start() if n == 0 else m.start("levels") + level.start()
            out.append((_curated_cert(key_of(name)), name, start, m.start("levels") + level.end()))
    return out


@lru_cache(maxsize=256)
def _curated_cert(key: tuple[str, ...]) -> Concept | None:
    return next((c for c, _ in concept_index().get(key, ()) if c.kind == "certification"), None)


# A credential's name ends in one of these words ("... Release Manager certification") or starts with
# "Certified" ("Certified Scrum Master").
_CREDENTIAL_AFTER = re.compile(r"[ \t]+(?:certifications?|certificates?|credentials?|exams?|certified)\b", re.I)
_CREDENTIAL_BEFORE = re.compile(r"\bcertified[ \t]+$", re.I)


def names_credential(text: str, start: int, end: int) -> bool:
    """True when the title at ``text[start:end]`` is part of a credential's name.

    >>> text = "Holding the Zentrix Release Manager certificate; Certified Data Analyst; a Data Analyst"
    >>> names_credential(text, 20, 35), names_credential(text, 59, 71), names_credential(text, 75, 87)
    (True, True, False)
    """
    return bool(_CREDENTIAL_AFTER.match(text, end)) or bool(_CREDENTIAL_BEFORE.search(text, max(0, start - 12), start))
