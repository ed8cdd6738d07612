"""Find one-of groups among a sentence's skills or certifications: "AWS, Azure or GCP", "CSPO or PMP".

A group is a run of skill occurrences that only separators lie between (commas, "or", "/", "and"),
with at least one "or" or "/". When "and" also joins the run, it splits the groups ("Kubernetes,
Spark and AWS or GCP" gives AWS|GCP); when a list ends in ", and" ("Python, PyTorch or TensorFlow,
and MLOps") its commas are the list's, so only the skills joined by "or" or "/" are the group.
Sentences that describe the work (responsibilities, trends) give no groups.
A comma list that runs into "or" and a phrase that is not a known skill ("dbt, Airflow or a cloud
data warehouse") is a group of the listed skills. Certifications group the same way among
themselves ("AWS Solutions Architect or GCP Professional Cloud Architect"); a group never mixes a
skill with a certification. A degree followed by "or equivalent (practical) experience" is told by
:func:`experience_instead`. Pure: a function of the text and the occurrences.

>>> from kg.loaders.segment import segment, sentences
>>> text = "Experience with AWS, Azure or GCP and Docker."
>>> sents = sentences(segment(text), text)
>>> from kg.loaders.recognise import Occurrence
>>> found = [Occurrence("skill", sid, w, (), text.index(w), text.index(w) + len(w), True, ())
...          for sid, w in [("aws", "AWS"), ("azure", "Azure"), ("gcp", "GCP"), ("docker", "Docker")]]
>>> [(g.ids, g.required) for g in find_skill_groups(text, sents, found)]
[(('aws', 'azure', 'gcp'), True)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import Protocol

from kg.loaders.cues import requirement_cue
from kg.loaders.models import SkillGroup
from kg.loaders.segment import Sentence

__all__ = ["Found", "find_skill_groups", "experience_instead", "names_equivalent_experience"]

_QUOTE_MAX = 300
#: what may stand between two members: kind of separator, by pattern
_GAP = re.compile(r"\s*(?:(?P<or>,?\s*\bor\b|/)|(?P<listand>,\s*(?:\band\b|&))|(?P<and>\band\b|&)|(?P<comma>,))\s*",
                  re.I)
#: sections whose "A or B" describes the work, not what the role asks for
_NOT_ASKED = frozenset({"responsibilities", "benefits", "challenges", "trends", "market"})
_OR_AFTER = re.compile(r",?\s*\bor\b", re.I)
#: "… or equivalent (practical / work / professional) experience" after a degree, in its line
_EXPERIENCE_PHRASE = re.compile(r"(?:or\s+)?(?:an?\s+)?equivalent\s+(?:[\w-]+\s+){0,2}?experience", re.I)
_EQUIVALENT = re.compile(r"[^\n;]{0,160}?\bor\s+(?:an?\s+)?equivalent\s+(?:[\w-]+\s+){0,2}?experience\b", re.I)


class Found(Protocol):
    """What the extractor knows of one occurrence (:class:`~kg.loaders.recognise.Occurrence` fits)."""

    @property
    def kind(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def find_skill_groups(text: str, sents: list[Sentence], found: Iterable[Found]) -> tuple[SkillGroup, ...]:
    """Return the one-of groups among the skill (or certification) occurrences in ``found``, in text order."""
    occurrences = list(found)
    groups = [g for kind in ("skill", "certification") for g in _groups_of(text, sents, occurrences, kind)]
    return tuple(sorted(groups, key=lambda g: (g.start, g.kind)))


def experience_instead(text: str, start: int, end: int) -> bool:
    """Return True when the degree stated at ``text[start:end]`` may be replaced by equivalent experience.

    >>> t = "BS in Computer Science or equivalent practical experience."
    >>> experience_instead(t, 0, 22), experience_instead("BS in Computer Science; 5 years of experience.", 0, 22)
    (True, False)
    """
    return _EQUIVALENT.match(text, start, min(len(text), end + 160)) is not None


def names_equivalent_experience(phrase: str) -> bool:
    """Return True when a phrase read as a degree's field is the experience offered instead of the degree.

    >>> names_equivalent_experience("Equivalent practical experience"), names_equivalent_experience("Physics")
    (True, False)
    """
    return _EXPERIENCE_PHRASE.fullmatch(phrase.strip()) is not None


def _groups_of(text: str, sents: list[Sentence], found: list[Found], kind: str) -> list[SkillGroup]:
    skills = [(f.id, f.start, f.end, f.label) for f in found if f.kind == kind]
    ordered = sorted(skills, key=lambda s: (s[1], -s[2]))
    starts = [s.start for s in sents]
    groups: list[SkillGroup] = []
    seen: set[tuple[tuple[str, ...], int]] = set()
    run: list[tuple[str, int, int, str]] = []
    gaps: list[str] = []
    for occ in ordered:
        if run and occ[1] < run[-1][2]:
            continue  # overlaps the previous occurrence
        if run and _same_sentence(starts, sents, run[-1][1], occ[1]):
            m = _GAP.fullmatch(text, run[-1][2], occ[1])
            if m is not None:
                run.append(occ)
                gaps.append(m.lastgroup or "")
                continue
        _close(text, sents, starts, run, gaps, groups, seen)
        run, gaps = [occ], []
    _close(text, sents, starts, run, gaps, groups, seen)
    return [g._replace(kind=kind) for g in groups] if kind != "skill" else groups


def _same_sentence(starts: list[int], sents: list[Sentence], a: int, b: int) -> bool:
    k = bisect_right(starts, a) - 1
    return k >= 0 and sents[k].start <= a and b < sents[k].end


def _close(text: str, sents: list[Sentence], starts: list[int], run: list[tuple[str, int, int, str]],
           gaps: list[str], groups: list[SkillGroup], seen: set[tuple[tuple[str, ...], int]]) -> None:
    """Turn a finished run into its groups (none when nothing in it is joined by "or")."""
    if not run:
        return
    if "or" not in gaps:
        if len(run) > 1 and "and" not in gaps and _OR_AFTER.match(text, run[-1][2]):
            _add(text, sents, starts, run, groups, seen)
        return
    if "and" not in gaps and "listand" not in gaps:
        _add(text, sents, starts, run, groups, seen)
        return
    # Commas belong to the "and" list when one ends in ", and"; else to the "or" group.
    joins = ("or",) if "listand" in gaps else ("or", "comma")
    members, has_or = [run[0]], False
    for occ, gap in zip(run[1:], gaps, strict=True):
        if gap in joins:
            members.append(occ)
            has_or = has_or or gap == "or"
            continue
        if has_or:
            _add(text, sents, starts, members, groups, seen)
        members, has_or = [occ], False
    if has_or:
        _add(text, sents, starts, members, groups, seen)


def _add(text: str, sents: list[Sentence], starts: list[int], members: list[tuple[str, int, int, str]],
         groups: list[SkillGroup], seen: set[tuple[tuple[str, ...], int]]) -> None:
    first = {m[0]: m[3] for m in reversed(members)}  # each id with its first label
    ids = tuple(dict.fromkeys(m[0] for m in members))
    if len(ids) < 2:
        return
    sent = sents[bisect_right(starts, members[0][1]) - 1]
    if (ids, sent.start) in seen or sent.block.section in _NOT_ASKED:
        return
    seen.add((ids, sent.start))
    required, strength = requirement_cue(sent, members[0][1])
    if sent.end - sent.start > _QUOTE_MAX:
        start, end = max(sent.start, members[0][1] - 80), min(sent.end, members[-1][2] + 80)
    else:
        start, end = sent.start, sent.end
    labels = tuple(first[i] for i in ids)
    groups.append(SkillGroup(ids, labels, text[start:end], start, end, required, strength))
