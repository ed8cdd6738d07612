"""The cheap test before a title is parsed never turns a title away (own texts and every corpus found)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.loaders import level_titles
from kg.loaders.level_titles import may_be_title

_ROOT = Path(__file__).resolve().parents[2]
_TEXTS = [_ROOT / "loaders" / "corpus", _ROOT / "tests" / "loaders" / "unseen",
          _ROOT.parent / "shared" / "seeds", _ROOT.parent / "shared" / "real-dev" / "docs"]

# shapes a title takes: plurals, short forms, slashes, placeholders, codes, "of" and "in" heads, edge marks
_TRICKY = [
    "Engineers", "Sr. Mgr", "Sen Eng 2", "Eng+", "Dev", "Assoc", "Dir of Product", "Chief of Staff",
    "Vice President, Sales", "VP Engineering", "SVP", "Data/ML Engineer", "Trainee/Intern",
    "Senior {Team} Engineer", "Senior [Team]Engineer", "Staff Engineer(L6)", "L3 – Senior Engineer",
    "Level 2: Analyst", "IC4 Machine Learning Engineer", "SWE II", "Software Development Engineer in Test",
    "Team Lead, Data Science", "Manager Web Operations", "Head of Data", "**Principal Scientist**",
    "Lead developer (management)", "2.1 Senior Analyst", "Senior Engineers+", "Architect, Platform",
    "Engineering Manager - Payments", "CTO", "Chief Technology Officer", "Associate", "Intern", "President",
]


def _pieces(line: str) -> Iterator[str]:
    for piece in {line, *re.split(r"\s*\|\s*|\s+/\s+|\s+or\s+|\s*(?:→|->|=>|>)\s*|:\s+|,\s+|[.;]\s+", line)}:
        words = piece.split()
        yield piece
        if len(piece) <= 200:  # the first and last words, as noun phrases are read
            yield from (" ".join(words[:n]) for n in range(1, min(len(words), 9)))
            yield from (" ".join(words[-n:]) for n in range(1, min(len(words), 9)))


def _strings() -> Iterator[str]:
    yield from _TRICKY
    for folder in _TEXTS:
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.is_file():
                for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                    if line.strip():
                        yield from _pieces(line.strip())


def test_no_title_fails_the_cheap_test() -> None:
    titles = rejected = 0
    for s in dict.fromkeys(_strings()):
        for loose in (True, False):
            found = level_titles._parse(s, loose)
            titles += found is not None
            assert found is None or may_be_title(s), (s, loose)
        rejected += not may_be_title(s)
        assert may_be_title(s) is may_be_title(s + " é"), s  # the ASCII and the Unicode reading agree
    assert titles > 100 and rejected > 100  # the corpus held both, so the test could fail


@pytest.mark.parametrize(("text", "expected"), [
    ("Sen Eng 2", True),  # an abbreviated head
    ("Chief of Staff", True),
    ("senior engineers", True),  # a plural head
    ("Builds PM leadership capacity", True),  # "pm" is a head: the full parse decides
    ("Scope of impact", False),
    ("Engineering excellence", False),  # a head only inside a longer word
    ("", False),
])
def test_cheap_test(text: str, expected: bool) -> None:
    assert may_be_title(text) is expected
    if not expected:  # the full parser (not parse_title, which asks may_be_title first) finds no title either
        assert level_titles._parse(text, True) is None
