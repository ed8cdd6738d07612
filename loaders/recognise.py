"""Find curated vocabulary names in text: tokenise once, look n-grams up in a dict.

Names and text are compared as tuples of normalised, singularised tokens, so matching
ignores case (except for short or ambiguous names marked ``case_sensitive``), plurals,
hyphens, slashes and ``&``/``and``. A parenthesised acronym that restates the words before
it ("Machine Learning (ML) Engineer") is skipped, and "X and Y <noun>" coordinations are
expanded ("supervised and unsupervised learning"). The index is built once per process.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple, TypeVar

from kg.ontology.names import normalize, singular
from kg.ontology.vocab import Concept, load_vocabulary

__all__ = ["Token", "Hit", "Occurrence", "tokenise", "find_concepts", "concept_index", "key_of"]

MAX_NGRAM = 8
_V = TypeVar("_V")


class Token(NamedTuple):
    """One word of the text: raw ``text``, matching ``key`` and its span."""

    text: str
    key: str
    start: int
    end: int
    brk: bool


class Hit(NamedTuple):
    """A vocabulary concept found at ``[start, end)`` (token indexes ``i..j``)."""

    concept: Concept
    start: int
    end: int
    i: int
    j: int


class Occurrence(NamedTuple):
    """One occurrence of a role, skill or certification, resolved to an id, before aggregation.

    A named tuple, like :class:`Token` and :class:`Hit`: hundreds are made per document.
    """

    kind: str
    id: str
    label: str
    aliases: tuple[str, ...]
    start: int
    end: int
    curated: bool
    attrs: tuple[tuple[str, object], ...]


def tokenise(text: str, start: int = 0, end: int | None = None) -> list[Token]:
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
        return []
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
        kept = [n for n in range(len(words)) if n not in skipped]
        words, keys = [words[n] for n in kept], [keys[n] for n in kept]
        starts, ends, brks = [starts[n] for n in kept], [ends[n] for n in kept], [brks[n] for n in kept]
    return list(map(tuple.__new__, repeat(Token), zip(words, keys, starts, ends, brks, strict=True)))


def key_of(name: str) -> tuple[str, ...]:
    """Return the token-key tuple a name is indexed under (``key_of("CI/CD pipelines")``)."""
    return tuple(singular(w) for w in normalize(name).split())


def find_concepts(tokens: list[Token], kinds: tuple[str, ...] = ("certification", "role", "skill")) -> list[Hit]:
    """Return the longest non-overlapping vocabulary hits in ``tokens``, left to right."""
    index = concept_index()
    lengths = _first_word_lengths()
    keys = [t.key for t in tokens]
    n = len(tokens)
    hits: list[Hit] = []
    # Only tokens that start a one-word name, or a longer one with the next token, or that precede
    # "and"/"or" can start a hit: visit those alone.
    singles, seconds = _starters()
    padded = [*keys, ""]
    starts = [c for c, key in enumerate(keys) if key in lengths]
    starts = [c for c in starts if padded[c] in singles or padded[c + 1] in seconds[padded[c]]]
    starts += [c - 1 for c, key in enumerate(keys) if key == "and" or key == "or"]
    starts.sort()
    i = 0
    for c in starts:
        if c < i:
            continue
        hit = _longest_at(tokens, keys, c, index, kinds) if keys[c] in lengths else None
        if hit is None:
            if c + 2 < n and keys[c + 1] in ("and", "or"):
                hits.extend(_coordinated_at(tokens, keys, c, index, kinds))
            i = c + 1
            continue
        hits.append(hit)
        i = hit.j
    return hits


@lru_cache(maxsize=1)
def concept_index() -> dict[tuple[str, ...], list[tuple[Concept, str | None]]]:
    """Map every curated name's key to its concepts (with the exact-case form when required)."""
    vocab = load_vocabulary()
    index: dict[tuple[str, ...], list[tuple[Concept, str | None]]] = {}
    for kind in ("certification", "role", "skill"):
        for concept in vocab.of_kind(kind).values():
            strict = set(concept.attrs.get("case_sensitive", ()))
            for name in concept.names:
                key = key_of(name)
                if not key:
                    continue
                exact = name if (name in strict or len(normalize(name)) <= 2) else None
                entries = index.setdefault(key, [])
                if all(c.id != concept.id for c, _ in entries):
                    entries.append((concept, exact))
    return index


@lru_cache(maxsize=1)
def _first_word_lengths() -> dict[str, int]:
    """Longest name (in tokens) starting with each first word: most tokens start none."""
    lengths: dict[str, int] = {}
    for key in concept_index():
        lengths[key[0]] = max(lengths.get(key[0], 0), min(len(key), MAX_NGRAM))
    return lengths


@lru_cache(maxsize=1)
def _starters() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """One-word names, and for every first word of a longer name the words that can follow it."""
    seconds: dict[str, set[str]] = {}
    for key in concept_index():
        if len(key) > 1:
            seconds.setdefault(key[0], set()).add(key[1])
    return frozenset(k[0] for k in concept_index() if len(k) == 1), {k: frozenset(v) for k, v in seconds.items()}


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[tuple[str, ...]]:
    """Every leading part of every indexed key: a longer n-gram cannot match past a miss."""
    return frozenset(key[:k] for key in concept_index() for k in range(1, len(key) + 1))


_FIELD_NOUNS = frozenset({"engineering", "development", "science", "management", "experience", "research"})
_WORD = re.compile(r"[A-Za-z0-9]+(?:\+\+?|#)?|&")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_BREAK = re.compile(r"[,;:()\[\]\n!?|\"“”→⟶➔]|\.\s|\s[—/]\s|->|=>")
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
_ACRONYM = re.compile(r"[A-Z][A-Za-z]{1,5}s?")


def _key(word: str) -> str:
    """The matching key of one word: lower case, singular (``LLMs`` -> ``llm``), ``&`` as ``and``."""
    low = word.lower()
    return "and" if low == "&" else low[:-1] if _ACRONYM_PLURAL.fullmatch(word) else singular(low)


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


def _longest_at(tokens: list[Token], keys: list[str], i: int,
                index: dict[tuple[str, ...], list[tuple[Concept, str | None]]], kinds: tuple[str, ...]) -> Hit | None:
    longest = _first_word_lengths().get(keys[i], 0)
    if not longest:
        return None
    limit = min(len(tokens), i + longest)
    prefixes = _prefixes()
    found: list[tuple[int, list[tuple[Concept, str | None]]]] = []
    j = i + 1
    key: tuple[str, ...] = (keys[i],)
    while True:  # grow the n-gram up to a break, the longest name or the last indexed prefix
        entries = index.get(key)
        if entries is not None:
            found.append((j, entries))
        if j >= limit or tokens[j].brk:
            break
        key += (keys[j],)
        if key not in prefixes:
            break
        j += 1
    for j, entries in reversed(found):
        if j == i + 1 and _is_code_letter(tokens, i):
            continue
        for concept, exact in entries:
            if concept.kind in kinds and _case_ok(tokens[i:j], exact):
                return Hit(concept, tokens[i].start, tokens[j - 1].end, i, j)
    return None


def _is_code_letter(tokens: list[Token], i: int) -> bool:
    """A lone letter that opens a code ("R-204518", "C-3"): not the language of that name."""
    nxt = i + 1
    return (len(tokens[i].text) == 1 and nxt < len(tokens) and tokens[nxt].text.isdigit()
            and tokens[nxt].start == tokens[i].end + 1)


def _case_ok(tokens: list[Token], exact: str | None) -> bool:
    if exact is None:
        return True
    words = _exact_words(exact)
    if len(words) != len(tokens):
        return False
    return all(t.text == w or t.text == w + "s" for t, w in zip(tokens, words, strict=True))


@lru_cache(maxsize=1 << 10)
def _exact_words(exact: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[^A-Za-z0-9+#]+", exact) if w)


def _shared_suffix_at(tokens: list[Token], keys: list[str], i: int,
                      index: dict[tuple[str, ...], list[tuple[Concept, str | None]]],
                      kinds: tuple[str, ...]) -> list[Hit]:
    """ "X or Y <rest>" where Y is one word and "X <rest>" a name: "ARM or Bicep templates"."""
    if i + 3 >= len(tokens) or (keys[i], keys[i + 3]) not in _prefixes():
        return []
    for m in (2, 1):
        j = i + 3 + m
        if j > len(tokens) or any(t.brk for t in tokens[i + 3:j]) or keys[j - 1] in _FIELD_NOUNS:
            continue  # "software or ML engineering" names fields of experience
        for concept, exact in index.get((keys[i], *keys[i + 3:j]), ()):
            if concept.kind == "skill" and concept.kind in kinds and exact is None:
                return [Hit(concept, tokens[i].start, tokens[j - 1].end, i, j)]
    return []


def _coordinated_at(tokens: list[Token], keys: list[str], i: int,
                    index: dict[tuple[str, ...], list[tuple[Concept, str | None]]],
                    kinds: tuple[str, ...]) -> list[Hit]:
    """Expand "X and Y <rest>" where "X <rest>" is a name (the Y-part is matched on its own)."""
    if i + 2 >= len(tokens) or tokens[i + 1].key not in ("and", "or") or tokens[i + 1].brk:
        return []
    if tokens[i + 2].brk:
        return []
    nxt = _longest_at(tokens, keys, i + 2, index, kinds)
    if nxt is None or nxt.j - nxt.i < 2:
        return _shared_suffix_at(tokens, keys, i, index, kinds)
    for cut in range(nxt.i + 1, nxt.j):
        for concept, exact in index.get((keys[i], *keys[cut:nxt.j]), ()):
            if concept.kind in kinds and exact is None and concept.id != nxt.concept.id:
                return [Hit(concept, tokens[i].start, tokens[nxt.j - 1].end, i, nxt.j)]
    return []
