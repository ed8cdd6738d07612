"""The contract's comparison: the cases each question is asked with, and how two answers must agree."""

from __future__ import annotations

from typing import Any

from kg.graph.protocols import GraphReader
from kg.queries.library.engines import QuestionEngine
from kg.queries.library.questions import Question

#: at most this many nodes by id per question (spread evenly over the store's order), plus names and aliases
SPREAD = 30
#: each of those is paired with this many others in a two-role question
PAIRED = 4
#: floats agree to this much (engines round similarity and summed weights to 4 places)
TOLERANCE = 1e-4


def cases(question: Question, store: GraphReader) -> list[dict[str, Any]]:
    """Return the parameter sets to ask ``question`` with: every node by id, a few by name and by alias."""
    kinds = [(p.name, p.kind) for p in question.params if p.required]
    if not kinds:
        return [{}, *({p.name: p.default // 2 or 1} for p in question.params if p.kind == "int")]
    if len(kinds) == 1:
        (name, kind), = kinds
        return [{name: given} for given in _spellings(store, kind)]
    (a, kind), (b, _) = kinds
    spelled = _spellings(store, kind)
    ids = [n.id for n in store.nodes(kind)]
    chosen = _spread(ids)
    out = [{a: x, b: ids[(i * 7 + j * 11 + 1) % len(ids)]} for i, x in enumerate(chosen) for j in range(PAIRED)]
    out += [{a: x, b: x} for x in chosen[:3]]  # a role and itself
    extra = spelled[len(chosen):]  # names and aliases
    return out + [{a: s, b: t} for s, t in zip(extra, reversed(extra), strict=True)]


def _spellings(store: GraphReader, kind: str, named: int = 6) -> list[str]:
    """Up to :data:`SPREAD` node ids of ``kind``, then the names and first aliases of up to ``named`` nodes."""
    nodes = list(store.nodes(kind))
    extra = [n.name for n in nodes[:named] if n.name != n.id]
    extra += [n.aliases[0] for n in nodes if n.aliases][:named]
    return _spread([n.id for n in nodes]) + extra


def _spread(ids: list[str]) -> list[str]:
    """Every id when there are few, else :data:`SPREAD` of them spread evenly (first and last included)."""
    if len(ids) <= SPREAD:
        return ids
    return [ids[round(i * (len(ids) - 1) / (SPREAD - 1))] for i in range(SPREAD)]


def disagreements(question: Question, store: GraphReader, reference: QuestionEngine,
                  engine: QuestionEngine) -> list[str]:
    """Return one line per case where ``engine`` answers ``question`` unlike ``reference`` (empty: they agree)."""
    out = []
    for params in cases(question, store):
        want = reference.ask(question.name, params)
        got = engine.ask(question.name, params)
        if not same(want, got):
            out.append(f"{question.name} {params}: {engine.name} answered {_short(got)}, {reference.name} "
                       f"{_short(want)}")
    return out


def same(want: list[dict[str, Any]], got: list[dict[str, Any]]) -> bool:
    """Return True if two answers hold the same rows in the same order (floats within :data:`TOLERANCE`)."""
    return len(want) == len(got) and all(
        row.keys() == other.keys() and all(_same_value(row[k], other[k]) for k in row)
        for row, other in zip(want, got, strict=True))


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) <= TOLERANCE
    return bool(a == b)


def _short(rows: list[dict[str, Any]]) -> str:
    text = repr(rows)
    return f"{len(rows)} rows {text[:200]}{'…' if len(text) > 200 else ''}"
