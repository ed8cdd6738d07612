"""Which of a role's aliases may be stored as names of the role for every document.

A document's own short forms ("Senior" in a ladder of engineers, "IC2", "Sen Staff+") serve its
extraction; in the shared graph they would name many roles at once. So a stored alias must be a
name in its own right: not only rank words, numerals or level codes, not the label of another
role the same document names, and not a curated name of a different role in the vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.loaders.recognise import concept_index, key_of
from kg.loaders.rules import load_rules

__all__ = ["storable_aliases", "label_key"]

_CODE = re.compile(r"^(?:[A-Za-z]{1,3}\d{1,2}\+?|\d{1,2})$")


def storable_aliases(role_id: str, aliases: tuple[str, ...],
                     other_labels: frozenset[tuple[str, ...]]) -> tuple[str, ...]:
    """The aliases of ``role_id`` that name it and nothing else.

    >>> storable_aliases("senior-engineer-2", ("Sen Eng 2", "Senior", "IC5", "Senior Engineer"),
    ...                  frozenset({key_of("Senior Engineer")}))
    ('Sen Eng 2',)
    """
    kept = []
    for alias in aliases:
        only_ranks, key, curated_roles = _alias_facts(alias)
        if not only_ranks and not (key and key in other_labels) and not any(r != role_id for r in curated_roles):
            kept.append(alias)
    return tuple(kept)


#: the match key of a name (cached: role labels and aliases recur in every document)
label_key = lru_cache(maxsize=1 << 14)(key_of)


@lru_cache(maxsize=1 << 14)
def _alias_facts(alias: str) -> tuple[bool, tuple[str, ...], tuple[str, ...]]:
    """What the tests of :func:`storable_aliases` read of an alias: only rank words?, its key, the curated
    roles it names (aliases recur document after document: cached)."""
    key = label_key(alias)
    roles = tuple(c.id for c, _ in concept_index().get(key, ()) if c.kind == "role")
    return _only_ranks(alias), key, roles


def _only_ranks(alias: str) -> bool:
    words = alias.replace("+", " ").split()
    ranks = _rank_words()
    return bool(words) and all(w.lower().rstrip(".") in ranks or _CODE.match(w) for w in words)


@lru_cache(maxsize=1)
def _rank_words() -> frozenset[str]:
    titles = load_rules("titles")
    return frozenset(titles["seniority"]) | frozenset(k.lower() for k in titles["words"]["numerals"])
