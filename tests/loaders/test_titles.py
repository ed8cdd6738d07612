"""Titles read the way ladders write them, and never from verbs, descriptors or certifications (own texts)."""

from __future__ import annotations

import pytest

from kg.loaders.extract import extract
from kg.loaders.level_titles import parse_title
from kg.loaders.readers import read_text


def _roles(text: str) -> set[str]:
    return {m.label for m in extract(read_text(text, source="t.md", name="t.md", fmt="markdown")).roles}


@pytest.mark.parametrize(("text", "label", "code"), [
    ("IC4 Machine Learning Engineer", "IC4 Machine Learning Engineer", "IC4"),  # a level code kept in the title
    ("L3 – Senior Engineer", "Senior Engineer", "L3"),  # a code beside the title ranks it
    ("Senior Engineer (L5)", "Senior Engineer", "L5"),
    ("OSPO Engineer II", "OSPO Engineer II", ""),  # an unknown domain word in a level title
    ("Senior {Team} Engineer II", "Senior Engineer II", ""),  # a placeholder dropped
    ("Director of IT and Security", "Director of IT and Security", ""),  # a whole title kept whole
    ("Sen Eng 2", "Senior Engineer 2", ""),  # short forms expanded
])
def test_level_titles(text: str, label: str, code: str) -> None:
    t = parse_title(text, True)
    assert t is not None and (t.label, t.code) == (label, code)


@pytest.mark.parametrize("text", [
    "Builds PM leadership capacity",  # a verb
    "Grows engineering leaders",  # a descriptor, plural
    "AWS Certified DevOps Engineer",  # a certification's name
    "Scope of impact",  # a table label
])
def test_not_titles(text: str) -> None:
    assert parse_title(text, True) is None


def test_title_case_coordination_is_one_title() -> None:
    assert "IT and Security Manager" in _roles("Our IT and Security Manager reviews every change.")
    assert not {"IT Manager", "Security Manager"} & _roles("Our IT and Security Manager reviews every change.")


def test_an_of_title_is_not_joined_to_the_next() -> None:
    roles = _roles("Career paths include Director of Data Engineering and Analytics Manager.")
    assert {"Director of Data Engineering", "Analytics Manager"} <= roles


def test_imperatives_and_leaders_are_not_roles() -> None:
    assert not _roles("- Support designers in advocating for research.\n- Grows engineering leaders.\n")
