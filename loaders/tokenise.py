"""Split text into matchable tokens: words with a normalised key, span and clause break.

A key is the lower-case singular of a word (``LLMs`` -> ``llm``, ``&`` -> ``and``); a token
is marked ``brk`` when punctuation or a line break separates it from the previous one. A
parenthesised acronym that restates the words before it ("Machine Learning (ML) Engineer")
is dropped. Keys and breaks are memoised per distinct string.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate
from typing import NamedTuple, TypeVar, overload

from kg.ontology.names import singular

__all__ = ["Token", "Tokens", "tokenise"]

_V = TypeVar("_V")


class Token(NamedTuple):
    """One word of the text: raw ``text``, matching ``key`` and its span."""

    text: str
    key: str
    start: int
    end: int
    brk: bool


class Tokens(Sequence[Token]):
    """The tokens of a text, held as parallel lists (keys and starts are scanned often).

    A :class:`Token` is built only when one is asked for: most of a document's words are
    looked up by key and never read as a whole token.
    """

    __slots__ = ("words", "keys", "starts", "ends", "brks")

    def __init__(self, words: list[str] | None = None, keys: list[str] | None = None,
                 starts: list[int] | None = None, ends: list[int] | None = None,
                 brks: list[bool] | None = None) -> None:
        self.words = words or []
        self.keys = keys or []
        self.starts = starts or []
        self.ends = ends or []
        self.brks = brks or []

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...

    def __getitem__(self, i: int | slice) -> Token | list[Token]:
        if isinstance(i, slice):
            return list(map(_new_token, zip(self.words[i], self.keys[i], self.starts[i], self.ends[i],
                                            self.brks[i], strict=True)))
        return _new_token((self.words[i], self.keys[i], self.starts[i], self.ends[i], self.brks[i]))

    def __iter__(self) -> Iterator[Token]:
        return map(_new_token, zip(self.words, self.keys, self.starts, self.ends, self.brks, strict=True))


def _new_token(fields: tuple[str, str, int, int, bool]) -> Token:
    return tuple.__new__(Token, fields)


def tokenise(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Return the matchable tokens of ``text[start:end]``.

    ``brk`` is True when a clause boundary (punctuation other than ``-/&'.``, or a line
    break) separates the token from the previous one; an n-gram never crosses one.

    >>> [t.key for t in tokenise("Machine Learning (ML) Engineers")]
    ['machine', 'learning', 'engineer']
    """
    end = len(text) if end is None else end
    # One C-level split gives gaps and words alternately: [gap, word, gap, word, ..., gap].
    parts = _WORD_SPLIT.split(text[start:end])
    words = parts[1::2]
    if not words:
        return Tokens()
    offsets = list(accumulate(map(len, parts), initial=start))
    starts, ends = offsets[1:-1:2], offsets[2::2]
    brks = list(map(_BREAKS.__getitem__, parts[0:-1:2]))
    brks[0] = True
    keys = list(map(_KEYS.__getitem__, words))
    skipped = _restated_acronyms(text, start, end, words, starts, ends)
    if skipped:
        for n in skipped:
            following = n + 1
            while following in skipped:
                following += 1
            if following < len(words):
                brks[following] = False
        for n in sorted(skipped, reverse=True):  # dropped in place, last first: a few C-level moves
            del words[n], keys[n], starts[n], ends[n], brks[n]
    return Tokens(words, keys, starts, ends, brks)


_WORD = re.compile(r"[A-Za-z0-9]++(?:\+\+?|#)?|&")  # possessive: no backtracking into a word
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_BREAK = re.compile(r"[,;:()\[\]\n!?|\"“”→⟶➔]|\.\s|\s[—/]\s|->|=>")
_ACRONYM = re.compile(r"[A-Z][A-Za-z]{1,5}s?")


def _key(word: str) -> str:
    """The matching key of one word: lower case, singular (``LLMs`` -> ``llm``), ``&`` as ``and``."""
    low = word.lower()
    if low == "&":
        return "and"
    stem = word[:-1]  # an acronym's plural: two or more capitals and an "s" ([A-Z]{2,}s)
    if len(word) >= 3 and word[-1] == "s" and stem.isupper() and stem.isalpha() and stem.isascii():
        return low[:-1]
    return singular(low)


def _is_break(gap: str) -> bool:
    return bool(_BREAK.search(gap))


class _Memo(dict[str, _V]):
    """``fn`` of each string, computed on first lookup (emptied when it holds ``size`` values).

    Looked up as ``memo[s]`` or mapped as ``map(memo.__getitem__, strings)``: a dict hit
    costs no Python-level call.
    """

    def __init__(self, fn: Callable[[str], _V], size: int) -> None:
        super().__init__()
        self.fn = fn
        self.size = size

    def __missing__(self, key: str) -> _V:
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.fn(key)
        return value


_KEYS = _Memo(_key, 1 << 16)
_BREAKS = _Memo(_is_break, 1 << 12)


def _restated_acronyms(text: str, start: int, end: int, words: list[str], starts: list[int],
                       ends: list[int]) -> set[int]:
    """Indexes of parenthesised acronyms that restate the words before them: "(ML)"."""
    out: set[int] = set()
    paren = text.find("(", max(start - 1, 0), end)
    while paren >= 0:
        n = bisect_left(starts, paren + 1)
        if n < len(words) and starts[n] == paren + 1 and text[ends[n]:ends[n] + 1] == ")" \
                and _is_restated_acronym(words, n):
            out.add(n)
        paren = text.find("(", paren + 1, end)
    return out


def _is_restated_acronym(words: list[str], n: int) -> bool:
    word = words[n]
    if not _ACRONYM.fullmatch(word):
        return False
    letters = word.rstrip("s").lower() if word.endswith("s") and not word.isupper() else word.lower()
    k = len(letters)
    if n < k:
        return False
    initials = "".join(w[0].lower() for w in words[n - k:n])
    return initials == letters
