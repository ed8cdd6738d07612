"""Read the career moves a document states: arrows, staged lists, "paths from X include …".

Only stated moves become edges; nothing is inferred from seniority. Patterns:

* arrow chains ``A → B → C`` (or ``->``): consecutive roles;
* staged lists ("start as …", "transition into …", "progress to …", "move into …"):
  every role of a stage to every role of the next stage (a lone starting stage leads to
  the primary role);
* "career paths from X include A, B" (X to each) and "potential paths: A, B" under a
  progression heading (primary role to each);
* a progression heading over items that each open with a role (primary → first → second …);
* "X … moved into management" / "X backgrounds produce Y" with explicit source roles.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from kg.loaders.models import Progression
from kg.loaders.moves import MOVE_INTO, MOVE_WORDS, MoveContext, RoleRef, prose_moves, reports_to
from kg.loaders.segment import Prefilter, Sentence

__all__ = ["RoleRef", "find_progressions", "states_move"]


def find_progressions(text: str, sents: list[Sentence], roles: list[RoleRef],
                      primary: RoleRef | None, structured: bool = False,
                      claimed: frozenset[tuple[int, int]] = frozenset()) -> list[Progression]:
    """Return the stated progressions, in document order, without duplicates.

    ``structured`` documents (with a tree) leave listed ladders to :mod:`kg.loaders.ladders`;
    blocks whose moves a higher-priority rule already read (``claimed`` spans) are not read again.
    """
    found: list[Progression] = []
    by_sentence = [(s, [] if (s.block.start, s.block.end) in claimed else refs)
                   for s, refs in _by_sentence(sents, roles)]
    heading_role: RoleRef | None = None
    previous: tuple[object, list[RoleRef]] = (None, [])
    for sent, refs in by_sentence:
        if sent.block.kind == "heading" and sent.block.depth == 0:
            heading_role = refs[0] if refs else None
        if refs:
            found.extend(_arrows(text, sent, refs))
            found.extend(_paths_from(sent, refs, primary))
            found.extend(_explicit_moves(sent, refs, primary))
            ctx = MoveContext(heading_role, previous[1] if previous[0] is sent.block else [], primary)
            found.extend(prose_moves(sent, refs, ctx, bool(_STAGE.match(sent.text))))
        # the roles a next sentence may take as its subject: not a manager the line reports to
        previous = (sent.block, [r for r in refs if not reports_to(sent.text, r.start - sent.start)])
    found.extend(_staged(by_sentence, primary))
    if not structured:
        found.extend(_listed(by_sentence, primary))
    seen: set[tuple[str, str]] = set()
    out: list[Progression] = []
    for p in found:
        if p.from_id != p.to_id and (p.from_id, p.to_id) not in seen:
            seen.add((p.from_id, p.to_id))
            out.append(p)
    return out


def _by_sentence(sents: list[Sentence], roles: list[RoleRef]) -> list[tuple[Sentence, list[RoleRef]]]:
    """Pair every sentence with the roles inside it, in ``roles`` order."""
    starts = [r.start for r in roles]
    if any(a > b for a, b in zip(starts, starts[1:], strict=False)):
        return [(s, [r for r in roles if s.start <= r.start and r.end <= s.end]) for s in sents]
    out: list[tuple[Sentence, list[RoleRef]]] = []
    for s in sents:
        lo, hi = bisect_left(starts, s.start), bisect_right(starts, s.end)
        out.append((s, [r for r in roles[lo:hi] if r.end <= s.end] if lo < hi else []))
    return out


_ARROW = re.compile(r"\s*(?:→|->|⟶|➔|=>)\s*")
_STAGE = re.compile(r"^(?:then\s+|eventually\s+|later\s+|finally\s+)?(?P<verb>start|begin|transition|progress|"
                    r"advance|move|step|grow|promot|become|rise|graduate|level up|climb)\w*\b"
                    r"(?=[\s,]+(?:(?:up|on|over|out|laterally|quickly|later)\s+)*(?:as|to|into|in|a|an|the|from)\b"
                    r"|(?<=[Bb]ecome)|(?<=[Bb]ecomes))", re.I)
_PATHS_FROM = re.compile(r"\bpaths?\s+(?:from|for)\b(?P<src>.*?)\b(?:include|includes|are|lead to|:)", re.I)
_NEXT = re.compile(r"\b(?:potential|possible|typical|common|next|future)\s+(?:career\s+)?"
                   r"(?:paths?|roles?|steps?|moves?|positions?|opportunities)\s*(?::|include|are)", re.I)
_INTO_MGMT = re.compile(r"\b(?:mov\w*|transition\w*|promot\w*|step\w*|grow\w*)\s+(?:in)?to\s+"
                        r"(?:people\s+)?(?:management|leadership)\b", re.I)
_PRODUCE = re.compile(r"\bbackgrounds?\b.*?\b(?:produce|become|lead to|feed into)\b", re.I)

# Every match of the pattern above each holds one of these (lower case): cheap prefilters.
_ARROWS = ("→", "->", "⟶", "➔", "=>")
_PATHS_WORDS = Prefilter("path")
_NEXT_WORDS = Prefilter("potential", "possible", "typical", "common", "next", "future")
_MGMT_WORDS = Prefilter("management", "leadership")
_PRODUCE_WORDS = Prefilter("background")


def states_move(sentence: str) -> bool:
    """Return True when a sentence states a move between roles (where fields may name roles)."""
    return bool(_PRODUCE_WORDS(sentence) and _PRODUCE.search(sentence)
                or MOVE_WORDS(sentence) and MOVE_INTO.search(sentence) or _STAGE.match(sentence))


def _edge(a: RoleRef, b: RoleRef, sent: Sentence, basis: str) -> Progression:
    return Progression(a.id, b.id, a.label, b.label, sent.text, sent.start, sent.end, basis)


def _arrows(text: str, sent: Sentence, refs: list[RoleRef]) -> list[Progression]:
    if not any(a in sent.text for a in _ARROWS):
        return []
    cuts = [m for m in _ARROW.finditer(text, sent.start, sent.end)]
    if not cuts or not refs:
        return []
    bounds = [sent.start, *(p for m in cuts for p in (m.start(), m.end())), sent.end]
    segments = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    stages: list[RoleRef | None] = []
    for n, (s, e) in enumerate(segments):
        inside = [r for r in refs if s <= r.start and r.end <= e]
        stages.append((inside[-1] if n == 0 else inside[0]) if inside else None)
    out: list[Progression] = []
    for a, b in zip(stages, stages[1:], strict=False):
        if a is not None and b is not None:
            out.append(_edge(a, b, sent, "explicit-arrow"))
    return out


def _paths_from(sent: Sentence, refs: list[RoleRef], primary: RoleRef | None) -> list[Progression]:
    m = _PATHS_FROM.search(sent.text) if _PATHS_WORDS(sent.text) else None
    if m:
        src_end = sent.start + m.end("src")
        sources = [r for r in refs if r.end <= src_end and r.start >= sent.start + m.start("src")]
        if sources:
            return [_edge(sources[0], r, sent, "career-paths-from") for r in refs if r.start >= src_end]
    m = _NEXT.search(sent.text) if _NEXT_WORDS(sent.text) else None
    if m and primary is not None and sent.block.section == "progression":
        cut = sent.start + m.end()
        return [_edge(primary, r, sent, "career-paths-from") for r in refs if r.start >= cut]
    return []


def _explicit_moves(sent: Sentence, refs: list[RoleRef], primary: RoleRef | None) -> list[Progression]:
    out: list[Progression] = []
    m = _INTO_MGMT.search(sent.text) if primary is not None and _MGMT_WORDS(sent.text) else None
    if m and primary is not None:
        cut = sent.start + m.start()
        out.extend(_edge(r, primary, sent, "explicit-move") for r in refs if r.end <= cut)
    m = _PRODUCE.search(sent.text) if _PRODUCE_WORDS(sent.text) else None
    if m:
        cut_a, cut_b = sent.start + m.start(), sent.start + m.end()
        targets = [r for r in refs if r.start >= cut_b]
        out.extend(_edge(a, b, sent, "explicit-move") for a in refs if a.end <= cut_a for b in targets)
    return out


def _staged(by_sentence: list[tuple[Sentence, list[RoleRef]]], primary: RoleRef | None) -> list[Progression]:
    out: list[Progression] = []
    runs: list[list[tuple[Sentence, list[RoleRef], str]]] = []
    heading = None
    for sent, refs in by_sentence:
        m = _STAGE.match(sent.text) if refs else None
        if not m or not refs or refs[0].start < sent.start + m.start("verb"):
            continue
        key = sent.block.heading
        if heading != key or not runs:
            runs.append([])
            heading = key
        runs[-1].append((sent, refs, m.group("verb").lower()))
    for run in runs:
        for (_, a_refs, _), (b_sent, b_refs, _) in zip(run, run[1:], strict=False):
            out.extend(_edge(a, b, b_sent, "stage-sequence") for a in a_refs for b in b_refs)
        if len(run) == 1 and run[0][2] in ("start", "begin") and primary is not None:
            sent, refs, _ = run[0]
            out.extend(_edge(r, primary, sent, "stage-sequence") for r in refs)
    return out


def _listed(by_sentence: list[tuple[Sentence, list[RoleRef]]], primary: RoleRef | None) -> list[Progression]:
    """A progression heading over items (or table rows) that each name a stage: primary → first → …

    An item opens with a role, or holds only alternatives ("Junior SRE / Systems Engineer"); a
    table row holds its roles in one cell. Every role of a stage leads to every role of the next.
    """
    out: list[Progression] = []
    groups: dict[tuple[str, int, str], list[tuple[Sentence, list[RoleRef]]]] = {}
    for sent, refs in by_sentence:
        block = sent.block
        if block.kind not in ("item", "row") or block.section != "progression" or sent.start != block.start:
            continue
        stage = _stage_roles(sent, refs)
        if stage:
            groups.setdefault((block.heading, block.depth, block.kind), []).append((sent, stage))
    for (_, _, kind), items in groups.items():
        if len(items) < 2:
            continue
        listed = [stage for _, stage in items]
        # the primary role leads a list of items unless the list already places it somewhere
        placed = any(r.id == primary.id for stage in listed for r in stage) if primary is not None else True
        lead = [[primary]] if primary is not None and not placed and kind == "item" else []
        chain = lead + listed
        sents = [s for s, _ in items][len(items) + 1 - len(chain):]
        for a_stage, b_stage, s in zip(chain, chain[1:], sents, strict=False):
            out.extend(_edge(a, b, s, "listed-sequence") for a in a_stage for b in b_stage)
    return out


def _stage_roles(sent: Sentence, refs: list[RoleRef]) -> list[RoleRef]:
    """The roles of one listed stage, or [] when the line is not a stage."""
    if not refs or _STAGE.match(sent.text) or any(a in sent.text for a in _ARROWS) and _ARROW.search(sent.text):
        return []
    if sent.block.kind == "row":
        cells = [c for c in sent.text.split("|")]
        holding = {n for n, _ in enumerate(cells) for r in refs
                   if sent.start + len("|".join(cells[:n])) <= r.start < sent.start + len("|".join(cells[:n + 1]))}
        return refs if len(holding) == 1 else []
    if len(refs) == 1:
        return refs if refs[0].start == sent.start else []
    gaps = [sent.text[a.end - sent.start:b.start - sent.start] for a, b in zip(refs, refs[1:], strict=False)]
    edges = sent.text[:refs[0].start - sent.start] + sent.text[refs[-1].end - sent.start:]
    if edges.strip() or not all(_ALTERNATIVE.fullmatch(g) for g in gaps):
        return []
    return refs


_ALTERNATIVE = re.compile(r"\s*(?:/|,|or|and|&)\s*", re.I)
