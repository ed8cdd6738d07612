"""Prefilters answer the same whether asked one text at a time or primed for a whole document."""

from __future__ import annotations

import kg.loaders.extract  # noqa: F401 - registers the prefilters extraction primes
from kg.loaders.segment import _EVERY_SENTENCE, Prefilter

TEXTS = [
    "Experience with Python, such as pandas",
    "MS in Computer Science or a related field",
    "Distributed systems at scale",  # "ms" inside a word: no word-start literal
    "Bachelor\u0130s degree",  # a letter re.I folds onto ASCII: always passes
    "Nice to have: Kubernetes",
    "",
    "Nice to have: Kubernetes",  # repeated
]


def test_priming_gives_the_answers_of_one_call_per_text() -> None:
    made = [Prefilter("such as", "nice", every_sentence=True), Prefilter("ms", "bachelor", word_start=True,
                                                                        every_sentence=True)]
    try:
        lazy = [Prefilter("such as", "nice"), Prefilter("ms", "bachelor", word_start=True)]
        expected = [[pre(t) for t in TEXTS] for pre in lazy]
        for pre in _EVERY_SENTENCE:
            pre.clear()
        Prefilter.prime(TEXTS)
        assert all(t in made[0] for t in TEXTS)  # answered before anyone asked
        assert [[dict.get(pre, t) for t in TEXTS] for pre in made] == expected
        assert expected == [[True, False, False, True, True, False, True], [False, True, False, True, False, False,
                                                                            False]]
    finally:
        for pre in made:
            _EVERY_SENTENCE.remove(pre)


def test_every_primed_prefilter_agrees_with_its_pattern_on_real_sentences() -> None:
    assert len(_EVERY_SENTENCE) >= 6
    words = ["Experience with Go", "3+ years of experience", "a PhD in statistics", "a.k.a. the platform team"]
    before = {id(pre): [pre._pattern.search(t.lower()) is not None for t in words] for pre in _EVERY_SENTENCE}
    Prefilter.prime(words)
    for pre in _EVERY_SENTENCE:
        assert [pre(t) for t in words] == before[id(pre)], pre._pattern.pattern


def test_a_literal_never_runs_across_two_sentences() -> None:
    made = Prefilter("such as", "ms", every_sentence=True)
    starts = Prefilter("ms", word_start=True, every_sentence=True)
    try:
        texts = ["it ends with su", "ch as the next one", "", "ms first", "systems"]
        for pre in _EVERY_SENTENCE:
            pre.clear()  # memos only: every text below is then fresh to all of them
        Prefilter.prime(texts)
        assert all(t in made and t in starts for t in texts)
        assert [dict.get(made, t) for t in texts] == [False, False, False, True, True]
        assert [dict.get(starts, t) for t in texts] == [False, False, False, True, False]
    finally:
        _EVERY_SENTENCE.remove(made)
        _EVERY_SENTENCE.remove(starts)
