"""Ladders in three more everyday layouts (texts written for these tests): bold level lines with their
description on the next line, a header of bare rank words under a heading naming the role, and a YAML
list of levels saved as text."""

from __future__ import annotations

from kg.loaders.extract import extract
from kg.loaders.readers import read_text


def _moves(text: str, fmt: str) -> list[tuple[str, str]]:
    return [(p.from_label, p.to_label) for p in extract(read_text(text, "t", "t", fmt)).progressions]


BOLD = """# Backend engineering ladder

**Level 1: Associate Backend Engineer**
Learns the codebase and ships small changes with review.

**Level 2: Backend Engineer**
Delivers features independently.

**Level 3: Senior Backend Engineer**
Leads projects across services.
"""

RANKS = """# Mobile Engineer career framework

| Competency | Junior | Mid-level | Senior | Staff |
|---|---|---|---|---|
| Delivery | Ships small tasks | Ships features | Leads epics | Leads programs |
"""

YAML = """track: Data Analytics
levels:
  - name: Junior Data Analyst
    years: 0-2
  - name: Data Analyst
    years: 2-4
  - name: Senior Data Analyst
    years: 4-6
"""


def test_bold_level_lines_with_their_description_below_are_level_headings() -> None:
    assert _moves(BOLD, "markdown") == [("Associate Backend Engineer", "Backend Engineer"),
                                        ("Backend Engineer", "Senior Backend Engineer")]


def test_a_header_of_bare_ranks_is_a_ladder_of_the_role_its_heading_names() -> None:
    assert _moves(RANKS, "markdown") == [("Junior Mobile Engineer", "Mid-level Mobile Engineer"),
                                         ("Mid-level Mobile Engineer", "Senior Mobile Engineer"),
                                         ("Senior Mobile Engineer", "Staff Mobile Engineer")]


def test_a_header_of_ranks_under_a_heading_without_a_role_is_not_a_ladder() -> None:
    assert _moves(RANKS.replace("Mobile Engineer career framework", "How we grow"), "markdown") == []


def test_a_yaml_list_of_levels_is_a_ladder() -> None:
    assert _moves(YAML, "text") == [("Junior Data Analyst", "Data Analyst"), ("Data Analyst", "Senior Data Analyst")]


NEXT_COLUMN = """# Support career paths

| Role | Next role | Typical time |
|---|---|---|
| Support Specialist | Senior Support Specialist | 18 months |
| Support Team Lead | Support Manager or Support Operations Lead | 2 years |
"""


def test_a_next_role_column_states_a_move_per_row() -> None:
    moves = set(_moves(NEXT_COLUMN, "markdown"))
    assert {("Support Specialist", "Senior Support Specialist"), ("Support Team Lead", "Support Manager"),
            ("Support Team Lead", "Support Operations Lead")} <= moves


def test_a_sideways_move() -> None:
    text = "# Data Scientist\n\nData Scientists often move sideways into Machine Learning Engineer roles.\n"
    assert ("Data Scientist", "Machine Learning Engineer") in _moves(text, "markdown")


def test_principal_ranks_above_senior_on_a_manager_head() -> None:
    text = ("# Customer Success career ladder\n\n## Individual contributor track\n\n1. Customer Success Associate\n"
            "2. Customer Success Manager\n3. Senior Customer Success Manager\n4. Principal Customer Success Manager\n")
    assert _moves(text, "markdown")[-1] == ("Senior Customer Success Manager", "Principal Customer Success Manager")


def test_a_line_of_titles_joined_by_to_is_a_chain_of_moves() -> None:
    text = ("# Sales paths\n\nSales Development Representative to Account Executive to Sales Manager\n\n"
            "Introduction to Sales\n")
    assert _moves(text, "markdown") == [("Sales Development Representative", "Account Executive"),
                                        ("Account Executive", "Sales Manager")]


SLASHED = """# Backend Developer

After two years you may move to a Senior/Lead Developer role.

Junior/Mid/Senior Data Engineers review designs with a Staff/Principal Engineer.

We also hire a CI/CD Engineer.
"""


def test_slash_joined_ranks_give_one_title_per_rank() -> None:
    x = extract(read_text(SLASHED, "t", "t", "markdown"))
    labels = {r.label for r in x.roles}
    assert {"Senior Developer", "Lead Developer", "Junior Data Engineer", "Mid Data Engineer",
            "Senior Data Engineer"} <= labels
    assert not any("/" in label and "CI" not in label for label in labels)
    evidence = {r.label: r.quote for r in x.roles}
    assert "Senior/Lead Developer" in evidence["Lead Developer"]  # each quotes the whole span
    moves = {(p.from_label, p.to_label) for p in x.progressions}
    assert {("Backend Engineer", "Senior Developer"), ("Backend Engineer", "Lead Developer")} <= moves
