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

__all__ = ["storable_aliases"]

_CODE = re.compile(r"^(?:[A-Za-z]{1,3}\d{1,2}\+?|\d{1,2})$")


def storable_aliases(role_id: str, aliases: tuple[str, ...],
                     other_labels: frozenset[tuple[str, ...]]) -> tuple[str, ...]:
    """The aliases of ``role_id`` that name it and nothing else.

    >>> storable_aliases("senior-engineer-2", ("Sen Eng 2", "Senior", "IC5", "Senior Engineer"),
    ...                  frozenset({key_of("Senior Engineer")}))
    ('Sen Eng 2',)
    """
    return tuple(a for a in aliases if not _only_ranks(a) and not (key_of(a) and key_of(a) in other_labels)
                 and not _names_other_curated_role(a, role_id))


def _only_ranks(alias: str) -> bool:
    words = alias.replace("+", " ").split()
    ranks = _rank_words()
    return bool(words) and all(w.lower().rstrip(".") in ranks or _CODE.match(w) for w in words)


@lru_cache(maxsize=1)
def _rank_words() -> frozenset[str]:
    titles = load_rules("titles")
    return frozenset(titles["seniority"]) | frozenset(k.lower() for k in titles["words"]["numerals"])


def _names_other_curated_role(alias: str, role_id: str) -> bool:
    entries = concept_index().get(key_of(alias), [])
    return any(c.kind == "role" and c.id != role_id for c, _ in entries)
