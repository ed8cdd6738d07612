"""Arrow chains in any notation (``A > B > C``, ``→``, ``->``, ``=>``): each part a stage of one or more
titles, short forms expanded ("Sen Eng 1"), bare rank words completed from the ladder's own family
("Staff" in an engineering ladder), names matched to the ladder's own titles first.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.loaders.ladder_parts import norm
from kg.loaders.ladders_model import Rung, Step
from kg.loaders.level_titles import LevelTitle, climbs, expand_abbreviations, parse_title
from kg.loaders.rules import load_rules
from kg.loaders.tree import Node

__all__ = ["arrow_chain", "family_label", "dominant_head", "completed_rank", "member_title"]

_ARROW = re.compile(r"\s*(?:→|->|⟶|➔|=>|⇒|»|(?<=\s)>(?=\s))\s*")
_LABEL = re.compile(r"^[^:>→]{1,40}:\s*")


_ARROW_MARKS = (">", "→", "⟶", "➔", "⇒", "»")  # every arrow _ARROW reads holds one of these


def arrow_chain(text: str, node: Node, known: dict[str, LevelTitle], family_head: str) -> list[Step]:
    body = node.text
    if not any(mark in body for mark in _ARROW_MARKS):
        return []  # a plain substring test first: most blocks hold no arrow
    parts = _ARROW.split(body)
    if len(parts) < 2:
        return []
    parts[0] = _LABEL.sub("", parts[0])
    stages: list[list[Rung]] = []
    pos = node.start
    for part in parts:
        at = text.find(part, pos, node.end) if part else -1
        if at < 0:
            stages.append([])
            continue
        pos = at + len(part)
        stage: list[Rung] = []
        for m in re.finditer(r"[^,/;]+", part):
            member = m.group().strip()
            t = member_title(member, known, family_head)
            if t is not None:
                s = at + m.start() + (len(m.group()) - len(m.group().lstrip()))
                stage.append(Rung(t, s, s + len(member)))
        stages.append(stage)
    steps: list[Step] = []
    whole = all(stages)  # every part of the chain named a title
    for a_stage, b_stage in zip(stages, stages[1:], strict=False):
        if a_stage and b_stage:
            steps.append(Step(a_stage[-1], b_stage[0], node.start, node.end, "explicit-arrow", whole))
    for stage in stages:
        for a, b in zip(stage, stage[1:], strict=False):
            if climbs(a.title, b.title) > 0:
                steps.append(Step(a, b, node.start, node.end, "explicit-arrow", whole))
    return steps if sum(1 for s in stages if s) >= 2 else []


def member_title(member: str, known: dict[str, LevelTitle], family_head: str) -> LevelTitle | None:
    """A chain member as a title: the ladder's own title it names, or one completed from its family."""
    words = expand_abbreviations(member.replace("+", " ").split())
    if not words or len(words) > 6:
        return None
    candidates = [" ".join(words)]
    if family_head:
        candidates.append(" ".join(words[:-1] + [family_head, words[-1]]) if words[-1].isdigit()
                          else " ".join([*words, family_head]))
    for c in candidates:
        hit = known.get(norm(c))
        if hit is not None:
            return _with_alias(hit, member)
    for c in candidates:
        t = parse_title(c, True)
        if t is not None and (c == candidates[0] or _only_rank_words(words)):
            return _with_alias(t, member)
    return None


def _only_rank_words(words: list[str]) -> bool:
    seniority = load_rules("titles")["seniority"]
    return all(w.lower() in seniority for w in words if not w.isdigit())


def _with_alias(t: LevelTitle, member: str) -> LevelTitle:
    if member == t.label or member in t.aliases:
        return t
    return t._replace(aliases=(*t.aliases, member))


def dominant_head(rungs: list[Rung]) -> str:
    """The family most of a ladder's individual-contributor titles share ("Platform Engineer"), without ranks."""
    families = Counter(f for f in (family_label(r.title) for r in rungs if r.title.track == "ic") if f)
    return families.most_common(1)[0][0] if families else ""


def family_label(t: LevelTitle) -> str:
    seniority = load_rules("titles")["seniority"]
    numerals = load_rules("titles")["words"]["numerals"]
    words = [w for w in t.label.split("(")[0].split()
             if w.lower().rstrip(".") not in seniority and w not in numerals and w != t.code]
    return " ".join(words) if words and words[-1][:1].isalpha() else ""


def completed_rank(text: str, start: int, end: int, head: str) -> Rung | None:
    """A block of bare rank words read as a title of the ladder's family ("Staff" -> "Staff Engineer")."""
    body = text[start:end].strip()
    words = expand_abbreviations(body.replace("+", " ").split())
    if not words or len(words) > 3 or not _only_rank_words(words):
        return None
    t = parse_title(" ".join([*words, head]), True)
    return Rung(_with_alias(t, body), start, end) if t is not None else None
