"""Extraction on short documents of other layouts: plain posting, Markdown ladder, HTML page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.loaders.extract import extract
from kg.loaders.models import Extraction
from kg.loaders.readers import read_path

POSTING = """Senior Data Engineer

About the job
We are hiring a Senior Data Engineer to own our batch and streaming pipelines.

Requirements
- 5+ years of experience building data platforms
- Proficiency in SQL and Python
- Experience with Airflow and dbt
- Bachelor's degree in Computer Science or a similar field

Nice to have
- Familiarity with Kafka
- Snowflake or BigQuery exposure is a plus
- AWS Certified Solutions Architect – Associate

Compensation
The salary band for this position is $150,000 - $185,000 per year.
"""

LADDER = """# Platform career ladder

## Career Progression

Junior Software Engineer → Software Engineer → Senior Software Engineer → Staff Software Engineer

Career paths from Staff Software Engineer include Principal Engineer and Engineering Manager.

## Skills by level
- Engineers at every level use Git, Docker and Kubernetes daily.
- Leads need mentoring and stakeholder management.
"""

HTML = """<html><head><title>Data Scientist</title><style>p{color:red}</style></head><body>
<h1>Data Scientist</h1>
<h2>How people get here</h2>
<ul>
<li>Start as a Data Analyst or BI Developer.</li>
<li>Progress to Data Scientist.</li>
<li>Move into roles like Senior Data Scientist or Data Science Manager.</li>
</ul>
<h2>What you need</h2>
<p>Strong statistics, machine learning frameworks such as scikit-learn, XGBoost and Zorbly, and clear communication.</p>
</body></html>
"""


def _run(tmp_path: Path, name: str, text: str) -> Extraction:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(read_path(path))


def _ids(items: tuple[Any, ...]) -> set[str]:
    return {m.id for m in items}


def _edges(x: Extraction) -> set[tuple[str, str]]:
    return {(p.from_id, p.to_id) for p in x.progressions}


def test_plain_job_posting(tmp_path: Path) -> None:
    x = _run(tmp_path, "posting.txt", POSTING)
    assert x.primary_role is not None and x.primary_role.id == "senior-data-engineer"
    skills = {m.id: m for m in x.skills}
    assert {"sql", "python", "airflow", "dbt", "kafka", "snowflake", "bigquery"} <= set(skills)
    assert skills["python"].required and skills["python"].strength == 1.0
    assert not skills["kafka"].required and skills["kafka"].strength == 0.5
    assert "computer-science" not in skills  # a degree field is not a skill
    assert _ids(x.certifications) == {"aws-solutions-architect-associate"}
    assert [(e.min_years, e.max_years) for e in x.experience] == [(5.0, None)]
    assert [(d.level, d.field, d.required) for d in x.education] == [("bachelor", "Computer Science", True)]
    assert [(s.min, s.max, s.role_id) for s in x.salaries] == [(150000.0, 185000.0, "senior-data-engineer")]


def test_markdown_career_ladder(tmp_path: Path) -> None:
    x = _run(tmp_path, "ladder.md", LADDER)
    assert _edges(x) >= {
        ("junior-software-engineer", "software-engineer"),
        ("software-engineer", "senior-software-engineer"),
        ("senior-software-engineer", "staff-software-engineer"),
        ("staff-software-engineer", "principal-software-engineer"),
        ("staff-software-engineer", "engineering-manager"),
    }
    assert ("junior-software-engineer", "staff-software-engineer") not in _edges(x)
    assert {"git", "docker", "kubernetes", "mentoring", "stakeholder-management"} <= _ids(x.skills)


def test_html_page_staged_list_and_discovery(tmp_path: Path) -> None:
    x = _run(tmp_path, "page.html", HTML)
    assert _edges(x) == {
        ("data-analyst", "data-scientist"), ("bi-developer", "data-scientist"),
        ("data-scientist", "senior-data-scientist"), ("data-scientist", "data-science-manager"),
    }
    skills = {m.id: m for m in x.skills}
    assert {"statistics", "scikit-learn", "xgboost", "communication"} <= set(skills)
    assert skills["zorbly"].curated is False  # unknown name in a list of known skills
    assert all(m.curated for m in x.skills if m.id != "zorbly")


def test_uncurated_title_gets_grammar_attributes(tmp_path: Path) -> None:
    x = _run(tmp_path, "t.txt", "Overview\nThe Director of Quantum Robotics leads research.\n")
    role = next(m for m in x.roles if m.id == "director-of-quantum-robotics")
    assert role.curated is False and role.attrs == {"seniority": 5, "track": "management"}


@pytest.mark.parametrize("text", [POSTING, LADDER])
def test_deterministic_and_exact_evidence(tmp_path: Path, text: str) -> None:
    first = _run(tmp_path, "a.md", text)
    again = _run(tmp_path, "a.md", text)
    assert json.dumps(first.to_json()) == json.dumps(again.to_json())
    for m in (*first.roles, *first.skills, *first.certifications):
        assert first.doc.text[m.start:m.end] == m.quote
    for p in first.progressions:
        assert first.doc.text[p.start:p.end] == p.quote


NUMBERED_LADDER = """# Head of Data

## Career progression

The usual ladder to this seat:

1. Data Analyst
2. Data Scientist
3. Data Science Manager
4. Head of Data
"""


def test_listed_ladder_that_already_holds_the_primary_role(tmp_path: Path) -> None:
    x = _run(tmp_path, "head.md", NUMBERED_LADDER)
    assert x.primary_role is not None and x.primary_role.label == "Head of Data"
    edges = _edges(x)
    assert ("data-analyst", "data-scientist") in edges
    assert ("data-science-manager", x.primary_role.id) in edges
    assert not any(a == x.primary_role.id for a, _ in edges), "the list ends at the primary role"


def test_odd_case_letters_in_degree_words_do_not_crash(tmp_path: Path) -> None:
    # "ſ" (long s) matches "s" case-insensitively but does not lower-case to it
    x = _run(tmp_path, "odd.txt", "Data Engineer\nRequirements\n- MAſTER degree in physics; Master degree in CS\n")
    assert [(e.level, e.field) for e in x.education] == [("master", "CS")]


TITLED = """# AI Engineering Manager

Unlike a classic Engineering Manager, this Engineering Manager variant owns model quality.
Many people arrive here after being an Engineering Manager elsewhere.

## Requirements
- Proficiency in Python
"""


def test_title_line_names_the_primary_role(tmp_path: Path) -> None:
    x = _run(tmp_path, "titled.md", TITLED)
    assert x.primary_role is not None and x.primary_role.id == "ai-engineering-manager"
    assert "python" in _ids(x.skills)


NEGATED = """Site Reliability Engineer

Requirements
- Kubernetes experience is required
- Helpful but not required: Terraform and the Certified Kubernetes Administrator (CKA)
"""


def test_not_required_reads_as_preferred(tmp_path: Path) -> None:
    x = _run(tmp_path, "sre.txt", NEGATED)
    required = {m.id: m.required for m in (*x.skills, *x.certifications)}
    assert required["kubernetes"] is True
    assert required["terraform"] is False
    assert not any(required[c.id] for c in x.certifications)


def test_equivalent_experience_offered_instead_of_a_degree_is_not_a_field(tmp_path: Path) -> None:
    x = _run(tmp_path, "posting.txt", "Data Analyst\n\nRequirements:\n- Bachelor's degree in Statistics, Economics or "
                                      "equivalent practical experience.\n")
    assert [(e.level, e.field) for e in x.education] == [("bachelor", "Statistics"), ("bachelor", "Economics")]
