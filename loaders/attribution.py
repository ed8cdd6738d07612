"""Attribute a document to roles: its primary role, that role's aliases, each figure's role.

The primary role is the one the document is about (its title line when that names a role,
else the one introduced by "we're hiring a", else the most mentioned in its opening); roles
listed as other titles of it ("also known as") become its aliases; a salary, experience or
education figure belongs to the role named before it in its sentence, else in the heading
above, else the primary role.
"""

from __future__ import annotations

import re

from kg.loaders.models import Mention
from kg.loaders.moves import RoleRef
from kg.loaders.segment import Prefilter, Sentence

__all__ = ["primary_role", "primary_aliases", "with_primary_aliases", "RoleFinder"]


def primary_role(refs: list[RoleRef], text: str) -> RoleRef | None:
    """The role the document is about, among the roles named in its opening.

    A title line that is a role ("AI Engineering Manager", "Staff Data Engineer, Payments")
    wins; then a role introduced by "we're hiring a" / "as a … you will"; otherwise the most
    mentioned, where a mention of a ranked variant ("Senior Data Scientist") counts half for
    its base role.
    """
    if not refs:
        return None
    titled = _title_role(refs, text)
    if titled is not None:
        return titled
    opening = [r for r in refs if r.start < max(600, refs[0].start + 1)]
    for r in opening:
        if _INTRO.search(text, max(0, r.start - 40), r.start):
            return next(x for x in refs if x.id == r.id)
    counts: dict[str, float] = {}
    variants: dict[str, int] = {}  # label -> mentions of longer labels ending with it
    for r in refs:
        counts[r.id] = counts.get(r.id, 0) + 1
        words = r.label.lower().split()
        for k in range(1, len(words)):
            tail = " ".join(words[k:])
            variants[tail] = variants.get(tail, 0) + 1
    for r in refs:
        counts[r.id] += 0.5 * variants.pop(r.label.lower(), 0)
    best = max(opening, key=lambda r: (counts[r.id], -r.start))
    return next(r for r in refs if r.id == best.id)


_TITLE_LINES = 6
_TITLE_WORDS = 10
_TITLE_TAIL = re.compile(r"\s*(?:$|[-–—|,:(]\s*)")


def _title_role(refs: list[RoleRef], text: str) -> RoleRef | None:
    """The role a short title line near the top starts with and mostly consists of, if any."""
    seen = 0
    pos = 0
    while seen < _TITLE_LINES and pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        stripped = line.strip()
        if stripped:
            seen += 1
            start = pos + len(line) - len(line.lstrip())
            if len(stripped.split()) <= _TITLE_WORDS and not stripped.startswith(("-", "•", "*")):
                for r in refs:
                    if r.start == start and _TITLE_TAIL.match(text, r.end, end):
                        return r
                    if r.start > end:
                        break
        pos = end + 1
    return None


_INTRO = re.compile(r"(?:\bhiring|\blooking for|^as|[.!?]\s+as|\bseeking)\s+(?:an?|our (?:next|new|first))\s+$",
                    re.I | re.M)


_ALIAS_CUE = re.compile(r"\b(?:titles? such as|also (?:known as|called|referred to as)|sometimes called|"
                        r"a\.k\.a\.?|aka|variously titled)\b", re.I)
_THIS_ROLE = re.compile(r"\b(?:this|the|our|your) (?:role|position|job|title)\b|\bit is\b", re.I)
_OPENING = 600  # characters: a cue there speaks of the document's own role
_ALIAS_WORDS = Prefilter("such as", "also ", "sometimes called", "a.k.a", "aka", "variously titled")


def primary_aliases(refs: list[RoleRef], primary: RoleRef | None, sents: list[Sentence],
                    text: str) -> tuple[list[RoleRef], dict[str, str]]:
    """Roles listed as other titles of the primary role become its aliases."""
    aliases: dict[str, str] = {}
    if primary is None:
        return refs, aliases
    for sent in sents:
        m = _ALIAS_CUE.search(sent.text) if _ALIAS_WORDS(sent.text) else None
        if not m:
            continue
        cut = sent.start + m.end()
        before = [r for r in refs if sent.start <= r.start and r.end <= sent.start + m.start()]
        if before and before[-1].id != primary.id:
            continue  # "Entry-level engineers, also called Engineers 1": another role's alias
        if not before and not _THIS_ROLE.search(sent.text, 0, m.start()) and sent.start > _OPENING:
            continue  # "a trap, sometimes called …": the cue names something else
        for r in refs:
            if r.id != primary.id and cut <= r.start < sent.end:
                aliases[r.id] = r.label
    mapped = [r._replace(id=primary.id, label=primary.label) if r.id in aliases else r for r in refs]
    return mapped, aliases


def with_primary_aliases(roles: list[Mention], primary_id: str, aliases: dict[str, str]) -> list[Mention]:
    """Add the primary role's aliases to its mention."""
    out = []
    for m in roles:
        if m.id == primary_id and aliases:
            m = m._replace(aliases=tuple(dict.fromkeys((*m.aliases, *aliases.values()))))
        out.append(m)
    return out


class RoleFinder:
    """Find the role a figure belongs to: in its sentence, its item label or the heading above."""

    def __init__(self, sents: list[Sentence], refs: list[RoleRef], primary: RoleRef | None) -> None:
        self.sents = sents
        self.refs = refs
        self.primary = primary
        self.blocks = list(dict.fromkeys(s.block for s in sents))
        self.block_pos = {b: n for n, b in enumerate(self.blocks)}

    def opening_role(self, sent: Sentence, pos: int) -> RoleRef | None:
        """A role named before ``pos`` in the sentence, else the nearest block opening with a role."""
        before = [r for r in self.refs if sent.start <= r.start and r.end <= pos]
        if before:
            return before[-1]
        n = self.block_pos[sent.block]
        for block in reversed(self.blocks[max(0, n - 8):n + 1]):
            opening = [r for r in self.refs if block.start <= r.start <= block.start + 2]
            if opening:
                return opening[0]
            if block.kind == "heading" and block.depth == 0 and block is not sent.block:
                break
        return self.primary

    def context_role(self, sent: Sentence, pos: int) -> RoleRef | None:
        """A role named before ``pos`` in the sentence, else in the section heading, else the primary."""
        before = [r for r in self.refs if sent.start <= r.start and r.end <= pos]
        if before:
            return before[-1]
        n = self.block_pos[sent.block]
        for block in reversed(self.blocks[:n]):
            if block.kind == "heading" and block.depth == 0:
                named = [r for r in self.refs if block.start <= r.start and r.end <= block.end]
                return named[0] if named else self.primary
        return self.primary
