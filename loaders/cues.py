"""Decide how strongly a document's primary role needs a skill from the words around it.

"required", "must", "proficiency in", "experience with" make a skill required (strength 1);
"preferred", "nice to have", "familiarity with", "a plus", "bonus" make it optional (0.5);
a skill seen only in trend, market, challenge, FAQ, salary or cover-letter sections is
weaker still (0.3). Otherwise the section decides (requirements 0.8, elsewhere 0.6).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.loaders.segment import WEAK_SECTIONS, Prefilter, Sentence

__all__ = ["requirement_cue", "LIST_CUE"]

LIST_CUE = re.compile(r"\b(?:e\.g\.|i\.e\.|such as|including|includes|like|for example|for instance)\s*,?\s*",
                      re.I)

_PREFERRED = re.compile(r"\b(?:preferred|nice[- ]to[- ]have|familiar(?:ity)?\b|a plus|plus\b|bonus|desirable|"
                        r"desired|ideally|advantage|beneficial|exposure to|optional|good to have|is helpful|"
                        r"awareness of|additional desirable|not (?:strictly )?(?:required|mandatory|essential)|"
                        r"helpful)", re.I)
_REQUIRED = re.compile(r"\b(?<!not )(?<!strictly )(?:required|requires?|requirement|must|mandatory|essential|"
                       r"proficien\w*|"
                       r"experience (?:with|in)|expertise (?:in|with)|strong|solid|deep (?:understanding|"
                       r"knowledge)|knowledge of|hands-on|demonstrated|proven|mastery|fluen\w+)\b", re.I)


def requirement_cue(sent: Sentence, offset: int) -> tuple[bool, float]:
    """Return ``(required, strength)`` for a skill found at ``offset`` in ``sent``.

    The cue words are read in the sentence up to the skill and in its heading.
    """
    section = sent.block.section
    if section in WEAK_SECTIONS:
        return False, 0.3
    cut = max(0, offset - sent.start)
    heading = sent.block.heading
    prefer_end, require_end = _first_cue_ends(sent.text)
    if prefer_end is not None and (prefer_end <= cut or not (require_end is not None and require_end <= cut)):
        return False, 0.5
    if section == "preferred" or _heading_prefers(heading):
        return False, 0.5
    if require_end is not None and require_end <= cut or _heading_requires(heading):
        return True, 1.0
    if section in ("requirements", "responsibilities"):
        return True, 0.8
    return True, 0.6


# Every match of _PREFERRED / _REQUIRED contains one of these (lower case): a cheap prefilter.
_PREFERRED_WORDS = Prefilter("preferred", "nice", "familiar", "plus", "bonus", "desir", "ideally", "advantage",
                    "beneficial", "exposure to", "optional", "good to have", "helpful", "awareness of", "not ")
_REQUIRED_WORDS = Prefilter("require", "must", "mandatory", "essential", "proficien", "experience ", "expertise ",
                   "strong", "solid", "deep ", "knowledge of", "hands-on", "demonstrated", "proven", "mastery",
                   "fluen")


@lru_cache(maxsize=1 << 12)
def _first_cue_ends(text: str) -> tuple[int | None, int | None]:
    """Return where the first "preferred" and the first "required" cue of a sentence end (None: no cue).

    Computed once per sentence, so judging every skill of a long list stays linear: a cue
    "before the skill" is one that ends at or before the skill's offset.
    """
    ends: list[int | None] = []
    for words, pattern in ((_PREFERRED_WORDS, _PREFERRED), (_REQUIRED_WORDS, _REQUIRED)):
        match = pattern.search(text) if words(text) else None
        ends.append(match.end() if match else None)
    return ends[0], ends[1]


@lru_cache(maxsize=1 << 10)
def _heading_prefers(heading: str) -> bool:
    return bool(_PREFERRED.search(heading))


@lru_cache(maxsize=1 << 10)
def _heading_requires(heading: str) -> bool:
    return bool(_REQUIRED.search(heading))
