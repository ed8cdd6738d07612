"""Every example in the rule tables (loaders/rules/*.toml) yields the facts it states."""

from __future__ import annotations

from typing import Any

import pytest

from kg.loaders.level_titles import parse_title
from kg.loaders.rules import load_rules
from kg.loaders.stated_moves import stated_moves
from kg.loaders.tree import TreeWriter

TITLE_EXAMPLES: list[dict[str, Any]] = load_rules("titles")["example"]
MOVE_EXAMPLES: list[dict[str, Any]] = load_rules("moves")["example"]


@pytest.mark.parametrize("example", TITLE_EXAMPLES, ids=[e["text"] for e in TITLE_EXAMPLES])
def test_title_example(example: dict[str, Any]) -> None:
    found = parse_title(example["text"], True)
    if not example["label"]:
        assert found is None, found
        return
    assert found is not None
    assert found.label == example["label"]
    assert found.code == example.get("code", "")


@pytest.mark.parametrize("example", MOVE_EXAMPLES, ids=[e["text"] for e in MOVE_EXAMPLES])
def test_move_example(example: dict[str, Any]) -> None:
    w = TreeWriter()
    if "heading" in example:
        w.add("heading", example["heading"], level=2)
    w.add("text", example["text"], group=w.new_group())
    steps = stated_moves(w.text(), tuple(w.nodes), {})
    got = [[s.a.title.label.lower(), s.b.title.label.lower()] for s in steps]
    assert got == [[a.lower(), b.lower()] for a, b in example["moves"]]


def test_every_rule_table_has_examples() -> None:
    assert len(TITLE_EXAMPLES) >= 5 and len(MOVE_EXAMPLES) >= 5
