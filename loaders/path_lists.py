"""Lists introduced as next roles ("Where to next?", "career paths:"): each item names a role one
moves on to from the document's role (or the role its heading names); an item that names a field
is read as its practitioner ("Data Science" -> Data Scientist). Cues and fields: ``rules/moves.toml``.
"""

from __future__ import annotations

import re

from kg.loaders.ladder_parts import LEAD, TITLE_CHARS, block_rung, node_index, words_pattern
from kg.loaders.ladders_model import Rung
from kg.loaders.level_titles import LevelTitle, parse_title
from kg.loaders.rules import load_rules
from kg.loaders.tree import Node

__all__ = ["introduces_paths", "path_items", "heading_role"]


def introduces_paths(nodes: tuple[Node, ...], first: Node) -> bool:
    """Whether the heading above a list, or the line just before it ending with ":", names next roles."""
    cues = words_pattern(tuple(load_rules("moves")["paths"]["cues"]))
    at = node_index(nodes, first)
    before = nodes[at - 1] if at > 0 else None
    if before is not None and before.kind in ("text", "heading") and cues.search(before.text) \
            and (before.kind == "heading" or before.text.rstrip().endswith(":")):
        return True
    heading = next((n for n in reversed(nodes[:at]) if n.kind == "heading"), None)
    return heading is not None and bool(cues.search(heading.text))


def path_items(text: str, node: Node) -> list[Rung]:
    """The roles an item of a paths list names: its title, its lead before ":", or a field's practitioner."""
    m = LEAD.match(node.text)
    lead = m.group(1) if m else node.text
    start = node.start
    whole = block_rung(text, start, start + len(lead)) if len(lead) <= TITLE_CHARS else None
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


def heading_role(nodes: tuple[Node, ...], first: Node) -> Rung | None:
    heading = next((n for n in reversed(nodes[:node_index(nodes, first)]) if n.kind == "heading" and n.level < 7), None)
    t = parse_title(heading.text, True) if heading is not None else None
    return Rung(t, heading.start, heading.end) if t is not None and heading is not None else None

