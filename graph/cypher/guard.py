"""Check and rewrite a Cypher text before the embedded engine runs it, so no query hangs or half runs.

* one statement only: ``A; B`` is refused before anything runs (a final ``;`` is fine);
* every ``$param`` the text uses must be given (the engine would read a missing one as null);
* variable-length patterns get a bound and Neo4j's trail semantics: an unbounded ``*`` becomes
  ``* TRAIL 1..max_hops``, an explicit upper bound above ``max_hops`` is refused, and a pattern
  without ``SHORTEST``/``TRAIL``/``ACYCLIC`` gets ``TRAIL`` (no relationship repeated in a path,
  as in Neo4j) unless ``paths="walk"`` asks for ladybug's own walk semantics.

Strings, quoted names and comments are never rewritten or searched.

>>> guard("MATCH p = (a)-[:PROGRESSES_TO*]->(b) RETURN count(p);", {}).text
'MATCH p = (a)-[:PROGRESSES_TO* TRAIL 1..20]->(b) RETURN count(p)'
>>> guard("MATCH (r:Role {id: $role}) RETURN r", {})
Traceback (most recent call last):
...
kg.errors.QueryParameterError: the query uses $role but no value was given: add --param role=...
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kg.errors import CypherQueryError, QueryParameterError

__all__ = ["Guarded", "guard", "statements", "parameters", "DEFAULT_MAX_HOPS", "ENGINE_MAX_HOPS", "PATH_MODES"]

#: the bound an unbounded variable-length pattern gets, and the largest explicit bound allowed by default
DEFAULT_MAX_HOPS = 20
#: the largest upper bound ladybug accepts at all
ENGINE_MAX_HOPS = 30
#: trail = no relationship twice in a path (Neo4j); acyclic = no node twice; walk = ladybug's default (repeats)
PATH_MODES = ("trail", "acyclic", "walk")

#: what cannot hold Cypher syntax: strings, `quoted names`, comments
_OPAQUE = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`|//[^\n]*|/\*[\s\S]*?\*/')
_PARAM = re.compile(r"\$(\w+)")
#: a relationship pattern holding a ``*``: -[r:T*1..3 {k: v}]-
_VARLEN = re.compile(r"(?<=-)\[(?P<head>[^\[\]*]*)\*(?P<spec>[^\[\]{]*)(?P<tail>[^\[\]]*)\]")
_SPEC = re.compile(r"^\s*(?P<kw>ALL\s+SHORTEST|SHORTEST|TRAIL|ACYCLIC|WALK)?\s*(?P<lo>\d+)?\s*(?P<dots>\.\.)?"
                   r"\s*(?P<hi>\d+)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Guarded:
    """The text to run and the notes to show the analyst about what was changed."""

    text: str
    notes: tuple[str, ...] = ()


def guard(text: str, params: Mapping[str, Any], *, max_hops: int = DEFAULT_MAX_HOPS,
          paths: str = "trail") -> Guarded:
    """Return ``text`` checked and rewritten for the embedded engine (see the module docstring).

    Raises:
        CypherQueryError: several statements, or a bound above ``max_hops``.
        QueryParameterError: a ``$param`` without a value.
    """
    if paths not in PATH_MODES:
        raise CypherQueryError(f"unknown path semantics {paths!r}; choose one of {', '.join(PATH_MODES)}")
    parts = statements(text)
    if len(parts) != 1:
        raise CypherQueryError(f"the text holds {len(parts)} statements; nothing was run. The embedded engine runs "
                               "one statement at a time: run them one by one")
    one = parts[0]
    missing = [p for p in parameters(one) if p not in params]
    if missing:
        given = ", ".join(sorted(params)) or "none"
        raise QueryParameterError(f"the query uses ${missing[0]} but no value was given: add --param "
                                  f"{missing[0]}=... (given: {given})")
    return _bound_paths(one, max_hops, paths)


def statements(text: str) -> list[str]:
    """Return the non-empty statements of ``text`` split at ``;`` outside strings and comments."""
    masked = _mask(text)
    out, start = [], 0
    for i, ch in enumerate(masked):
        if ch == ";":
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [s.strip() for s in out if _mask(s).strip()]


def parameters(text: str) -> list[str]:
    """Return the ``$param`` names ``text`` uses, in order, once each."""
    return list(dict.fromkeys(m[1] for m in _PARAM.finditer(_mask(text))))


def _mask(text: str) -> str:
    """Blank strings, quoted names and comments (same length, so offsets stay valid)."""
    return _OPAQUE.sub(lambda m: " " * len(m[0]), text)


def _bound_paths(text: str, max_hops: int, paths: str) -> Guarded:
    notes: list[str] = []
    edits: list[tuple[int, int, str]] = []
    for m in _VARLEN.finditer(_mask(text)):
        spec = _SPEC.match(m["spec"])
        if spec is None:
            continue  # not a form we know: the engine says what is wrong
        kw = " ".join((spec["kw"] or "").upper().split())
        lo = spec["lo"] or "1"
        hi = spec["hi"] or (lo if spec["lo"] and not spec["dots"] else None)
        if hi is None:
            hi = str(max_hops)
            notes.append(f"an unbounded variable-length pattern was bounded to {lo}..{hi} hops (--max-hops to "
                         "change)")
        elif int(hi) > max_hops:
            raise CypherQueryError(f"the pattern {text[m.start():m.end()].strip()} allows up to {hi} hops, more than "
                                   f"--max-hops {max_hops}; lower the bound, or raise --max-hops (at most "
                                   f"{ENGINE_MAX_HOPS} on the embedded engine)")
        if kw == "WALK":
            kw = ""
        elif not kw and paths != "walk":
            kw = paths.upper()
            notes.append(f"variable-length patterns use {paths} semantics (no "
                         f"{'relationship' if paths == 'trail' else 'node'} repeated in a path, "
                         f"{'as in Neo4j' if paths == 'trail' else 'stricter than Neo4j'}); --paths walk for "
                         "ladybug's own")
        new = f"[{text[m.start('head'):m.end('head')]}*{' ' + kw if kw else ''} {lo}..{hi}" \
              f"{' ' if m['tail'].strip() else ''}{text[m.start('tail'):m.end('tail')].lstrip()}]"
        edits.append((m.start(), m.end(), new))
    for start, end, new in reversed(edits):
        text = text[:start] + new + text[end:]
    return Guarded(text, tuple(dict.fromkeys(notes)))
