"""Ladders shown by headings: the level headings of one title family (or one level-code series: M1,
M2, M3) in document order, split where the rank falls; headings of bare level codes ("L4",
"L5 (Senior)") are levels of the role the heading above them names."""

from __future__ import annotations

import re

from kg.loaders.arrows import family_label
from kg.loaders.ladder_parts import climb_score, collapse, ladder_context, upward
from kg.loaders.ladders_model import Rung
from kg.loaders.level_titles import LevelTitle, climbs, parse_title
from kg.loaders.stated_moves import phrase_title
from kg.loaders.tree import Node

__all__ = ["heading_chains"]

_CODE_ONLY = re.compile(r"^(?P<code>[A-Z]{1,3}\d{1,2})"
                        r"(?:\s*(?:\(|[-–—:]\s)\s*(?P<rank>[A-Za-z][A-Za-z -]{0,24}?)\)?)?\s*$")


def _code_heading(nodes: tuple[Node, ...], n: int) -> LevelTitle | None:
    """A heading that is only a level code ("L4", "L5 (Senior)") as a title of the role the heading above
    it names ("Software Engineer levels"): "L5 Senior Software Engineer"."""
    m = _CODE_ONLY.match(nodes[n].text.strip())
    if m is None:
        return None
    level = nodes[n].level
    parent = next((p for p in reversed(nodes[:n]) if p.kind == "heading" and p.level < level), None)
    found = phrase_title(parent.text, {}, "start") if parent is not None else None
    if found is None or not (family := family_label(found[0])):
        return None
    words = [m.group("code"), *(m.group("rank") or "").split(), family]
    t = parse_title(" ".join(words), True)
    return t._replace(aliases=(*t.aliases, nodes[n].text.strip())) if t is not None and t.code else None


def heading_chains(nodes: tuple[Node, ...]) -> list[list[Rung]]:
    """Level headings of one family (or one level-code series: M1, M2, M3) in document order,
    split where the rank falls."""
    by_family: dict[str, list[tuple[Rung, int]]] = {}
    last_key = ""  # the family of the heading right before this node, if it was a level title
    for n, node in enumerate(nodes):
        if node.nav or node.kind not in ("heading", "text") or (node.kind == "text" and not last_key):
            last_key = ""
            continue
        t = parse_title(node.text, True) or (_code_heading(nodes, n) if node.kind == "heading" else None)
        key = ("code " + t.code.rstrip("0123456789") if t.code else t.family) if t is not None else ""
        if t is not None and (node.kind == "heading" or key == last_key):
            # a text line right after level headings that is a level of theirs ends the run: plain text's
            # line reader calls the last of a run of short title lines a line, not a heading
            by_family.setdefault(key, []).append((Rung(t, node.start, node.end), n))
        last_key = key if node.kind == "heading" else ""
    chains: list[list[Rung]] = []
    for items in by_family.values():
        seq = collapse([r for r, _ in items])
        seen: set[str] = set()
        seq = upward([r for r in seq if not (r.title.label in seen or seen.add(r.title.label))])  # type: ignore[func-returns-value]
        found: list[list[Rung]] = [[]]
        for r in seq:
            if found[-1] and climbs(found[-1][-1].title, r.title) < 0:
                found.append([])
            found[-1].append(r)
        levels = {nodes[n].level for _, n in items}
        context: bool | None = None  # read only when a short chain needs it
        for c in found:
            if len(c) < 2 or climb_score(c) <= 0:
                continue
            if len(c) < 3 and len(levels) != 1:
                if context is None:
                    context = any(ladder_context(nodes, nodes[n]) for _, n in items)
                if not context:
                    continue
            chains.append(c)
    return chains
