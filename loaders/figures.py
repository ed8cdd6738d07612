"""Read salaries, years of experience and degree requirements from sentences.

* money: ``$141,000 to $250,000``, ``$300,000 - $400,000+``, ``$117K to $158K``, ``£60k``;
  the role comes from a role named before the figure in the sentence, else from the
  item's label or the nearest heading naming a role, else the primary role;
* experience: ``5-7 years of experience in …``, ``5+ years``, ``7–12 years``;
* education: Bachelor / Master / PhD (+ fields after "in"), preferred when the clause
  says preferred, plus, desirable or "common at".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.loaders.models import Education, Experience, Salary
from kg.loaders.progress import RoleRef
from kg.loaders.segment import Prefilter, Sentence

__all__ = ["find_salaries", "find_experience", "find_education"]

RoleFinder = Callable[[Sentence, int], RoleRef | None]


def find_salaries(sents: list[Sentence], role_for: RoleFinder) -> list[Salary]:
    """Return the salary figures and ranges of the sentences."""
    out: list[Salary] = []
    for sent in sents:
        if "$" not in sent.text and "£" not in sent.text and "€" not in sent.text:
            continue  # every _RANGE match opens with a currency sign
        if sent.block.section not in ("salary", "progression", "market", "other", "requirements",
                                      "responsibilities") and "salar" not in sent.text.lower():
            continue
        for m in _RANGE.finditer(sent.text):
            low, high = _amount(m.group("a"), m.group("ka")), _amount(m.group("b") or m.group("a"),
                                                                       m.group("kb") or m.group("ka"))
            if m.group("b") and not m.group("ka") and m.group("kb"):
                low = _amount(m.group("a"), m.group("kb"))
            big = re.match(r"\s*(?:billion|bn|trillion)", sent.text[m.end():], re.I)
            if big or high < 10_000 or "%" in sent.text[m.end():m.end() + 2]:
                continue
            start = sent.start + m.start()
            role = role_for(sent, start)
            if role is None:
                continue
            low_text = sent.text.lower()
            kind = ("most_common_range" if "most common" in low_text else
                    "average" if not m.group("b") and re.search(r"average|median|mean", low_text) else
                    "range" if m.group("b") else "point")
            period = "hour" if re.search(r"per hour|/\s?hr|hourly", low_text) else "year"
            currency = {"$": "USD", "£": "GBP", "€": "EUR"}[m.group("cur")]
            year = re.search(r"\b(20[0-4]\d)\b", sent.block.heading)
            out.append(Salary(role.id, role.label, low, high, currency, period, kind, sent.text,
                              sent.start, sent.end, None, int(year.group(1)) if year else None))
    return out


def find_experience(sents: list[Sentence], role_for: RoleFinder) -> list[Experience]:
    """Return "N+ years" / "N-M years" experience requirements."""
    out: list[Experience] = []
    for sent in sents:
        if not _YEAR_WORDS(sent.text):
            continue
        for m in _YEARS.finditer(sent.text):
            after = sent.text[m.end():m.end() + 80]
            if not (_EXP_CONTEXT.match(after) or "experience" in sent.text.lower()
                    or sent.block.heading.lower().startswith("typical experience")):
                continue
            role = role_for(sent, sent.start + m.start())
            if role is None:
                continue
            low = float(m.group("a"))
            high = float(m.group("b")) if m.group("b") else None
            what = _what(after)
            out.append(Experience(role.id, role.label, low, high, what, sent.text, sent.start, sent.end))
    return out


def find_education(sents: list[Sentence], role_for: RoleFinder) -> list[Education]:
    """Return the degrees the sentences ask for, one per level and field."""
    out: list[Education] = []
    for sent in sents:
        if not _LEVEL_WORDS(sent.text) or not _LEVEL_RE.search(sent.text):  # clauses are parts of the sentence
            continue
        for clause_m in _CLAUSE.finditer(sent.text):
            clause = clause_m.group()
            levels = [_LEVELS[k] for k in _level_keys(clause) if k in _LEVELS]
            if not levels or not _DEGREE_CONTEXT.search(clause):
                continue
            role = role_for(sent, sent.start + clause_m.start())
            if role is None:
                continue
            preferred = bool(_PREFERRED.search(clause)) or bool(_PREFERRED.search(sent.block.heading))
            fields: list[str | None] = [*_fields(clause)] or [None]
            start = sent.start + clause_m.start()
            for level in dict.fromkeys(levels):
                for fld in fields:
                    out.append(Education(role.id, level, fld, not preferred, clause.strip(),
                                         start + (len(clause) - len(clause.lstrip())),
                                         start + len(clause.rstrip())))
    return out


_RANGE = re.compile(r"(?P<cur>[$£€])\s?(?P<a>\d[\d,]*(?:\.\d+)?)\s*(?P<ka>[KkMm]\b)?\+?"
                    r"(?:\s*(?:-|–|—|to)\s*[$£€]?\s?(?P<b>\d[\d,]*(?:\.\d+)?)\s*(?P<kb>[KkMm]\b)?\+?)?")
_YEARS = re.compile(r"\b(?P<a>\d{1,2})\s*(?:\+|(?:-|–|—|to)\s*(?P<b>\d{1,2}))?\+?\s*(?:years?|yrs?)\b", re.I)
# Every _YEARS match contains one of these.
_YEAR_WORDS = Prefilter("year", "yr")
_EXP_CONTEXT = re.compile(r"\s*(?:of\b|in\b|as\b|leading\b|managing\b|with\b|building\b|working\b|"
                          r"\w+\s+experience|experience)", re.I)
_CLAUSE = re.compile(r"[^;.(]+(?:\([^)]*\)[^;.(]*)*")
_LEVEL_RE = re.compile(r"\b(bachelor|bs|bsc|b\.s|master|ms|msc|m\.s|mba|phd|ph\.d|doctorate|doctoral)\b", re.I)
# Every _LEVEL_RE match starts with one of these, at a word start ("ms" in "systems" is not one).
_LEVEL_WORDS = Prefilter("bachelor", "bs", "bsc", "b.s", "master", "ms", "msc", "m.s", "mba", "phd", "ph.d",
                         "doctor", word_start=True)
_LEVELS = {"bachelor": "bachelor", "bs": "bachelor", "bsc": "bachelor", "b.s": "bachelor",
           "master": "master", "ms": "master", "msc": "master", "m.s": "master", "mba": "master",
           "phd": "phd", "ph.d": "phd", "doctorate": "phd", "doctoral": "phd"}
_DEGREE_CONTEXT = re.compile(r"degree|bachelor|master|ph\.?d|doctor|\bmba\b|\bms\b|\bbs\b", re.I)
_PREFERRED = re.compile(r"prefer|a plus|desirable|nice to have|bonus|common at|advantage|ideal", re.I)
_FIELDS = re.compile(r"\b(?:degree|degrees|bachelor'?s|master'?s|ph\.?d\.?|mba)\s+(?:or higher\s+)?in\s+"
                     r"(?P<f>[^;:.()]+)", re.I)
_NOT_FIELD = re.compile(r"^(?:a\s+)?(?:related|relevant|similar|other)\b|^(?:an?\s+)?(?:technical|business|"
                        r"quantitative)\s+field|fields?$|area$|disciplines?$|"
                        r"^(?:an?\s+)?equivalent\b|experience$", re.I)  # "... or equivalent practical experience"


def _amount(num: str, suffix: str | None) -> float:
    value = float(num.replace(",", ""))
    if suffix and suffix.lower() == "k":
        value *= 1_000
    elif suffix and suffix.lower() == "m":
        value *= 1_000_000
    return value


def _what(after: str) -> str:
    m = re.match(r"\s*(?:of\s+)?(?:experience\s+)?(?:in|as|with|of)?\s*(?P<w>[^,;.()]*)", after, re.I)
    what = m.group("w").strip() if m else ""
    what = re.sub(r"\s+(?:experience|with|as)\b.*$", "", what).strip()
    return what[:80]


def _level_keys(clause: str) -> list[str]:
    keys = []
    for m in _LEVEL_RE.finditer(clause):
        word = m.group(1)
        if word in ("MS", "BS", "Ms") or word.lower() not in ("ms", "bs"):
            keys.append(word.lower())
    return keys


def _fields(clause: str) -> list[str]:
    m = _FIELDS.search(clause)
    if not m:
        return []
    parts = re.split(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+(?=[A-Z]|related)", m.group("f"))
    out = []
    for part in parts:
        part = re.sub(r"\s+(?:is|are|often|preferred|required|with|from|at)\b.*$", "", part.strip())
        if part and not _NOT_FIELD.search(part) and len(part.split()) <= 5:
            out.append(part[0].upper() + part[1:])
    return out
