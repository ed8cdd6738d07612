"""Roles a document tells apart stay apart, and names that are not roles stay out (texts written for these
tests): two rungs the vocabulary files under one role, "Group" ranks in a column-per-level table, titles
inside a credential's name, and a curated name that runs past a grammatical title."""

from __future__ import annotations

from kg.loaders.extract import extract
from kg.loaders.models import Extraction
from kg.loaders.readers import read_text


def _read(text: str, fmt: str = "markdown") -> Extraction:
    return extract(read_text(text, "t", "t", fmt))


def _moves(text: str, fmt: str = "markdown") -> list[tuple[str, str]]:
    return [(p.from_label, p.to_label) for p in _read(text, fmt).progressions]


SUPPORT_LEVELS = """OPERATIONS SUPPORT LEVELS

Level 1 - Service Desk Analyst
Takes calls and logs tickets.

Level 2 - Desktop Support Technician
Builds laptops and fixes printers.

Level 3 - Systems Administrator
Runs the servers.
"""


def test_two_rungs_the_vocabulary_files_under_one_role_stay_two_roles() -> None:
    # Both titles are vocabulary aliases of Help Desk Technician: merged, the first step would vanish.
    extraction = _read(SUPPORT_LEVELS, "text")
    assert _moves(SUPPORT_LEVELS, "text") == [("Help Desk Technician", "Desktop Support Technician"),
                                              ("Desktop Support Technician", "Systems Administrator")]
    roles = {m.label: m for m in extraction.roles}
    assert roles["Desktop Support Technician"].curated is False
    # the curated role no longer carries, as an alias, the label of the other role
    assert not any("desktop support" in a.lower() for a in roles["Help Desk Technician"].aliases)


def test_a_rung_named_as_the_curated_role_keeps_it() -> None:
    text = SUPPORT_LEVELS.replace("Service Desk Analyst", "Desktop Support Technician", 1) \
        .replace("Level 2 - Desktop Support Technician", "Level 2 - Help Desk Technician")
    assert _moves(text, "text")[0] == ("Desktop Support Technician", "Help Desk Technician")
    roles = {m.label: m for m in _read(text, "text").roles}
    assert roles["Help Desk Technician"].curated and not roles["Desktop Support Technician"].curated


PM_COLUMNS = """# Product management levels

| Competency | Product Manager I | Product Manager II | Senior Product Manager | Group Product Manager |
|---|---|---|---|---|
| Scope | One feature | A product area | A product line | Several lines |
| People | - | Helps interns | Mentors PMs | Manages PMs |
"""


def test_group_ranks_above_senior_on_a_manager_head() -> None:
    assert _moves(PM_COLUMNS) == [("Product Manager I", "Product Manager II"),
                                  ("Product Manager II", "Senior Product Manager"),
                                  ("Senior Product Manager", "Group Product Manager")]


CREDENTIALS = """# Platform Engineer

## Requirements
- The Zentrix Professional Release Manager certification is a plus.
- A Qubit Certified Data Analyst exam pass.
- Certified Quorum Architect or similar.
- You will work with a Data Analyst and a Release Manager.
"""


def test_a_title_inside_a_credential_name_is_not_a_role() -> None:
    roles = [m.label for m in _read(CREDENTIALS).roles]
    assert roles.count("Platform Engineer") == 1
    # the last line names the two roles for real, once each; the credential lines add none
    quotes = {m.label: m.quote for m in _read(CREDENTIALS).roles}
    assert "certification" not in quotes["Release Manager"] and "exam" not in quotes["Data Analyst"]
    assert "Architect" not in roles and "Quorum Architect" not in roles


def test_a_curated_name_that_runs_past_a_grammatical_title_is_the_title() -> None:
    text = "# Testing guild\n\nSome testers become software development engineers in test and keep coding.\n"
    roles = [m.label for m in _read(text).roles]
    assert "QA Engineer" in roles and "Software Engineer" not in roles
