"""Conversions between store rows and model records, and the merge rule for a node seen again."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from kg.graph.model import Edge, Evidence, Node
from kg.ontology.names import normalize

__all__ = ["alias_key", "merged_node", "merged_claims", "fold_claims", "now", "evidence_row", "node_from_row",
           "edge_from_row", "evidence_from_row", "json_text"]

@lru_cache(maxsize=1 << 16)
def alias_key(name: str) -> str:
    """The alias-table key of a name, :func:`~kg.ontology.names.normalize` of it (cached: names recur).

    A name of plain words (ASCII letters and digits, one space apart) keys as its lower case, the
    text normalize's regular expression would give back after its work (most names are such).

    >>> alias_key("Data Engineer"), alias_key("CI/CD  Pipelines"), alias_key("C++ & C#")
    ('data engineer', 'ci cd pipelines', 'c++ and c#')
    """
    if name.isascii():
        low = name.lower()
        if low.replace(" ", "").isalnum() and "  " not in low and low[0] != " " and low[-1] != " ":
            return low
    return normalize(name)


def merged_node(node: Node, row: tuple[str, str, str] | None) -> tuple[str, list[str], dict[str, Any]]:
    """Merge a node with its stored (name, aliases, props): curated names and attributes win."""
    if row is None:
        return node.name, list(node.aliases), dict(node.props)
    old_props = json.loads(row[2])
    curated_before = bool(old_props.get("curated", True))
    name = row[0] if curated_before or not node.props.get("curated", True) else node.name
    aliases = [a for a in dict.fromkeys([*json.loads(row[1]), *node.aliases, node.name]) if a != name]
    props = {**node.props, **old_props} if curated_before else {**old_props, **node.props}
    return name, aliases, props


def merged_claims(claims: list[tuple[str, list[str], dict[str, Any], str]]) -> tuple[str, list[str], dict[str, Any]]:
    """Merge what documents say about one node, (name, aliases, props, doc id) each, independent of their order.

    Claims are taken curated first, then by document id, and folded with the rule of
    :func:`merged_node`: the first curated name wins; aliases gather every other name.

    >>> merged_claims([("ML ops", [], {"curated": False}, "b"), ("MLOps", ["ML Ops"], {"curated": True}, "c")])
    ('MLOps', ['ML Ops', 'ML ops'], {'curated': True})
    """
    return fold_claims(sorted(claims, key=lambda c: (not c[2].get("curated", True), c[3])))


def fold_claims(ordered: Iterable[tuple[str, list[str], dict[str, Any], str]]) -> tuple[str, list[str], dict[str, Any]]:
    """:func:`merged_claims` over claims already in its order, one at a time (memory flat in their number)."""
    it = iter(ordered)
    name, first_aliases, first_props, _ = next(it)
    aliases = dict.fromkeys(first_aliases)
    props = dict(first_props)
    for other_name, other_aliases, other_props, _ in it:
        curated = bool(props.get("curated", True))
        if not curated and other_props.get("curated", True):
            name = other_name
        aliases.update(dict.fromkeys((*other_aliases, other_name)))
        props = {**other_props, **props} if curated else {**props, **other_props}
    return name, [a for a in aliases if a != name], props


def now() -> str:
    """Return the load time as an ISO-8601 UTC string (seconds).

    ``$SOURCE_DATE_EPOCH`` (the reproducible-builds convention) fixes it, so two builds
    of the same documents give byte-identical exports even in formats that carry it.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def evidence_row(e: Evidence) -> tuple[Any, ...]:
    """Return the ``evidence`` table row of an evidence record."""
    return (e.doc_id, e.type, e.src, e.dst, e.quote, e.start, e.end, int(e.required), e.strength,
            json_text(e.props))


def json_text(value: Any) -> str:
    """The stored JSON of a value (keys sorted); the empty dict and list, most of them, without the encoder.

    The text of a flat value met before (most nodes' aliases and properties recur document after
    document) is remembered, not encoded again: see :func:`_memo_key`.

    >>> json_text({}), json_text({"b": 1, "a": "é"}), json_text(["x"])
    ('{}', '{"a": "é", "b": 1}', '["x"]')
    """
    if not value:
        return "{}" if isinstance(value, dict) else "[]" if isinstance(value, (list, tuple)) else _dumps(value)
    key = _memo_key(value)
    if key is None:
        return _dumps(value)
    text = _TEXTS.get(key)
    if text is None:
        if len(_TEXTS) >= _TEXTS_MAX:
            _TEXTS.clear()
        text = _TEXTS[key] = _dumps(value)
    return text


#: JSON texts of flat values, by :func:`_memo_key` (cleared when full: memory stays flat)
_TEXTS: dict[tuple[Any, ...], str] = {}
_TEXTS_MAX = 1 << 14
#: the value types whose equality means equal JSON (not float: ``-0.0 == 0.0``; bool and int told apart by type)
_EXACT = frozenset({str, int, bool, type(None)})
_STR = frozenset({str})


def _memo_key(value: Any) -> tuple[Any, ...] | None:
    """A key two values share only when their JSON texts are equal; None for a value that has none.

    A list or tuple of strings keys as the tuple of them; a dict of strings to strings, integers,
    booleans and None as its (key, value type, value) triples.

    >>> _memo_key(["a", "b"]), _memo_key({"n": 1}), _memo_key({"n": True}), _memo_key({"x": 1.5})
    (('a', 'b'), (('n', <class 'int'>, 1),), (('n', <class 'bool'>, True),), None)
    """
    kind = type(value)
    if kind is dict:
        key = tuple((k, type(v), v) for k, v in value.items())
        return key if all(type(k) is str and t in _EXACT for k, t, _ in key) else None
    if (kind is list or kind is tuple) and _STR.issuperset(map(type, value)):
        return tuple(value)
    return None


_encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode


def _dumps(value: Any) -> str:
    return _encode(value)  # json.dumps(value, sort_keys=True, ensure_ascii=False), without a new encoder per call


def node_from_row(row: tuple[Any, ...]) -> Node:
    """Return the node of a ``node`` row (id, type, name, aliases, props)."""
    return Node(row[0], row[1], row[2], tuple(json.loads(row[3])), json.loads(row[4]))


def edge_from_row(row: tuple[Any, ...]) -> Edge:
    """Return the edge of an ``edge`` row."""
    return Edge(row[0], row[1], row[2], float(row[3]), bool(row[4]), int(row[5]))


def evidence_from_row(row: tuple[Any, ...]) -> Evidence:
    """Return the evidence record of an ``evidence`` row."""
    return Evidence(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]), float(row[8]),
                    json.loads(row[9]))
