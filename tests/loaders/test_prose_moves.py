"""Moves and titles stated the ways postings and growth pages phrase them (texts written for these tests)."""

from __future__ import annotations

import pytest

from kg.loaders.extract import extract
from kg.loaders.readers import read_text


def _read(text: str, fmt: str = "markdown") -> tuple[set[tuple[str, str]], set[str], set[str]]:
    x = extract(read_text(text, "test.md", "test.md", fmt))
    return ({(p.from_label, p.to_label) for p in x.progressions}, {r.label for r in x.roles},
            {c.label for c in x.certifications})


GROWTH = """# Customer Support Specialist

## Where this role leads
After a year or so, strong specialists typically move into a **Senior Support Specialist** role.
From there, the usual next steps are **Support Team Lead** or **Customer Success Manager**.
"""


def test_a_posting_s_growth_section_reads_from_its_role_and_from_there() -> None:
    moves, _, _ = _read(GROWTH)
    assert moves == {("Customer Support Specialist", "Senior Support Specialist"),
                     ("Senior Support Specialist", "Support Team Lead"),
                     ("Senior Support Specialist", "Customer Success Manager")}


@pytest.mark.parametrize(("sentence", "move"), [
    ("Junior Accountants can grow into Senior Accountant roles within two years.",
     ("Junior Accountant", "Senior Accountant")),
    ("Our Sales Development Representatives usually work their way up to Account Executive.",
     ("Sales Development Representative", "Account Executive")),
    ("A Marketing Coordinator often rises to Marketing Manager after a few years.",
     ("Marketing Coordinator", "Marketing Manager")),
    ("Operations Analysts are frequently promoted into Operations Manager positions.",
     ("Operations Analyst", "Operations Manager")),
    ("HR Generalists may later transition into an HR Business Partner role.",
     ("HR Generalist", "HR Business Partner")),
    ("Some QA Leads move into a Test Manager position, while others take the path to Automation Architect.",
     ("QA Lead", "Automation Architect")),
    ("As a Payroll Specialist you will be trained to take on your next role as Payroll Manager.",
     ("Payroll Specialist", "Payroll Manager")),
])
def test_move_verbs_of_everyday_prose(sentence: str, move: tuple[str, str]) -> None:
    moves, _, _ = _read(f"# Growth\n\n{sentence}\n")
    assert move in moves


@pytest.mark.parametrize("sentence", [
    "A Senior PM typically reports to a Group Product Manager, and the next step is usually managing other PMs.",
    "Analysts need to be thoughtful business partners with strong project skills.",
    "Senior engineers typically move into Staff Engineer roles after three years.",
])
def test_what_is_not_a_move(sentence: str) -> None:
    moves, roles, _ = _read(f"# Product Manager\n\n{sentence}\n")
    assert ("Group Product Manager", "Product Manager") not in moves
    assert "Business Partner" not in roles
    assert ("Product Manager", "Staff Engineer") not in moves  # a level of the role, not the role


def test_a_certification_acronym_stated_as_a_need_is_one_and_a_person_is_not() -> None:
    _, _, certs = _read("Security engineer\n\nCISSP is a plus. CKA preferred.\n", "text")
    assert {"CISSP"} <= certs
    _, _, certs = _read("Account manager\n\nYour CSM is required to attend reviews.\n", "text")
    assert not certs


def test_solutions_architect_is_not_a_software_architect() -> None:
    _, roles, _ = _read("# Careers\n\nMany Support Engineers go on to become Solutions Architects.\n")
    assert "Solutions Architect" in roles and "Software Architect" not in roles


PROMOTIONS = """# Promotions

## Moving from Analyst to Senior Analyst
Analysts show they can own a problem end to end.

## Senior Analyst to Principal Analyst
This promotion needs company-wide impact.

## Introduction to Data Engineering
Nothing here is a move.

Progression: Technical Writer to Senior Technical Writer.

The typical path is Junior Product Designer, then Product Designer, then Senior Product Designer.
"""


def test_headings_fields_and_paths_that_name_both_ends() -> None:
    moves, _, _ = _read(PROMOTIONS)
    assert moves == {("Analyst", "Senior Analyst"), ("Senior Analyst", "Principal Analyst"),
                     ("Technical Writer", "Senior Technical Writer"),
                     ("Junior Product Designer", "Product Designer"), ("Product Designer", "Senior Product Designer")}


BLOG = """# Growing as a developer

Most developers start their careers as a Junior Developer. After two or three years, they are usually
promoted to Mid-level Developer.

From Senior Developer, there are two paths: the technical path leads to Staff Engineer, while the management
path leads to Engineering Manager.
"""


def test_a_sentence_that_opens_on_its_source_and_paths_that_lead_to_roles() -> None:
    moves, roles, _ = _read(BLOG)
    assert "Mid-Level Developer" in roles
    assert ("Junior Developer", "Mid-Level Developer") in moves
    assert {("Senior Developer", "Staff Software Engineer"), ("Senior Developer", "Engineering Manager")} <= moves


POSTING = """# Senior Data Engineer

As a Senior Data Engineer you will design our lakehouse. Databricks Certified Data Engineer Professional is a plus.

Reports to the Head of Data Platform. Strong performers grow into Staff Data Engineer or Data Engineering Manager roles.
"""


def test_a_posting_s_growth_line_after_its_reporting_line() -> None:
    moves, _, certs = _read(POSTING)
    assert moves == {("Senior Data Engineer", "Staff Data Engineer"),
                     ("Senior Data Engineer", "Data Engineering Manager")}  # never from the manager
    assert certs == {"Databricks Certified Data Engineer Professional"}


def test_a_move_through_a_named_track() -> None:
    moves, _, _ = _read("# Ladder\n\nSenior Customer Success Managers can move to the management track as a "
                        "Customer Success Team Lead, then Head of Customer Success.\n")
    assert moves == {("Senior Customer Success Manager", "Customer Success Team Lead"),
                     ("Customer Success Team Lead", "Head of Customer Success")}


def test_perfect_tenses_of_grow_and_rise_are_move_verbs() -> None:
    text = ("# Data Analyst\n\nSeveral analysts here have grown into Senior Data Analyst roles; one has risen to "
            "Head of Analytics.\n")
    moves, _, _ = _read(text)
    assert ("Data Analyst", "Senior Data Analyst") in moves


def test_a_person_telling_their_own_path_moves_on_from_the_role_they_last_reached() -> None:
    text = ("# My path\n\nIn 2019 I became a Tech Lead for the payments team, and last spring I moved into an "
            "Engineering Manager role. Next year I hope to step up to Director of Engineering.\n")
    moves, _, _ = _read(text)
    assert moves == {("Tech Lead", "Engineering Manager"), ("Engineering Manager", "Director of Engineering")}


def test_the_next_step_for_a_role_may_name_alternatives() -> None:
    moves, _, _ = _read("# Careers\n\nThe next step for a Staff Data Engineer is to move to Principal Data Engineer "
                        "or to Data Engineering Manager.\n")
    assert moves == {("Staff Data Engineer", "Principal Data Engineer"),
                     ("Staff Data Engineer", "Data Engineering Manager")}
