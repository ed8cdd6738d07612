"""Extract roles, skills, certifications, progressions and figures from one document.

The deterministic, offline pipeline: segment → tokenise → vocabulary hits and title grammar
→ resolve to curated ids (else slug ids, ``curated=False``) → cues, progressions, figures.
``extract(doc)`` is a pure function of the document text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import compress
from operator import itemgetter

from kg.loaders.alternatives import find_skill_groups
from kg.loaders.attribution import RoleFinder, primary_aliases, primary_role, with_primary_aliases
from kg.loaders.certs import certs_in_context, level_alternatives, names_credential
from kg.loaders.cues import requirement_cue
from kg.loaders.discover import discover_skills
from kg.loaders.distinct_roles import own_titles, without_other_labels
from kg.loaders.figures import find_education, find_experience, find_salaries
from kg.loaders.ladders import Ladders, find_ladders
from kg.loaders.level_needs import level_needs
from kg.loaders.models import Extraction, LoadedDocument, Mention, Progression
from kg.loaders.noise import noise_spans
from kg.loaders.progress import RoleRef, find_progressions, states_move
from kg.loaders.recognise import Hit, Occurrence, find_concepts
from kg.loaders.segment import WEAK_SECTIONS, Prefilter, Sentence, nodes_from_blocks, segment, segment_nodes, sentences
from kg.loaders.stages import LadderReader
from kg.loaders.title_attrs import curated_role, title_facts
from kg.loaders.titles import Title, field_titles, find_titles, item_titles
from kg.loaders.tokenise import Tokens, tokenise
from kg.ontology.names import slugify
from kg.ontology.vocab import Concept

__all__ = ["extract", "RuleExtractor", "warm_up"]

_QUOTE_MAX = 300
_ATTR_SKIP = ("case_sensitive", "validates", "exact_match", "close_match", "not_after", "not_before", "person_name",
              "generic", "department", "spoken_language")
# Named tuples made as plain tuples: skips their Python-level __new__ (hundreds per document).
_new = tuple.__new__
_SPAN_ORDER = itemgetter(4, 5, 0, 1)  # an Occurrence's start, end, kind, id


def extract(doc: LoadedDocument) -> Extraction:
    """Return everything :mod:`kg.loaders` can read from ``doc``, each item with evidence."""
    return _RULES.extract(doc)


class RuleExtractor:
    """The deterministic rule-based extractor; each stage can be swapped (see :mod:`kg.loaders.stages`)."""

    def __init__(self, ladder_reader: LadderReader = find_ladders) -> None:
        self.ladder_reader = ladder_reader

    def extract(self, doc: LoadedDocument) -> Extraction:
        """Return everything the rules read from ``doc``, each item with evidence."""
        return _extract(doc, self.ladder_reader)


def _extract(doc: LoadedDocument, ladder_reader: LadderReader) -> Extraction:
    text = doc.text
    blocks = segment_nodes(doc.nodes) if doc.nodes else segment(text)
    sents = sentences(blocks, text)
    tokens = tokenise(text)
    tree = doc.nodes or nodes_from_blocks(blocks, text)
    ladder = ladder_reader(text, tree)
    rung_titles = [Title(r.title.label, -1, -1, r.start, r.end) for r in ladder.rungs]
    titles = _item_first(item_titles(tokens, text, [(b.start, b.end) for b in blocks if b.kind == "item"]),
                         find_titles(tokens, text)) + _move_titles(tokens, text, sents)
    titles = _item_first(rung_titles, titles)
    noise = _Mask(len(text), noise_spans(text))
    found = _with_rung_aliases(_resolve(tokens, text, find_concepts(tokens), titles, sents, noise,
                                        own_titles(ladder)), ladder)
    rung_spans = {(r.start, r.end) for r in ladder.rungs}
    if ladder.not_roles:
        track = _Mask(len(text), ladder.not_roles)
        found = [f for f in found if f.kind != "role" or (f.start, f.end) in rung_spans
                 or not track.hits(f.start, f.end)]
    found.extend(f for f in discover_skills(text, sents, tokens, found) if not noise.hits(f.start, f.end))
    found.sort(key=_SPAN_ORDER)
    role_refs = [RoleRef(f.id, f.label, f.start, f.end) for f in found if f.kind == "role"]
    in_nav = _Mask(len(text), [(s.start, s.end) for s in sents if s.block.section == "nav"])
    primary = primary_role([r for r in role_refs if not in_nav.hits(r.start, r.end)], text)
    role_refs, aliases = primary_aliases(role_refs, primary, sents, text)
    roles = _mentions("role", [f for f in found if f.kind == "role" and f.id not in aliases], sents, text)
    if primary is not None:
        roles = with_primary_aliases(roles, primary.id, aliases)
    roles = without_other_labels(roles)
    primary_m = next((m for m in roles if primary is not None and m.id == primary.id), None)
    progressions = _unique(_ladder_moves(ladder, found, text) + _path_moves(ladder, found, text, primary)
                           + find_progressions(text, sents, role_refs, primary, structured=bool(doc.nodes),
                                             claimed=_claimed(ladder)))
    finder = RoleFinder(sents, role_refs, primary)
    return Extraction(
        doc=doc,
        primary_role=primary_m,
        roles=tuple(roles),
        skills=tuple(_mentions("skill", [f for f in found if f.kind == "skill"], sents, text)),
        certifications=tuple(_mentions("certification", [f for f in found if f.kind == "certification"],
                                       sents, text)),
        progressions=tuple(progressions),
        salaries=tuple(find_salaries(sents, finder.opening_role)),
        experience=tuple(find_experience(sents, finder.context_role)),
        education=tuple(find_education(sents, finder.context_role)),
        skill_groups=find_skill_groups(text, sents, found),
        level_needs=tuple(level_needs(text, found, sents, tree, rung_spans,
                                      primary.id if primary is not None else None)) if rung_spans else (),
    )


_RULES = RuleExtractor()

# A few lines in the shapes most documents have (a heading, a stated move, a list, a table):
# reading them loads every table and parser extraction builds on first use.
_WARM_UP_TEXT = """# Data Engineer

Promoted from Data Engineer to Senior Data Engineer.

- Python, SQL and dbt
- 3+ years of experience

| Level | Title |
|---|---|
| 1 | Data Engineer |
| 2 | Senior Data Engineer |
"""


def warm_up() -> None:
    """Load what extraction loads on first use (vocabulary index, rule tables, Markdown and HTML parsers).

    A build calls this before it forks its workers, so each starts with them loaded.
    """
    from kg.loaders.readers import read_text

    extract(read_text(_WARM_UP_TEXT, "kg:warm-up", "warm-up.md", "markdown"))


def _with_rung_aliases(found: list[Occurrence], ladder: Ladders) -> list[Occurrence]:
    """Give role occurrences at a rung's span the aliases the ladder read there ("Sen Eng 1")."""
    extra = {(r.start, r.end): r.title.aliases for r in ladder.rungs if r.title.aliases}
    if not extra:
        return found
    out = []
    for f in found:
        more = extra.get((f.start, f.end)) if f.kind == "role" else None
        if more:
            f = f._replace(aliases=tuple(dict.fromkeys((*f.aliases, *more))))
        out.append(f)
    return out


def _ladder_moves(ladder: Ladders, found: list[Occurrence], text: str) -> list[Progression]:
    """The ladder's steps between the roles resolved at its rungs."""
    at = {(f.start, f.end): f for f in found if f.kind == "role"}
    out: list[Progression] = []
    for step in ladder.steps:
        a, b = at.get((step.a.start, step.a.end)), at.get((step.b.start, step.b.end))
        if a is not None and b is not None and a.id != b.id:
            out.append(Progression(a.id, b.id, a.label, b.label, text[step.start:step.end], step.start, step.end,
                                   step.basis))
    return out


def _path_moves(ladder: Ladders, found: list[Occurrence], text: str, primary: RoleRef | None) -> list[Progression]:
    """Moves from the document's role (or the list's heading role) to each role a paths list names."""
    at = {(f.start, f.end): f for f in found if f.kind == "role"}
    out: list[Progression] = []
    for path in ladder.paths:
        src = at.get((path.source.start, path.source.end)) if path.source is not None else None
        a_id, a_label = (src.id, src.label) if src is not None else (primary.id, primary.label) if primary else ("", "")
        for item in path.items:
            b = at.get((item.start, item.end))
            if a_id and b is not None and b.id != a_id:
                out.append(Progression(a_id, b.id, a_label, b.label, text[item.start:item.end], item.start, item.end,
                                       "explicit-move"))
    return out


def _claimed(ladder: Ladders) -> frozenset[tuple[int, int]]:
    """Blocks whose moves the ladder reader took from arrows or stated words: read once, by it."""
    return frozenset((s.start, s.end) for s in ladder.steps
                     if s.claims and s.basis in ("explicit-arrow", "explicit-move"))


def _unique(moves: list[Progression]) -> list[Progression]:
    """One progression per pair of roles: the first reading wins."""
    seen: set[tuple[str, str]] = set()
    out = []
    for p in moves:
        if (p.from_id, p.to_id) not in seen:
            seen.add((p.from_id, p.to_id))
            out.append(p)
    return out


def _item_first(items: list[Title], titles: list[Title]) -> list[Title]:
    """Whole-item titles replace the grammatical titles found inside them."""
    if not items:
        return titles
    return items + [t for t in titles if not any(x.start <= t.start and t.end <= x.end for x in items)]


def _move_titles(tokens: Tokens, text: str, sents: list[Sentence]) -> list[Title]:
    """Fields read as roles ("AI product management") in sentences that state a move."""
    titles: list[Title] = []
    starts = [s.start for s in sents]
    last = -1
    for pos in list(compress(tokens.starts, map("management".__eq__, tokens.keys))):
        k = bisect_right(starts, pos) - 1  # the sentence holding the word, if any, once
        if k <= last or pos >= sents[k].end:
            continue
        last = k
        sent = sents[k]
        if states_move(sent.text):
            titles.extend(field_titles(tokens, text, sent.start, sent.end))
    return titles


def _resolve(tokens: Tokens, text: str, hits: list[Hit], titles: list[Title],
             sents: list[Sentence], noise: _Mask, own: frozenset[str] = frozenset()) -> list[Occurrence]:
    """Merge vocabulary hits with grammatical titles: certifications, then titles, then the rest.

    Skills and certifications are not read in ``noise`` (markup and code, see :mod:`kg.loaders.noise`).
    Titles whose lower-case label is in ``own`` are the document's own roles, not curated ones.
    """
    hits = [h for h in hits if h.concept.kind == "role" or not noise.hits(h.start, h.end)]
    levels = [lv for lv in level_alternatives(text) if not noise.hits(lv[2], lv[3])]
    split = _Mask(len(text), [(s, e) for _, _, s, e in levels])
    certs = certs_in_context([h for h in hits if h.concept.kind == "certification"
                              and not split.hits(h.start, h.end)], text, sents)
    taken = _Mask(len(text), [(h.start, h.end) for h in certs] + [(s, e) for _, _, s, e in levels])
    out = [_from_concept(h.concept, h.start, h.end) for h in certs]
    out.extend(_from_concept(c, s, e) if c else _uncurated_cert(name, s, e) for c, name, s, e in levels)
    cover = _Mask(len(text), [(s.start, s.end) for s in sents if s.block.section in _NO_ROLES])
    # Skills are not read in benefits ("free gym"), salary notes, code, navigation, nor in the fields a degree is in.
    no_skills = _Mask(len(text), [(s.start, s.end) for s in sents if s.block.section in _NO_SKILLS]
                      + _degree_fields(sents))
    # Common-word skills ("testing", "security") are not read in headings, trend or market sections.
    no_generic = _Mask(len(text), [(s.start, s.end) for s in sents
                                   if s.block.kind == "heading" or s.block.section in _NO_GENERIC])
    # A curated role name that starts where a grammatical title does and runs past it is the fuller title
    # ("software development engineers in test", not "Software Development Engineer").
    longer: dict[int, int] = {}
    for h in hits:
        if h.concept.kind == "role" and h.end > longer.get(h.start, -1):
            longer[h.start] = h.end
    for t in titles:
        if taken.hits(t.start, t.end) or (t.i >= 0 and cover.hits(t.start, t.end)) \
                or names_credential(text, t.start, t.end) or (t.i >= 0 and longer.get(t.start, -1) > t.end):
            continue
        concept = None if own and t.label.lower() in own else curated_role(t.label)
        out.append(_from_concept(concept, t.start, t.end) if concept else _from_title(t))
    for f in out:
        if f.kind == "role":
            taken.add(f.start, f.end)
    in_taken, in_cover, in_no_skills = taken.covered, cover.covered, no_skills.covered
    for concept, start, end, _, _ in hits:
        kind = concept.kind
        if kind == "certification" or 1 in in_taken[start:end]:
            continue
        if kind == "skill" and (1 in in_no_skills[start:end]
                                or (concept.attrs.get("generic") and 1 in no_generic.covered[start:end])):
            continue
        if kind == "role" and (1 in in_cover[start:end] or names_credential(text, start, end)):
            continue
        out.append(_from_concept(concept, start, end))
    return out


_NO_SKILLS = frozenset({"benefits", "salary", "code", "nav"})
_NO_ROLES = frozenset({"cover-letter", "code", "nav"})  # ladder rungs found there still count


class _Mask:
    """Characters covered by a set of spans, for constant-time overlap tests."""

    def __init__(self, size: int, spans: list[tuple[int, int]]) -> None:
        self.covered = bytearray(size)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        self.covered[start:end] = b"\x01" * (end - start)

    def hits(self, start: int, end: int) -> bool:
        return 1 in self.covered[start:end]


_NO_GENERIC = WEAK_SECTIONS | {"benefits"}
_DEGREE = re.compile(r"\b(?:degrees?|bachelor['’]?s?|master['’]s|masters|ph\.?d\.?s?|doctorate|mba)\b", re.I)
# One of these is in every _DEGREE match: sentences without any are skipped.
_DEGREE_WORDS = Prefilter("degree", "bachelor", "master", "phd", "ph.d", "doctorate", "mba")


def _degree_fields(sents: list[Sentence]) -> list[tuple[int, int]]:
    """Spans naming degree fields ("degree in X, Y"): the fields are not skills there."""
    zones: list[tuple[int, int]] = []
    for sent in sents:
        if not _DEGREE_WORDS(sent.text):
            continue
        masked = sent.text.replace("e.g.", "e_g_").replace("i.e.", "i_e_")
        for clause in re.finditer(r"[^;.]+", masked):
            m = _DEGREE.search(clause.group())
            if m:
                zones.append((sent.start + clause.start() + m.start(), sent.start + clause.end()))
    return zones



def _from_concept(c: Concept, start: int, end: int) -> Occurrence:
    held = _FACTS.get(id(c))
    if held is None or held[0] is not c:
        if len(_FACTS) >= 1 << 14:
            _FACTS.clear()
        held = _FACTS[id(c)] = (c, _concept_facts(c))
    kind, cid, name, aliases, attrs = held[1]
    return _new(Occurrence, (kind, cid, name, aliases, start, end, True, attrs))


_Facts = tuple[str, str, str, tuple[str, ...], tuple[tuple[str, object], ...]]
# Keyed by identity (the entry holds the concept, so its id is not reused): a frozen dataclass
# hashes every field on each lookup, and concepts recur hundreds of times per document.
_FACTS: dict[int, tuple[Concept, _Facts]] = {}


def _concept_facts(c: Concept) -> _Facts:
    """What every occurrence of a concept repeats."""
    return c.kind, c.id, c.name, c.aliases, tuple(sorted((k, v) for k, v in c.attrs.items() if k not in _ATTR_SKIP))


def _uncurated_cert(name: str, start: int, end: int) -> Occurrence:
    return _new(Occurrence, ("certification", slugify(name), name, (), start, end, False, ()))


def _from_title(t: Title) -> Occurrence:
    rid, aliases, attrs = title_facts(t.label)
    return _new(Occurrence, ("role", rid, t.label, aliases, t.start, t.end, False, attrs))


def _mentions(kind: str, found: list[Occurrence], sents: list[Sentence], text: str) -> list[Mention]:
    """One mention per id: the strongest occurrence gives the evidence, first one breaks ties."""
    best: dict[str, tuple[float, bool, Occurrence, Sentence | None]] = {}
    order: list[str] = []
    more: dict[str, tuple[str, ...]] = {}
    ends = [s.end for s in sents]
    last = len(sents)
    for f in found:
        at = bisect_right(ends, f.start)  # the sentence holding the occurrence, if any
        sent = sents[at] if at < last and sents[at].start <= f.start else None
        required, strength = requirement_cue(sent, f.start) if (sent and kind != "role") else (True, 1.0)
        if f.id not in best:
            order.append(f.id)
            best[f.id] = (strength, required, f, sent)
            more[f.id] = f.aliases
        else:
            more[f.id] = tuple(dict.fromkeys((*more[f.id], *f.aliases)))
            if strength > best[f.id][0]:
                best[f.id] = (strength, required, f, sent)
    out = []
    for fid in order:
        strength, required, f, sent = best[fid]
        quote, q_start, q_end = _quote(text, f, sent)
        aliases = tuple(a for a in more[fid] if a != f.label)
        out.append(Mention(fid, kind, f.label, aliases, quote, q_start, q_end, f.curated, required, strength,
                           dict(f.attrs)))
    return out


def _quote(text: str, f: Occurrence, sent: Sentence | None) -> tuple[str, int, int]:
    if sent is None or sent.end - sent.start > _QUOTE_MAX:
        start = max(f.start - 80, sent.start if sent else 0)
        end = min(f.end + 80, sent.end if sent else len(text))
        return text[start:end], start, end
    return sent.text, sent.start, sent.end


