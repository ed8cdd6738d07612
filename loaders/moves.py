"""Read moves stated in prose whose source or target sits outside the verb's own clause.

Complements :mod:`kg.loaders.progress` (arrows, staged lists, "paths from X include …"):

* move verbs with chains of targets: "X can advance to A, then B or C, and eventually D"
  (X to A, A to B and C, B and C to D); "X becomes a Y", "X moves on to Y", "switch to Y";
* origins: "many SREs begin as A or B", "juniors come from an A job" (A and B lead to the
  role named before the verb, else to the role the section heading names, else to the primary);
* "the next step after X is Y"; "the usual next steps are A or B", "your next role as A";
  "the typical path is A, then B, then C";
* "grow into", "rise to", "work their way up to", "take the path to" as move verbs;
* a move without a named source takes the subject of the sentence before it in the same block
  ("Many SREs begin as …. Most are promoted to Senior SRE"), the role the clause before names
  ("… to Senior SRE; from there …"), the heading's role, or the primary role for "in this role",
  for "you", and for a subject that names the primary by its bare head ("specialists typically
  move into …" in a specialist's posting; never a ranked one: "senior engineers");
* a person telling their own path ("I became a tech lead, and last spring I moved into …"; "Next
  year I hope to step up to …"): each move starts from the role the one before it reached.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile every field's
# annotation text at import.
import re
from typing import NamedTuple

from kg.loaders.models import Progression
from kg.loaders.segment import Prefilter, Sentence, has_word

__all__ = ["RoleRef", "MoveContext", "prose_moves", "reports_to", "MOVE_INTO", "MOVE_WORDS"]


class RoleRef(NamedTuple):
    """A role mention resolved to its id and label, with its span."""

    id: str
    label: str
    start: int
    end: int


class MoveContext(NamedTuple):
    """What a sentence's moves may fall back on: the heading's role, the sentence before, the primary."""

    heading_role: RoleRef | None
    previous: list[RoleRef]
    primary: RoleRef | None


MOVE_INTO = re.compile(r"\b(?:(?:move|moves|moved|moving|transition|transitions|transitioned|go on|went on|"
                       r"progress|progresses|progressed|advance|advances|advanced|step|steps|stepped|"
                       r"switch|switches|switched|make the switch|made the switch)"
                       r"(?:\s+(?:on|up|over|sideways|laterally|across))?\s+"
                       r"(?:in)?to|(?:are|get|gets|be|were|is|was)?\s*promoted\s+(?:in)?to|becomes?|became|"
                       r"(?:grow|grows|grew|grown|growing|rise|rises|rose|risen|rising)\s+(?:up\s+)?(?:in)?to|"
                       r"(?:work|works|worked|working)\s+(?:their|his|her|your|our|my)\s+way\s+up\s+to|"
                       r"(?:splits?|branch|branches|forks?)\s+(?:between|into)|"
                       r"(?:take|takes|took|taking)\s+(?:the\s+)?(?:path|route|track)\s+(?:to|towards)|"
                       r"(?:path|paths|route|track|ladder)\s+(?:leads?|goes|go)\s+(?:on\s+)?(?:in)?to)\b", re.I)
MOVE_WORDS = Prefilter("move", "moving", "transition", "go on", "went on", "progress", "advance", "promoted",
                       "step", "switch", "become", "became", "split", "branch", "fork", "grow",
                       "grew", "rise", "rising", "rose", "way up", "path", "route", "track", "ladder")
_ORIGIN = re.compile(r"\b(?:begin|begins|began|start|starts|started)\s+(?:out\s+|their\s+careers?\s+)?(?:as|in)\b|"
                     r"\bcomes?\s+from\b|\bcame\s+from\b", re.I)
_ORIGIN_WORDS = Prefilter("begin", "began", "start", "come", "came")
_NEXT_AFTER = re.compile(r"\bnext\s+(?:step|move|level|role)\s+(?:after|from|up from|for)\b(?P<src>.*?)"
                         r"\b(?:is|are|would be|will be)\b", re.I)
_NEXT_WORDS = Prefilter("next")
# "the usual next steps are A or B", "From there, the next move is A", "your next role as A": targets
# after the cue; the source is the role before the cue, the role the sentence before ended on
# ("from there"), the heading's role, or the primary.
_NEXT_ARE = re.compile(r"\bnext\s+(?:steps?|moves?|levels?|roles?|positions?)\s+(?:(?:up\s+)?(?:is|are|would be|"
                       r"will be|could be|can be|include|includes|often include|typically include)|as(?:\s+an?)?)\b",
                       re.I)
# "The typical path is A, then B, then C": a chain of levels, each part after "then" one step up.
_PATH_IS = re.compile(r"\b(?:career\s+)?(?:path|progression|route|ladder)\s+(?:is|goes|runs)\b:?", re.I)
_PATH_WORDS = Prefilter("path is", "progression is", "route is", "ladder is", "path goes", "path runs")
# A sentence that opens on its source: "From Senior Developer, …", "As a Data Analyst, you can …".
_OPENER = re.compile(r"(?:from|as an?|as)\s+", re.I)
_NEXT_FILLERS = frozenset({"a", "an", "the", "usually", "typically", "often", "normally", "generally", "either",
                           "commonly", "likely", "then", "to", "become", "becoming", "one", "of", "as"})
def reports_to(text: str, end: int) -> bool:
    """True when ``text[:end]`` ends by saying what it names is the manager a role reports to.

    Looked for in the 400 characters before ``end`` only: a sentence naming thousands of roles
    costs its length, not its length squared (a match is a few words long).
    """
    return REPORTS_TO.search(text, max(0, end - 400), end) is not None


REPORTS_TO = re.compile(r"\breport(?:s|ing|ed)?\s+(?:directly\s+)?(?:in)?to\s+(?:an?\s+|the\s+)?$", re.I)
# A subject that is the document's own role by its head noun ("strong specialists typically move
# into …" in a specialist's posting), "you", or the people holding it ("strong performers grow into …"):
# a move from the primary role.
_YOU = re.compile(r"\b(?:you(?:'ll|’ll)?|(?:strong |top |high )?performers|people in (?:this|the) role|"
                  r"team members|employees|new hires)\b", re.I)
_RANK_WORDS = re.compile(r"\b(?:junior|jr|senior|sr|staff|principal|lead|chief|head|associate|mid|entry|"
                         r"distinguished|intern)", re.I)
_NEAR = 4  # most words between a move verb and the role it moves to
# ... except through a track named on the way: "move to the management track as a Team Lead"
_TRACK_AS = re.compile(r"\s*(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}(?:track|ladder|path)\s+as\s+(?:an?\s+)?", re.I)
_THEN = re.compile(r"\b(?:then|eventually|later|finally|ultimately)\b", re.I)
_FROM_HERE = re.compile(r"\bfrom (?:here|there)\b", re.I)
# A person telling their own path ("I became …, and then I moved into …"): each move starts where the last ended.
_NARRATOR = re.compile(r"(?<![\w'’])(?:I|[Hh]e|[Ss]he)(?![\w'’])")
_THIS_ROLE = re.compile(r"\b(?:this|the) (?:role|position)\b", re.I)
_CLAUSE_END = re.compile(r";|:\s|\.\s|\b(?:while|whereas)\b(?!\s+others\b)")
_JOINED = re.compile(r"[\s,/]*(?:\b(?:or|and)\b)?[\s,/]*(?:(?:in)?to\s+)?(?:an?\s+)?")
_OTHERS = re.compile(r",?\s*(?:while|whereas|and)\s+others\b.*\bas\s+(?:an?\s+)?")


def prose_moves(sent: Sentence, refs: list[RoleRef], ctx: MoveContext, staged: bool) -> list[Progression]:
    """Return the moves one sentence states (``refs``: the RoleRefs inside it, in order)."""
    out: list[Progression] = []
    text = sent.text
    if _NEXT_WORDS(text):
        m = _NEXT_AFTER.search(text)
        if m:
            src_end = sent.start + m.end("src")
            sources = [r for r in refs if sent.start + m.start("src") <= r.start and r.end <= src_end]
            stages = _stages(refs, sent, sent.start + m.end())  # "… is to move to A or to B": both
            out.extend(_edge(a, b, sent) for a in sources[:1] for b in (stages[0] if stages else []))
        elif not staged and not (MOVE_WORDS(text) and MOVE_INTO.search(text)):
            out.extend(_next_are(sent, refs, ctx))
    if _PATH_WORDS(text) and not staged:
        out.extend(_path_chain(sent, refs))
    if _ORIGIN_WORDS(text) and not staged:
        for m in _ORIGIN.finditer(text):
            if MOVE_WORDS(text) and MOVE_INTO.search(text, m.end()):
                continue  # "start as A, then move into B": the move below reads A -> B
            cut = sent.start + m.start()
            before = [r for r in refs if r.end <= cut]
            target = before[0] if before else ctx.heading_role or ctx.primary
            origins = _clause(refs, sent, sent.start + m.end())
            if target is not None:
                out.extend(_edge(a, target, sent) for a in origins)
    if MOVE_WORDS(text) and not staged:
        last: list[RoleRef] = []
        last_sources: list[RoleRef] = []
        lead = _OPENER.match(text)
        opener = refs[0] if lead and refs and refs[0].start == sent.start + lead.end() else None
        for m in MOVE_INTO.finditer(text):
            cut = sent.start + m.start()
            sources = [r for r in refs if r.end <= cut]
            if sources and last and sources[-1].start < last[-1].end:
                sources = []  # all named roles belong to an earlier move
            if sources and not last:
                sources = _clause_before(sources, sent, cut)
            elif sources:
                sources = [r for r in sources if r.start >= last[-1].end] or sources[-1:]
            elif last and (_FROM_HERE.search(text, 0, m.start())
                           or _NARRATOR.search(text, last[-1].end - sent.start, m.start())):
                sources = last[-1:]  # "… became a tech lead, and last spring I moved into …": one person's path
            elif last:
                sources = last_sources  # "X who … move to A; those who … switch to B"
            elif ctx.previous and (_FROM_HERE.search(text, 0, m.start()) or _NARRATOR.search(text, 0, m.start())):
                sources = ctx.previous[-1:]  # "… to Senior SRE. From there, most move into …"
            elif ctx.previous:
                sources = ctx.previous[:1]
            elif ctx.heading_role is not None and _FROM_HERE.search(text):
                sources = [ctx.heading_role]
            elif ctx.primary is not None and (_THIS_ROLE.search(text, 0, m.start())
                                              or _primary_subject(text, m.start(), ctx.primary)):
                sources = [ctx.primary]
            if not sources and not last and opener is not None:
                sources = [opener]  # "From Senior Developer, there are two paths: … leads to …"
            stages = _stages(refs, sent, sent.start + m.end())
            chain = [sources, *stages]
            for a_stage, b_stage in zip(chain, chain[1:], strict=False):
                out.extend(_edge(a, b, sent) for a in a_stage for b in b_stage)
            last_sources = sources
            last = stages[0] if stages else last
    return out


def _next_are(sent: Sentence, refs: list[RoleRef], ctx: MoveContext) -> list[Progression]:
    """ "… next steps are A or B": from the role before the cue, else "from there", the heading or the primary."""
    m = _NEXT_ARE.search(sent.text)
    if m is None:
        return []
    cue = sent.start + m.start()
    before = [r for r in refs if r.end <= cue and not reports_to(sent.text, r.start - sent.start)]
    if before:
        sources = _clause_before(before, sent, cue)[:1]  # the clause's subject
    elif ctx.previous and _FROM_HERE.search(sent.text, 0, m.start()):
        sources = ctx.previous[-1:]
    else:
        sources = [r for r in (ctx.heading_role, ctx.primary) if r is not None][:1]
    stages = _stages(refs, sent, sent.start + m.end())
    if not stages:
        return []
    gap = sent.text[m.end():stages[0][0].start - sent.start].lower().split()
    if sum(1 for w in gap if w.strip(",") not in _NEXT_FILLERS) > 1:
        return []  # "the next step is usually managing other PMs": an activity, not a role
    return [_edge(a, b, sent) for a in sources for b in stages[0] if a.id != b.id]


def _path_chain(sent: Sentence, refs: list[RoleRef]) -> list[Progression]:
    """ "the typical path is A, then B, then C": A to B, B to C (every part between "then"s names a role)."""
    m = _PATH_IS.search(sent.text)
    if m is None:
        return []
    start = sent.start + m.end()
    end = _clause_end(sent, start)
    cuts = [start, *(sent.start + t.start() for t in _THEN.finditer(sent.text, m.end(), end - sent.start)), end]
    parts = [[r for r in refs if a <= r.start and r.end <= b] for a, b in zip(cuts, cuts[1:], strict=False)]
    if len(parts) < 2 or not all(parts):
        return []
    return [_edge(a, b, sent) for x, y in zip(parts, parts[1:], strict=False) for a in x for b in y if a.id != b.id]


def _primary_subject(text: str, verb: int, primary: RoleRef) -> bool:
    """The clause before the verb names the primary role by its bare head ("specialists") or is "you"."""
    floor = max((m.end() for m in _CLAUSE_END.finditer(text, 0, verb)), default=0)
    floor = max(floor, text.rfind(",", 0, verb) + 1)
    subject = text[floor:verb]
    if _RANK_WORDS.search(subject):
        return False  # "senior engineers move into …": a level of the role, not the role
    if _YOU.search(subject):
        return True
    head = primary.label.split()[-1].lower() if primary.label.split() else ""
    if not head:
        return False
    low = subject.lower()
    return has_word(low, head) or has_word(low, head + "s")  # "\\bheads?\\b", ignoring case


def _after(refs: list[RoleRef], pos: int) -> list[RoleRef]:
    return [r for r in refs if r.start >= pos]


def _clause_end(sent: Sentence, pos: int) -> int:
    m = _CLAUSE_END.search(sent.text, pos - sent.start)
    end: int = sent.start + m.start() if m else sent.end
    return end


def _clause(refs: list[RoleRef], sent: Sentence, pos: int) -> list[RoleRef]:
    """The roles from ``pos`` to the end of its clause."""
    end = _clause_end(sent, pos)
    return [r for r in refs if pos <= r.start and r.end <= end]


def _clause_before(sources: list[RoleRef], sent: Sentence, cut: int) -> list[RoleRef]:
    """The roles of the clause holding the verb at ``cut`` (none from an earlier clause)."""
    starts = [sent.start + m.end() for m in _CLAUSE_END.finditer(sent.text, 0, cut - sent.start)]
    floor = max(starts, default=sent.start)
    return [r for r in sources if r.start >= floor]


def _stages(refs: list[RoleRef], sent: Sentence, pos: int) -> list[list[RoleRef]]:
    """The targets after a move verb, split into successive stages at "then" / "eventually"."""
    targets = _clause(refs, sent, pos)
    gap = sent.text[pos - sent.start:targets[0].start - sent.start] if targets else ""
    if not targets or len(gap.split()) > _NEAR and not _TRACK_AS.fullmatch(gap):
        return []  # the verb's object is not a role ("switch over to own the product …")
    cuts = [sent.start + m.start() for m in _THEN.finditer(sent.text, pos - sent.start)]
    stages: list[list[RoleRef]] = [[]]
    for r in targets:
        if stages[-1] and any(stages[-1][-1].end <= c < r.start for c in cuts):
            stages.append([])
        stages[-1].append(r)
    if len(stages) == 1 and len(stages[0]) > 1 and not _alternatives(sent, stages[0]):
        return [stages[0][:1]]
    return stages


def _alternatives(sent: Sentence, stage: list[RoleRef]) -> bool:
    """Whether the roles of a stage are joined only by "or", "and", commas or slashes."""
    for a, b in zip(stage, stage[1:], strict=False):
        gap = sent.text[a.end - sent.start:b.start - sent.start]
        if not (_JOINED.fullmatch(gap) or _OTHERS.fullmatch(gap)):
            return False
    return True


def _edge(a: RoleRef, b: RoleRef, sent: Sentence) -> Progression:
    return Progression(a.id, b.id, a.label, b.label, sent.text, sent.start, sent.end, "explicit-move")
