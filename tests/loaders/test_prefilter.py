"""Prefilters answer as the patterns they guard would: a substring test for plain literals, a word-start
pattern otherwise; never False where the guarded pattern could match."""

from __future__ import annotations

import re

import pytest

from kg.loaders.segment import Prefilter

TEXTS = [
    "Experience with Python, such as pandas",
    "MS in Computer Science or a related field",
    "Distributed systems at scale",  # "ms" inside a word: no word-start literal
    "Bachelor\u0130s degree",  # a letter re.I folds onto ASCII: always passes
    "Nice to have: Kubernetes",
    "",
    "A NICE-TO-HAVE, SUCH AS Go",  # any case
]


@pytest.mark.parametrize("literals", [("such as", "nice"), ("e.g.", "a.k.a", "ph.d"), ("ms",)])
def test_plain_literals_answer_as_the_alternation_regex_does(literals: tuple[str, ...]) -> None:
    alternation = re.compile("|".join(re.escape(w) for w in literals))
    expected = [("\u0130" in t) or alternation.search(t.lower()) is not None for t in TEXTS]
    pre = Prefilter(*literals)
    assert [pre(t) for t in TEXTS] == expected
    assert [pre(t) for t in TEXTS] == expected  # answered again from the memo


def test_word_start_literals_skip_letters_inside_words() -> None:
    pre = Prefilter("ms", "bachelor", word_start=True)
    assert [pre(t) for t in TEXTS] == [False, True, False, True, False, False, False]
