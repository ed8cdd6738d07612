"""Find the ladders a document shows in its structure and the moves between adjacent levels.

A ladder is a run of level titles in document order: a title column of a table (split by a
track column that repeats), a table header with one column per level, a list or a run of lines
(a navigation menu, a JSON array) whose entries are titles, or the level headings of one title
family. A run counts when its titles climb (tier, numeral or level code rise, never fall) or
its heading says it is a ladder; a run written from the top down is read from its end, and table
rows numbered as levels ("Step | Title") climb in their numbers' order. Adjacent levels give a
``stage-sequence`` edge, titles of one rank in a list are alternatives (each reached from the level
below); a line listing a track's levels by commas is a ladder too (:mod:`kg.loaders.level_lists`). Arrow chains
(``A > B > C``, ``→``, ``->``, ``=>``) with short forms and bare rank words completed from the
ladder's own family, and Mermaid flowcharts (see :mod:`kg.loaders.mermaid`) add
``explicit-arrow`` edges.
"""

from __future__ import annotations

import re
from functools import partial

from kg.loaders.arrows import arrow_chain, completed_rank, dominant_head, family_label
from kg.loaders.heading_ladders import heading_chains
from kg.loaders.ladder_parts import (
    LEAD,
    LEAD_CHARS,
    block_rung,
    climb_score,
    climb_steps,
    collapse,
    expand,
    ladder_context,
    node_index,
    norm,
    upward,
)
from kg.loaders.ladders_model import Ladders, PathList, Rung, Step
from kg.loaders.level_lists import listed_levels
from kg.loaders.level_titles import climbs, may_be_title, parse_title
from kg.loaders.mermaid import mermaid_edges
from kg.loaders.path_lists import heading_role, introduces_paths, path_items
from kg.loaders.stated_moves import phrase_title, stated_moves, table_moves
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
            rungs.extend(expand(seq))
            steps.extend(climb_steps(seq, basis, alternatives=False))
    paths: list[PathList] = []
    for run in runs:
        seq = upward(_run_sequence(text, run))
        if seq and _qualifies(seq, ladder_context(nodes, run[0])):
            rungs.extend(expand(seq))
            steps.extend(climb_steps(seq, "stage-sequence", alternatives=True))
        elif run[0].kind == "item" and introduces_paths(nodes, run[0]):
            items = [r for node in run for r in path_items(text, node)]
            if items:
                rungs.extend(items)
                paths.append(PathList(items, heading_role(nodes, run[0])))
    for seq in heading_chains(nodes):
        rungs.extend(seq)
        steps.extend(climb_steps(seq, "stage-sequence", alternatives=True))
    known = {norm(r.title.label): r.title for r in rungs}
    for rows in tables:  # a "Next role" column
        for step in table_moves(text, rows, known):
            rungs.extend((step.a, step.b))
            steps.append(step)
    family_head = dominant_head(rungs)
    for node in nodes:
        if node.kind in ("text", "item", "code") and node.lang != "mermaid":
            for step in arrow_chain(text, node, known, family_head):
                rungs.extend((step.a, step.b))
                steps.append(step)
            if node.kind != "code" and "," in node.text:
                listed = listed_levels(node, known, family_head, partial(ladder_context, nodes, node))
                rungs.extend(listed)
                steps.extend(climb_steps(listed, "stage-sequence", alternatives=True))
    for a_label, a_span, b_label, b_span, quote in mermaid_edges(text, nodes):
        ta, tb = parse_title(a_label, True), parse_title(b_label, True)
        if ta is not None and tb is not None:
            ra, rb = Rung(ta, *a_span), Rung(tb, *b_span)
            rungs.extend((ra, rb))
            steps.append(Step(ra, rb, quote[0], quote[1], "explicit-arrow"))
    for step in stated_moves(text, nodes, {norm(r.title.label): r.title for r in rungs}):
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
        kind = node.kind
        if kind == "text" or kind == "item":
            runs.setdefault((node.group, kind, node.level, section), []).append(node)
        elif kind == "row":
            tables.setdefault(node.group, []).append(node)
        elif kind == "heading" and node.level < 7:
            section += 1
    return list(tables.values()), [r for r in runs.values() if len(r) >= 2]


def _cells(text: str, row: Node) -> list[str]:
    return [text[s:e] for s, e in row.cells]


# -- tables --------------------------------------------------------------------------------------

_TITLE_HEADER = re.compile(r"\b(?:title|role|position|job|level|rank|name)s?\b", re.I)


def _table_sequences(text: str, rows: list[Node], nodes: tuple[Node, ...],
                     not_roles: list[tuple[int, int]]) -> list[tuple[list[Rung], str]]:
    out: list[tuple[list[Rung], str]] = []
    width = max(len(r.cells) for r in rows)
    grid = [[block_rung(text, s, e) for s, e in r.cells] for r in rows]  # each cell read once
    head_rows = [r for r in rows if r.header] or rows[:1]
    keep = [k for k, r in enumerate(rows) if r not in head_rows] if len(rows) > 1 else list(range(len(rows)))
    data = [rows[k] for k in keep]
    header_cells = _cells(text, head_rows[0]) if head_rows else []
    scored: list[tuple[int, int, int]] = []
    named: set[int] = set()
    columns = {c: _column_titles(text, data, [grid[k][c] if c < len(grid[k]) else None for k in keep], c)
               for c in range(width)}
    row_seqs = [_row_sequence(across) for across in grid]
    for c in range(width):
        found = [t for t in columns[c] if t is not None]
        distinct = len({t.title.label for t in found})
        if distinct >= 2 and len(found) >= 0.5 * max(_filled(text, data, c), 1):
            if c < len(header_cells) and _TITLE_HEADER.search(header_cells[c]):
                named.add(c)
            scored.append((distinct + (100 if c in named else 0), c, distinct))
    chosen: list[tuple[int, int | None]] = []
    for _, c, _ in sorted(scored, reverse=True):
        if len(chosen) < 2 and all(c != track for _, track in chosen):
            chosen.append((c, _track_column(text, data, c)))
    if any(row_seqs):
        chosen = []  # one track per row: the columns are levels, not ladders
    for c, track in chosen:
        if track is not None:
            not_roles.extend(r.cells[track] for r in data if track < len(r.cells))
        groups: list[list[Rung]] = []
        last_key: str | None = None
        for r, rung in zip(data, columns[c], strict=True):
            key = text[r.cells[track][0]:r.cells[track][1]].strip() if track is not None and track < len(r.cells) \
                else ""
            if not groups or key != last_key:
                groups.append([])
                last_key = key
            if rung is not None:
                groups[-1].append(rung)
        numbered = _row_numbers(text, data, header_cells, nodes, rows[0]) \
            if track is None and len(data) >= 2 and all(rung is not None for rung in columns[c]) else 0
        for seq in groups:
            seq = collapse(seq)
            if numbered:  # the rows are numbered levels: their numbers order the ladder, whatever the ranks
                out.append((seq[::numbered], "stage-sequence"))
                continue
            seq = upward(seq)  # rows written from the top level down
            steps = [climbs(a.title, b.title) for a, b in zip(seq, seq[1:], strict=False)]
            # row order is the ladder when every row climbs; two rows only in a table that is
            # clearly a level table (a track column, a titles/levels header, level codes)
            if len(seq) >= 2 and min(steps) > 0 and (len(seq) >= 3 or track is not None or c in named
                                                     or _has_codes(text, data)):
                out.append((seq, "stage-sequence"))
    # one column per level: a row holding three or more titles that climb (a track per row)
    out.extend((seq, "stage-sequence") for seq in row_seqs if seq)
    if not out and head_rows:
        ranks = _rank_header(text, head_rows[0], nodes)
        if ranks:
            out.append((ranks, "stage-sequence"))
    return out


def _rank_header(text: str, row: Node, nodes: tuple[Node, ...]) -> list[Rung]:
    """A header of bare rank words ("Junior | Mid-level | Senior | Staff") under a heading naming the
    role ("Mobile Engineer career framework"): each column one level of that role."""
    heading = next((n for n in reversed(nodes[:node_index(nodes, row)]) if n.kind == "heading" and n.level < 7), None)
    found = phrase_title(heading.text, {}, "start") if heading is not None else None
    if found is None or found[0].track != "ic":
        return []
    head = family_label(found[0])
    cells = [c for c in row.cells if text[c[0]:c[1]].strip()]
    rungs = [completed_rank(text, s, e, head) for s, e in cells]
    seq = [r for r in rungs if r is not None]
    if len(seq) < 3 or len(seq) < len(cells) - 1 or rungs[-1] is None:
        return []  # every column but a first (the competency names) is a level
    if not all(climbs(a.title, b.title) > 0 for a, b in zip(seq, seq[1:], strict=False)):
        return []
    return seq


def _filled(text: str, data: list[Node], c: int) -> int:
    """How many rows have something in column ``c``."""
    return sum(1 for r in data if c < len(r.cells) and text[r.cells[c][0]:r.cells[c][1]].strip())


def _row_sequence(across: list[Rung | None]) -> list[Rung]:
    """A row's cells read as titles, when three or more climb (one column per level)."""
    seq = collapse([t for t in across if t is not None])
    if len(seq) >= 3 and all(climbs(a.title, b.title) >= 0 for a, b in zip(seq, seq[1:], strict=False)) \
            and climb_score(seq) > 0:
        return seq
    return []


_CODE_CELL = re.compile(r"^(?:[A-Z]{1,3}\d{1,2}|\d{1,2})$")


def _has_codes(text: str, data: list[Node]) -> bool:
    """Whether one column holds a level code or number in most rows (IC2, M3, L5, 4)."""
    width = max(len(r.cells) for r in data)
    for c in range(width):
        cells = [text[r.cells[c][0]:r.cells[c][1]].strip() for r in data if c < len(r.cells)]
        if cells and sum(1 for x in cells if _CODE_CELL.match(x)) >= 0.7 * len(cells):
            return True
    return False


_LEVEL_HEADER = re.compile(r"\b(?:level|step|grade|band|tier|stage|rung)s?\b", re.I)


def _row_numbers(text: str, data: list[Node], header_cells: list[str], nodes: tuple[Node, ...], first: Node) -> int:
    """+1 (or -1) when a column numbers every row in rising (falling) order and says, by its header or a
    ladder heading above the table, that the numbers are levels ("Step | Title": 1, 2, 3); else 0."""
    width = min(len(r.cells) for r in data)
    for c in range(width):
        cells = [text[r.cells[c][0]:r.cells[c][1]].strip() for r in data]
        if not all(x.isdigit() and len(x) <= 2 for x in cells):
            continue
        numbers = [int(x) for x in cells]
        pairs = list(zip(numbers, numbers[1:], strict=False))
        order = 1 if all(a < b for a, b in pairs) else -1 if all(a > b for a, b in pairs) else 0
        if order and ((c < len(header_cells) and _LEVEL_HEADER.search(header_cells[c]))
                      or ladder_context(nodes, first)):
            return order
    return 0


def _column_titles(text: str, data: list[Node], titles: list[Rung | None], c: int) -> list[Rung | None]:
    """The titles of one column (``titles``: its cells read whole); bare rank words ("Senior", "Staff")
    take the head the others share."""
    found = [t for t in titles if t is not None]
    head = dominant_head(found) if found else ""
    if not head:
        return titles
    out: list[Rung | None] = []
    for r, t in zip(data, titles, strict=True):
        if t is None and c < len(r.cells):
            t = completed_rank(text, *r.cells[c], head)
        out.append(t)
    return out


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
_NAME_FIELD = re.compile(r"^\s*(?:name|title|role|job[ _]title|position)\s*:\s*(?=\S)", re.I)


def _run_sequence(text: str, run: list[Node]) -> list[Rung]:
    seq: list[Rung] = []
    for node in run:
        rung = block_rung(text, node.start, node.end) or _field_or_lead(text, node)
        if rung is not None:
            seq.append(rung)
    if seq and len(seq) < len(run) and (head := dominant_head(seq)):
        seq = []
        for node in run:  # again, bare rank words completed ("Senior" in a run of engineers)
            rung = block_rung(text, node.start, node.end) or completed_rank(text, node.start, node.end, head)
            if rung is not None:
                seq.append(rung)
    if len(seq) < 2 or len(seq) < 0.6 * len(run):
        return []
    return collapse(seq)


def _field_or_lead(text: str, node: Node) -> Rung | None:
    """The title a YAML field names ("- name: Junior Data Analyst") or a line leads with ("Staff
    Engineer: sets direction"), when the whole line is not one."""
    line = node.text
    colon = ":" in line  # both patterns need a colon or (a lead) a dash
    field = _NAME_FIELD.match(line) if colon else None
    if field is not None:
        whole = block_rung(text, node.start + field.end(), node.end)
        if whole is not None:
            return whole
    if not (colon or "-" in line or "–" in line or "—" in line) or not may_be_title(line[:LEAD_CHARS]):
        return None  # no separator, or no head word where a lead could be: the pattern need not run
    m = LEAD.match(line)
    if m is None or " " not in m.group(1).strip():
        return None
    lead = parse_title(m.group(1), True)
    return Rung(lead, node.start, node.start + len(m.group(1))) if lead is not None else None


def _qualifies(seq: list[Rung], ladder_context: bool) -> bool:
    if len(seq) < 2:
        return False
    if any(climbs(a.title, b.title) < 0 for a, b in zip(seq, seq[1:], strict=False)):
        return False
    one_family = all(_base(a.title.family) == _base(b.title.family) or a.title.code and b.title.code
                     for a, b in zip(seq, seq[1:], strict=False))
    if not (ladder_context or one_family):
        return False  # a list of different roles ("Emerging roles: A, B, C") is not a ladder
    return climb_score(seq) > 0 and (len(seq) >= 3 or ladder_context or any(r.title.code or r.title.sub
                                                                               for r in seq))


def _base(family: str) -> str:
    return family.split(" (")[0]


def _dedupe(steps: list[Step]) -> list[Step]:
    seen: set[tuple[str, str]] = set()
    out: list[Step] = []
    for s in steps:
        key = (norm(s.a.title.label), norm(s.b.title.label))
        if key[0] != key[1] and key not in seen:
            seen.add(key)
            out.append(s)
    return out
