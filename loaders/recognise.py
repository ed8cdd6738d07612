"""Find curated vocabulary names in tokenised text: look n-grams of token keys up in a dict.

Names and text are compared as tuples of normalised, singularised tokens (see
:mod:`kg.loaders.tokenise`), so matching ignores case (except for short or ambiguous names
marked ``case_sensitive``), plurals, hyphens, slashes and ``&``/``and``. "X and Y <noun>"
coordinations are expanded ("supervised and unsupervised learning"). The index is built
once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from operator import or_
from typing import Any, NamedTuple

from kg.loaders.tokenise import Token, Tokens
from kg.ontology.names import normalize, singular
from kg.ontology.vocab import Concept, load_vocabulary

__all__ = ["Hit", "Occurrence", "find_concepts", "concept_index", "key_of"]

MAX_NGRAM = 8


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



# Named tuples made as plain tuples: skips their Python-level __new__ (hundreds per document).
_new = tuple.__new__


def key_of(name: str) -> tuple[str, ...]:
    """Return the token-key tuple a name is indexed under (``key_of("CI/CD pipelines")``)."""
    return tuple(singular(w) for w in normalize(name).split())


def find_concepts(tokens: Tokens, kinds: tuple[str, ...] = ("certification", "role", "skill")) -> list[Hit]:
    """Return the longest non-overlapping vocabulary hits in ``tokens``, left to right."""
    index = concept_index()
    lengths = _first_word_lengths()
    keys = tokens.keys
    n = len(tokens)
    hits: list[Hit] = []
    # Only tokens that start a one-word name, or a longer one with the next token, or that precede
    # "and"/"or" can start a hit: visit those alone (found by C-level set tests over all tokens).
    singles, pairs = _starters()
    bigrams = zip(keys, [*keys[1:], ""], strict=True)
    openers = map(or_, map(singles.__contains__, keys), map(pairs.__contains__, bigrams))
    starts = list(compress(range(n), openers))
    starts += compress(range(-1, n - 1), map(_CONJUNCTIONS.__contains__, keys))
    starts.sort()
    i = 0
    for c in starts:
        if c < i:
            continue
        key = keys[c]
        if key not in lengths:
            hit = None
        elif c + 1 < n and (key, keys[c + 1]) in pairs:
            hit = _longest_at(tokens, keys, c, index, kinds)
        else:  # no longer name starts with these two words: only the word itself can match
            hit = _word_at(tokens, c, index.get((key,)), kinds)
        if hit is None:
            # "X and Y <rest>" is read only where X can start a name
            if key in lengths and c + 2 < n and keys[c + 1] in ("and", "or"):
                hits.extend(_coordinated_at(tokens, keys, c, index, kinds))
            i = c + 1
            continue
        hits.append(hit)
        i = hit.j
    senses = _sense_rules()
    if senses:
        hits = [h for h in hits if h.concept.id not in senses or _in_sense(tokens, h, senses[h.concept.id])]
    shifts = _technical_senses()
    if shifts and any(h.concept.id in shifts for h in hits):
        hits = [_listed_sense(tokens, hits, k, shifts[h.concept.id]) if h.concept.id in shifts else h
                for k, h in enumerate(hits)]
    return hits


@lru_cache(maxsize=1)
def _technical_senses() -> dict[str, Concept]:
    """The ``technical_sense`` of every skill that has one: a soft skill's name that, listed among technical
    skills, names a technical one ("Linux, networking, containers": Computer Networking)."""
    skills = load_vocabulary().of_kind("skill")
    return {c.id: skills[c.attrs["technical_sense"]] for c in skills.values()
            if c.attrs.get("technical_sense") in skills}


_LIST_GAP = 2  # most words between two items of one list ("Linux systems, networking")


def _listed_sense(tokens: Tokens, hits: list[Hit], k: int, technical: Concept) -> Hit:
    """``hits[k]`` as ``technical`` when a technical skill is listed right next to it."""
    hit = hits[k]
    near = [hits[n] for n in (k - 1, k + 1) if 0 <= n < len(hits)]
    for other in near:
        i, j = (other.j, hit.i) if other.j <= hit.i else (hit.j, other.i)
        if other.concept.kind == "skill" and other.concept.attrs.get("kind") == "technical" \
                and 0 <= j - i <= _LIST_GAP:
            return _new(Hit, (technical, hit.start, hit.end, hit.i, hit.j))
    return hit


class _Sense(NamedTuple):
    """Words around a name that give it another meaning (``latency budgets``, ``to react``)."""

    after: frozenset[str]  # the word before the name
    before: frozenset[str]  # the word after it
    person: bool  # also a given name: not when a surname follows ("Julia Evans")
    department: bool  # also a department: not when listed with others ("Product, Sales, Marketing")
    language: bool  # a spoken language: only with a proficiency word nearby ("fluent in Dutch")


@lru_cache(maxsize=1)
def _sense_rules() -> dict[str, _Sense]:
    """The ``not_after``/``not_before``/``person_name`` rules of every concept, by id."""
    rules: dict[str, _Sense] = {}
    vocab = load_vocabulary()
    for kind in ("certification", "role", "skill"):
        for concept in vocab.of_kind(kind).values():
            a = concept.attrs
            flags = (bool(a.get("person_name")), bool(a.get("department")), bool(a.get("spoken_language")))
            if "not_after" in a or "not_before" in a or any(flags):
                rules[concept.id] = _Sense(frozenset(key_of(" ".join(a.get("not_after", ())))),
                                           frozenset(key_of(" ".join(a.get("not_before", ())))), *flags)
    return rules


def _in_sense(tokens: Tokens, hit: Hit, sense: _Sense) -> bool:
    """False when the words next to ``hit`` (same clause) show it names something else."""
    i, j = hit.i, hit.j
    if i > 0 and not tokens.brks[i] and tokens.keys[i - 1] in sense.after:
        return False
    if j < len(tokens) and not tokens.brks[j]:
        nxt = tokens[j]
        if nxt.key in sense.before:
            return False
        if sense.person and nxt.text[:1].isupper() and nxt.text[1:].islower() and len(nxt.text) > 1:
            return False
    if sense.language and not _near_proficiency(tokens, i, j):
        return False
    return not (sense.department and _near_department(tokens, i, j))


_PROFICIENCY = frozenset({"fluent", "fluency", "fluently", "proficient", "proficiency", "native", "bilingual",
                          "speak", "speaking", "spoken", "speaker", "written", "verbal", "command", "c1", "c2",
                          "b2", "mother", "tongue", "business", "conversational"})


def _near_proficiency(tokens: Tokens, i: int, j: int) -> bool:
    """True when a proficiency word sits within four words before or two after ``tokens[i:j]``."""
    return any(t.key in _PROFICIENCY for t in tokens[max(0, i - 4):i]) or \
        any(t.key in _PROFICIENCY for t in tokens[j:j + 2])


# Departments a company lists together ("work with Product, Sales and QA").
_DEPARTMENTS = frozenset({"product", "marketing", "finance", "legal", "hr", "operation", "engineering", "design",
                          "support", "cs", "qa", "sale", "sales", "security", "success", "people", "recruiting", "ops",
                          "accounting", "procurement", "partnership", "bizdev", "growth", "research"})
_LINKS = frozenset({"and", "or", "&"})


def _near_department(tokens: Tokens, i: int, j: int) -> bool:
    """True when one of the two words on either side of ``tokens[i:j]`` (links skipped) names a department."""
    before = [t.key for t in tokens[max(0, i - 3):i] if t.key not in _LINKS][-2:]
    after = [t.key for t in tokens[j:j + 3] if t.key not in _LINKS][:2]
    return any(k in _DEPARTMENTS for k in before + after)


@lru_cache(maxsize=1)
def concept_index() -> dict[tuple[str, ...], list[tuple[Concept, str | None]]]:
    """Map every curated name's key to its concepts (with the exact-case form when required)."""
    vocab = load_vocabulary()
    tables = {kind: vocab.of_kind(kind) for kind in ("certification", "role", "skill")}
    index: dict[tuple[str, ...], list[tuple[Concept, str | None]]] = {}
    seen: set[tuple[tuple[str, ...], str]] = set()
    for kind, concept_id, key, exact in _index_rows():
        if (key, concept_id) not in seen:  # a concept once per key, whichever of its names made it
            seen.add((key, concept_id))
            index.setdefault(key, []).append((tables[kind][concept_id], exact))
    return index


@lru_cache(maxsize=1)
def _key_tables() -> tuple[list[tuple[str, str, tuple[str, ...], str | None]], dict[str, int], frozenset[str],
                           frozenset[tuple[str, str]], frozenset[tuple[str, ...]]]:
    """(kind, concept id, key, exact form) per curated name in index order, and the tables made from the keys
    alone (first-word lengths, starters, prefixes); cached by the bytes of the vocabularies and of the code
    that makes them (computing them costs a process about 25 ms)."""
    from kg.datafile import data_path, derived
    from kg.ontology import names, vocab

    def build() -> list[Any]:
        rows: list[Any] = []
        for kind in ("certification", "role", "skill"):
            for concept in load_vocabulary().of_kind(kind).values():
                strict = set(concept.attrs.get("case_sensitive", ()))
                for name in concept.names:
                    key = key_of(name)
                    if key:
                        rows.append((kind, concept.id, key,
                                     name if (name in strict or len(normalize(name)) <= 2) else None))
        keys = list(dict.fromkeys(row[2] for row in rows))
        lengths: dict[str, int] = {}
        for key in keys:  # longest name (in tokens) starting with each first word: most tokens start none
            lengths[key[0]] = max(lengths.get(key[0], 0), min(len(key), MAX_NGRAM))
        one_word = frozenset(k[0] for k in keys if len(k) == 1)
        two_words = frozenset((k[0], k[1]) for k in keys if len(k) > 1)
        prefixes = frozenset(key[:k] for key in keys for k in range(1, len(key) + 1))
        return [rows, lengths, one_word, two_words, prefixes]

    sources = [data_path(vocab.__file__, "vocab", f) for f in ("roles.toml", "skills.toml", "certifications.toml")]
    rows, lengths, one_word, two_words, prefixes = derived("concept-keys", [*sources, names.__file__, __file__], build)
    return rows, lengths, one_word, two_words, prefixes


def _index_rows() -> list[tuple[str, str, tuple[str, ...], str | None]]:
    """(kind, concept id, key, exact form) per curated name, in index order."""
    return _key_tables()[0]


@lru_cache(maxsize=1)
def _first_word_lengths() -> dict[str, int]:
    """Longest name (in tokens) starting with each first word: most tokens start none."""
    return _key_tables()[1]


@lru_cache(maxsize=1)
def _starters() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """One-word names, and the first two words of every longer name."""
    tables = _key_tables()
    return tables[2], tables[3]


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[tuple[str, ...]]:
    """Every leading part of every indexed key: a longer n-gram cannot match past a miss."""
    return _key_tables()[4]


_CONJUNCTIONS = frozenset({"and", "or"})
_FIELD_NOUNS = frozenset({"engineering", "development", "science", "management", "experience", "research"})


def _longest_at(tokens: Tokens, keys: list[str], i: int,
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
        if j >= limit or tokens.brks[j]:
            break
        key += (keys[j],)
        if key not in prefixes:
            break
        j += 1
    if len(found) > 1:
        found.reverse()
    for j, entries in found:
        if j == i + 1 and len(tokens.words[i]) == 1 and _is_code_letter(tokens, i):
            continue
        for concept, exact in entries:
            if concept.kind in kinds and (exact is None or _case_ok(tokens[i:j], exact)):
                return _new(Hit, (concept, tokens.starts[i], tokens.ends[j - 1], i, j))
    return None


def _word_at(tokens: Tokens, i: int, entries: list[tuple[Concept, str | None]] | None,
             kinds: tuple[str, ...]) -> Hit | None:
    """The one-word name at token ``i`` (what :func:`_longest_at` finds when no longer name can start)."""
    if entries is None or (len(tokens.words[i]) == 1 and _is_code_letter(tokens, i)):
        return None
    for concept, exact in entries:
        if concept.kind in kinds and (exact is None or _case_ok(tokens[i:i + 1], exact)):
            tok = tokens[i]
            return _new(Hit, (concept, tok.start, tok.end, i, i + 1))
    return None


def _is_code_letter(tokens: Tokens, i: int) -> bool:
    """A lone letter that opens a code ("R-204518", "C-3") or is glued to "&" ("R&D", "Q&A")."""
    nxt = i + 1
    if len(tokens.words[i]) != 1:
        return False
    if nxt < len(tokens) and ((tokens.words[nxt] == "&" and tokens.starts[nxt] == tokens.ends[i])
                              or (tokens.words[nxt].isdigit() and tokens.starts[nxt] == tokens.ends[i] + 1)):
        return True
    return i > 0 and tokens.words[i - 1] == "&" and tokens.ends[i - 1] == tokens.starts[i]


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


def _shared_suffix_at(tokens: Tokens, keys: list[str], i: int,
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
                return [Hit(concept, tokens.starts[i], tokens.ends[j - 1], i, j)]
    return []


def _coordinated_at(tokens: Tokens, keys: list[str], i: int,
                    index: dict[tuple[str, ...], list[tuple[Concept, str | None]]],
                    kinds: tuple[str, ...]) -> list[Hit]:
    """Expand "X and Y <rest>" where "X <rest>" is a name (the Y-part is matched on its own)."""
    if i + 2 >= len(tokens) or tokens.keys[i + 1] not in ("and", "or") or tokens.brks[i + 1]:
        return []
    if tokens.brks[i + 2]:
        return []
    nxt = _longest_at(tokens, keys, i + 2, index, kinds)
    if nxt is None or nxt.j - nxt.i < 2:
        return _shared_suffix_at(tokens, keys, i, index, kinds)
    for cut in range(nxt.i + 1, nxt.j):
        for concept, exact in index.get((keys[i], *keys[cut:nxt.j]), ()):
            if concept.kind in kinds and exact is None and concept.id != nxt.concept.id:
                return [Hit(concept, tokens.starts[i], tokens.ends[nxt.j - 1], i, nxt.j)]
    return []
