"""Find the ladders a document shows in its structure and the moves between adjacent levels.

A ladder is a run of level titles in document order: a title column of a table (split by a
track column that repeats), a table header with one column per level, a list or a run of lines
(a navigation menu, a JSON array) whose entries are titles, or the level headings of one title
family. A run counts when its titles climb (tier, numeral or level code rise, never fall) or
its heading says it is a ladder; adjacent levels give a ``stage-sequence`` edge, titles of one
rank in a list are alternatives (each reached from the level below). Arrow chains
(``A > B > C``, ``→``, ``->``, ``=>``) with short forms and bare rank words completed from the
ladder's own family, and Mermaid flowcharts (see :mod:`kg.loaders.mermaid`) add
``explicit-arrow`` edges.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from kg.loaders.ladders_model import Ladders, PathList, Rung, Step
from kg.loaders.level_titles import LevelTitle, climbs, expand_abbreviations, parse_title
from kg.loaders.mermaid import mermaid_edges
from kg.loaders.rules import load_rules
from kg.loaders.stated_moves import stated_moves
from kg.loaders.tree import Node

__all__ = ["Rung", "Step", "Ladders", "find_ladders", "block_rung"]


def find_ladders(text: str, nodes: tuple[Node, ...]) -> Ladders:
    """Return the ladders of a document tree (rungs in document order, steps deduplicated)."""
    rungs: list[Rung] = []
    steps: list[Step] = []
    tables, runs = _containers(nodes)
    not_roles: list[tuple[int, int]] = []
    for rows in tables:
        for seq, basis in _table_sequences(text, rows, nodes, not_roles):
            rungs.extend(_expand(seq))
            steps.extend(_climb_steps(seq, basis, alternatives=False))
    paths: list[PathList] = []
    for run in runs:
        seq = _run_sequence(text, run)
        if seq and _qualifies(seq, _context(nodes, run[0])):
            rungs.extend(_expand(seq))
            steps.extend(_climb_steps(seq, "stage-sequence", alternatives=True))
        elif run[0].kind == "item" and _introduces_paths(nodes, run[0]):
            items = [r for node in run for r in _path_items(text, node)]
            if items:
                rungs.extend(items)
                paths.append(PathList(items, _heading_role(nodes, run[0])))
    for seq in _heading_chains(text, nodes):
        rungs.extend(seq)
        steps.extend(_climb_steps(seq, "stage-sequence", alternatives=True))
    known = {_norm(r.title.label): r.title for r in rungs}
    family_head = _dominant_head(rungs)
    for node in nodes:
        if node.kind in ("text", "item", "code") and node.lang != "mermaid":
            for step in _arrow_chain(text, node, known, family_head):
                rungs.extend((step.a, step.b))
                steps.append(step)
    for a_label, a_span, b_label, b_span, quote in mermaid_edges(text, nodes):
        ta, tb = parse_title(a_label, True), parse_title(b_label, True)
        if ta is not None and tb is not None:
            ra, rb = Rung(ta, *a_span), Rung(tb, *b_span)
            rungs.extend((ra, rb))
            steps.append(Step(ra, rb, quote[0], quote[1], "explicit-arrow"))
    for step in stated_moves(text, nodes, {_norm(r.title.label): r.title for r in rungs}):
        rungs.extend((step.a, step.b))
        steps.append(step)
    return Ladders(sorted({x for r in rungs for x in r.all()}, key=lambda r: (r.start, r.end)), _dedupe(steps),
                   not_roles, paths)


# -- containers ----------------------------------------------------------------------------------

def _containers(nodes: tuple[Node, ...]) -> tuple[list[list[Node]], list[list[Node]]]:
    """Tables (rows of one group) and runs (items or lines of one group and depth, in order,
    whatever is nested between them: a JSON array's names, a list whose items hold sub-lists)."""
    tables: dict[int, list[Node]] = {}
    runs: dict[tuple[int, str, int, int], list[Node]] = {}
    section = 0  # a list never runs across a heading
    for node in nodes:
        if node.kind == "heading" and node.level < 7:
            section += 1
        elif node.kind == "row":
            tables.setdefault(node.group, []).append(node)
        elif node.kind in ("item", "text"):
            runs.setdefault((node.group, node.kind, node.level, section), []).append(node)
    return list(tables.values()), [r for r in runs.values() if len(r) >= 2]


def _cells(text: str, row: Node) -> list[str]:
    return [text[s:e] for s, e in row.cells]


# -- tables --------------------------------------------------------------------------------------

_TITLE_HEADER = re.compile(r"\b(?:title|role|position|job|level|rank|name)s?\b", re.I)


def _table_sequences(text: str, rows: list[Node], nodes: tuple[Node, ...],
                     not_roles: list[tuple[int, int]]) -> list[tuple[list[Rung], str]]:
    out: list[tuple[list[Rung], str]] = []
    width = max(len(r.cells) for r in rows)
    head_rows = [r for r in rows if r.header] or rows[:1]
    data = [r for r in rows if r not in head_rows] if len(rows) > 1 else rows
    header_cells = _cells(text, head_rows[0]) if head_rows else []
    scored: list[tuple[int, int, int]] = []
    for c in range(width):
        titles = [_cell_title(text, r, c) for r in data]
        filled = [r for r in data if c < len(r.cells) and text[r.cells[c][0]:r.cells[c][1]].strip()]
        found = [t for t in titles if t is not None]
        distinct = len({t.title.label for t in found})
        if distinct >= 2 and len(found) >= 0.5 * max(len(filled), 1):
            named = c < len(header_cells) and bool(_TITLE_HEADER.search(header_cells[c]))
            scored.append((distinct + (100 if named else 0), c, distinct))
    chosen: list[tuple[int, int | None]] = []
    for _, c, _ in sorted(scored, reverse=True):
        if len(chosen) < 2 and all(c != track for _, track in chosen):
            chosen.append((c, _track_column(text, data, c)))
    if any(_row_sequence(text, row) for row in rows):
        chosen = []  # one track per row: the columns are levels, not ladders
    for c, track in chosen:
        if track is not None:
            not_roles.extend(r.cells[track] for r in data if track < len(r.cells))
        groups: list[list[Rung]] = []
        last_key: str | None = None
        for r in data:
            key = text[r.cells[track][0]:r.cells[track][1]].strip() if track is not None and track < len(r.cells) \
                else ""
            if not groups or key != last_key:
                groups.append([])
                last_key = key
            rung = _cell_title(text, r, c)
            if rung is not None:
                groups[-1].append(rung)
        for seq in groups:
            seq = _collapse(seq)
            if len(seq) >= 2 and _climb_score(seq) < 0:
                seq.reverse()
            steps = [climbs(a.title, b.title) for a, b in zip(seq, seq[1:], strict=False)]
            if len(seq) >= 2 and min(steps) >= 0 and (sum(steps) > 0 or _context(nodes, rows[0])):
                out.append((seq, "stage-sequence"))  # row order, climbing (or said to be a ladder)
    # one column per level: a row holding three or more titles that climb (a track per row)
    for row in rows:
        seq = _row_sequence(text, row)
        if seq:
            out.append((seq, "stage-sequence"))
    return out


def _row_sequence(text: str, row: Node) -> list[Rung]:
    across = [_cell_title(text, row, c) for c in range(len(row.cells))]
    seq = _collapse([t for t in across if t is not None])
    if len(seq) >= 3 and all(climbs(a.title, b.title) >= 0 for a, b in zip(seq, seq[1:], strict=False)) \
            and _climb_score(seq) > 0:
        return seq
    return []


def _cell_title(text: str, row: Node, c: int) -> Rung | None:
    if c >= len(row.cells):
        return None
    s, e = row.cells[c]
    return block_rung(text, s, e)


_TITLE_CHARS = 120  # longer blocks are prose, never one title
_ALTERNATIVES = re.compile(r"\s+/\s+|\s+or\s+")


def block_rung(text: str, start: int, end: int) -> Rung | None:
    """A whole block read as a title, or as alternatives ("Junior SRE / Systems Engineer")."""
    body = text[start:end]
    if len(body) > _TITLE_CHARS:
        return None
    cuts = [(m.start(), m.end()) for m in _ALTERNATIVES.finditer(body)] if " / " in body or " or " in body else []
    bounds = [0, *(p for c in cuts for p in c), len(body)]
    parts = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    if len(parts) >= 2:
        found = [(parse_title(body[a:b], True), a, b) for a, b in parts]
        rungs = [Rung(f[0], start + f[1], start + f[2]) for f in found if f[0] is not None]
        if len(rungs) == len(found):
            return rungs[0]._replace(alts=tuple(rungs[1:]))
    t = parse_title(body, True)
    return Rung(t, start, end) if t is not None else None


def _track_column(text: str, data: list[Node], title_col: int) -> int | None:
    """A column left of the titles whose values repeat in runs (a career track), if any."""
    for c in range(title_col):
        values = [text[r.cells[c][0]:r.cells[c][1]].strip() if c < len(r.cells) else "" for r in data]
        if not all(values):
            continue
        runs = sum(1 for a, b in zip(values, values[1:], strict=False) if a != b) + 1
        if 1 < runs < 0.75 * len(values) and len(set(values)) == runs:
            return c
    return None


# -- lists and runs of lines ---------------------------------------------------------------------

_LEAD = re.compile(r"^(.{3,80}?)\s*(?::|\s[-–—]\s)")


def _run_sequence(text: str, run: list[Node]) -> list[Rung]:
    seq: list[Rung] = []
    for node in run:
        whole = block_rung(text, node.start, node.end)
        if whole is not None:
            seq.append(whole)
            continue
        m = _LEAD.match(node.text)
        lead = parse_title(m.group(1), True) if m and " " in m.group(1).strip() else None
        if lead is not None:
            seq.append(Rung(lead, node.start, node.start + len(m.group(1))))  # type: ignore[union-attr]
    if len(seq) < 2 or len(seq) < 0.6 * len(run):
        return []
    return _collapse(seq)


def _introduces_paths(nodes: tuple[Node, ...], first: Node) -> bool:
    """Whether the heading above a list, or the line just before it ending with ":", names next roles."""
    cues = _paths_pattern()
    at = _index(nodes, first)
    before = nodes[at - 1] if at > 0 else None
    if before is not None and before.kind in ("text", "heading") and cues.search(before.text) \
            and (before.kind == "heading" or before.text.rstrip().endswith(":")):
        return True
    heading = next((n for n in reversed(nodes[:at]) if n.kind == "heading"), None)
    return heading is not None and bool(cues.search(heading.text))


def _path_items(text: str, node: Node) -> list[Rung]:
    """The roles an item of a paths list names: its title, its lead before ":", or a field's practitioner."""
    m = _LEAD.match(node.text)
    lead = m.group(1) if m else node.text
    start = node.start
    whole = block_rung(text, start, start + len(lead)) if len(lead) <= _TITLE_CHARS else None
    if whole is not None:
        return list(whole.all())
    found: list[Rung] = []
    parts = [p for p in re.split(r"\s+(?:or|and|/)\s+|\s*,\s*", lead) if p]
    head = parts[-1].split()[-1] if parts and parts[-1].split() else ""
    for part in parts:
        t = parse_title(part, True) or _practitioner(part) or (parse_title(f"{part} {head}", True)
                                                              if head and head not in part else None)
        if t is not None:
            at = text.find(part, start, start + len(lead))
            found.append(Rung(t, at if at >= 0 else start, (at if at >= 0 else start) + len(part)))
    return found


def _practitioner(field: str) -> LevelTitle | None:
    """"Data Science" -> Data Scientist, "Product Management" -> Product Manager."""
    words = field.split()
    fields: dict[str, str] = load_rules("moves")["paths"]["fields"]
    if len(words) < 2 or words[-1].lower() not in fields:
        return None
    return parse_title(" ".join([*words[:-1], fields[words[-1].lower()]]), True)


def _heading_role(nodes: tuple[Node, ...], first: Node) -> Rung | None:
    heading = next((n for n in reversed(nodes[:_index(nodes, first)]) if n.kind == "heading" and n.level < 7), None)
    t = parse_title(heading.text, True) if heading is not None else None
    return Rung(t, heading.start, heading.end) if t is not None and heading is not None else None


_PATHS: list[re.Pattern[str]] = []


def _paths_pattern() -> re.Pattern[str]:
    if not _PATHS:
        cues = load_rules("moves")["paths"]["cues"]
        _PATHS.append(re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.I))
    return _PATHS[0]


def _qualifies(seq: list[Rung], ladder_context: bool) -> bool:
    if len(seq) < 2:
        return False
    if any(climbs(a.title, b.title) < 0 for a, b in zip(seq, seq[1:], strict=False)):
        return False
    one_family = all(_base(a.title.family) == _base(b.title.family) or a.title.code and b.title.code
                     for a, b in zip(seq, seq[1:], strict=False))
    if not (ladder_context or one_family):
        return False  # a list of different roles ("Emerging roles: A, B, C") is not a ladder
    return _climb_score(seq) > 0 and (len(seq) >= 3 or ladder_context or any(r.title.code or r.title.sub
                                                                               for r in seq))


def _base(family: str) -> str:
    return family.split(" (")[0]


# -- headings ------------------------------------------------------------------------------------

def _heading_chains(text: str, nodes: tuple[Node, ...]) -> list[list[Rung]]:
    """Level headings of one family in document order, split where the rank falls."""
    by_family: dict[str, list[tuple[Rung, int]]] = {}
    for n, node in enumerate(nodes):
        if node.kind != "heading" or node.nav:
            continue
        t = parse_title(node.text, True)
        if t is not None:
            by_family.setdefault(t.family, []).append((Rung(t, node.start, node.end), n))
    chains: list[list[Rung]] = []
    for items in by_family.values():
        seq = _collapse([r for r, _ in items])
        seen: set[str] = set()
        seq = [r for r in seq if not (r.title.label in seen or seen.add(r.title.label))]  # type: ignore[func-returns-value]
        found: list[list[Rung]] = [[]]
        for r in seq:
            if found[-1] and climbs(found[-1][-1].title, r.title) < 0:
                found.append([])
            found[-1].append(r)
        levels = {nodes[n].level for _, n in items}
        context = any(_context(nodes, nodes[n]) for _, n in items)
        chains.extend(c for c in found if len(c) >= 2 and _climb_score(c) > 0
                      and (len(c) >= 3 or context or len(levels) == 1))
    return chains


# -- arrows --------------------------------------------------------------------------------------

_ARROW = re.compile(r"\s*(?:→|->|⟶|➔|=>|⇒|»|(?<=\s)>(?=\s))\s*")
_LABEL = re.compile(r"^[^:>→]{1,40}:\s*")


def _arrow_chain(text: str, node: Node, known: dict[str, LevelTitle], family_head: str) -> list[Step]:
    body = node.text
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
            t = _member_title(member, known, family_head)
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


def _member_title(member: str, known: dict[str, LevelTitle], family_head: str) -> LevelTitle | None:
    """A chain member as a title: the ladder's own title it names, or one completed from its family."""
    words = expand_abbreviations(member.replace("+", " ").split())
    if not words or len(words) > 6:
        return None
    candidates = [" ".join(words)]
    if family_head:
        candidates.append(" ".join(words[:-1] + [family_head, words[-1]]) if words[-1].isdigit()
                          else " ".join([*words, family_head]))
    for c in candidates:
        hit = known.get(_norm(c))
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
    return replace(t, aliases=(*t.aliases, member))


def _dominant_head(rungs: list[Rung]) -> str:
    heads = Counter(r.title.label.split()[-1] for r in rungs if r.title.track == "ic" and r.title.label.split())
    if not heads:
        return ""
    head = heads.most_common(1)[0][0]
    return head if head[:1].isalpha() and not head.isdigit() and head not in ("I", "II", "III") else ""


# -- helpers ---------------------------------------------------------------------------------------

def _collapse(seq: list[Rung]) -> list[Rung]:
    """Drop a title that repeats the one before it (one level spread over several rows)."""
    out: list[Rung] = []
    for r in seq:
        if not out or out[-1].title.label != r.title.label:
            out.append(r)
    return out


def _climb_score(seq: list[Rung]) -> int:
    return sum(climbs(a.title, b.title) for a, b in zip(seq, seq[1:], strict=False))


def _climb_steps(seq: list[Rung], basis: str, alternatives: bool) -> list[Step]:
    """Steps between adjacent levels; with ``alternatives``, titles of one rank form one stage."""
    stages: list[list[Rung]] = []
    for r in seq:
        if alternatives and stages and climbs(stages[-1][0].title, r.title) == 0 \
                and stages[-1][0].title.family.split(" (")[0] == r.title.family.split(" (")[0]:
            stages[-1].append(r)
        else:
            stages.append([r])
    return [Step(a, b, b.start, b.end, basis) for sa, sb in zip(stages, stages[1:], strict=False)
            for a in _expand(sa) for b in _expand(sb)]


def _expand(stage: list[Rung]) -> list[Rung]:
    return [x for r in stage for x in r.all()]



def _context(nodes: tuple[Node, ...], node: Node) -> bool:
    """Whether a heading above ``node`` says the blocks below form a ladder."""
    words = load_rules("titles")["context"]["ladder"]
    pattern = _context_pattern(tuple(words))
    levels_seen = 99
    for other in reversed(nodes[:_index(nodes, node)]):
        if other.kind == "heading" and other.level < levels_seen:
            levels_seen = other.level
            if pattern.search(other.text):
                return True
    return False


_CONTEXT: dict[tuple[str, ...], re.Pattern[str]] = {}


def _context_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    if words not in _CONTEXT:
        _CONTEXT[words] = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
    return _CONTEXT[words]


def _index(nodes: tuple[Node, ...], node: Node) -> int:
    lo, hi = 0, len(nodes)
    while lo < hi:  # nodes are in text order
        mid = (lo + hi) // 2
        if nodes[mid].start < node.start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _norm(label: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9+]+", " ", label.lower()).split())


def _dedupe(steps: list[Step]) -> list[Step]:
    seen: set[tuple[str, str]] = set()
    out: list[Step] = []
    for s in steps:
        key = (_norm(s.a.title.label), _norm(s.b.title.label))
        if key[0] != key[1] and key not in seen:
            seen.add(key)
            out.append(s)
    return out
