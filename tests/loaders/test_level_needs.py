"""Skills and certifications a ladder lists under one of its levels are that level's needs, so a route
says what each step adds (texts written for these tests; a real SQLite store and the real route query)."""

from __future__ import annotations

from pathlib import Path

from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore
from kg.graph.types import RECOMMENDS_CERTIFICATION, REQUIRES_SKILL
from kg.loaders.extract import extract
from kg.loaders.readers import read_text
from kg.queries.path import find_routes

LEVELS = """# Analytics levels

Every analyst writes SQL.

## Junior Data Analyst
Builds reports in Tableau.

## Data Analyst
Owns a team's metrics; writes Python notebooks.

### How we assess it
Reviews of their SQL.

## Senior Data Analyst
Designs A/B experiments and mentors analysts. The AWS Certified Data Engineer – Associate certification helps.

## Working here
Analysts present their work with Tableau every month.
"""


def _levels() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for x in extract(read_text(LEVELS, "t", "levels.md", "markdown")).level_needs:
        out.setdefault(x.role_label, set()).add(x.item_id)  # skills and certifications alike
    return out


def test_skills_under_a_level_heading_are_that_level_s_needs() -> None:
    levels = _levels()
    assert {"python", "sql"} <= levels["Data Analyst"]  # a sub-heading stays inside its level
    assert {"experimentation", "mentoring", "aws-data-engineer"} <= levels["Senior Data Analyst"]
    # the primary role (the first rung) keeps its own; a heading of the same rank ends a level's section
    assert "Junior Data Analyst" not in levels
    assert not any("tableau" in skills for skills in levels.values())


def test_a_route_through_the_ladder_says_what_each_step_adds(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "levels.md").write_text(LEVELS, encoding="utf-8")
    store = SQLiteStore(tmp_path / "kg.sqlite")
    build(store, [tmp_path / "docs"], workers=1)
    [route] = find_routes(store, "junior-data-analyst", "senior-data-analyst")
    added = [{r.id for r in step.skills_to_add} for step in route.steps]
    assert "python" in added[0] and {"experimentation", "mentoring"} <= added[1]
    # a skill named only under another level is not a need of the document's own role
    primary_needs = set(store.successors(REQUIRES_SKILL, "junior-data-analyst"))
    assert "tableau" in primary_needs and "experimentation" not in primary_needs
    assert "sql" in primary_needs  # also named outside every level's section
    assert set(store.successors(RECOMMENDS_CERTIFICATION, "senior-data-analyst")) == {"aws-data-engineer"}
    assert not set(store.successors(RECOMMENDS_CERTIFICATION, "junior-data-analyst"))


COLUMNS = """# Product levels

| Area | Product Manager | Senior Product Manager | Group Product Manager |
|---|---|---|---|
| Data | Writes SQL queries | Designs A/B experiments | Owns the metrics strategy |
| People | Helps interns | Mentors PMs | Hires and manages PMs |
"""

ROWS = """# Support levels

| Title | What it asks |
|---|---|
| Support Specialist | Answers tickets in Zendesk |
| Senior Support Specialist | Writes SQL to debug accounts; mentors specialists |
| Support Team Lead | Plans the rota and hires |
"""


def _needs(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for x in extract(read_text(text, "t", "t.md", "markdown")).level_needs:
        out.setdefault(x.role_label, set()).add(x.item_id)
        assert x.quote and x.quote in text  # a cell's own text
    return out


def test_the_cells_under_a_level_column_are_that_level_s_needs() -> None:
    needs = _needs(COLUMNS)
    assert {"experimentation", "mentoring"} <= needs["Senior Product Manager"]
    assert "sql" not in needs.get("Senior Product Manager", set())
    assert "Product Manager" not in needs  # the document's own role keeps its column


def test_the_cells_of_a_level_s_row_are_that_level_s_needs() -> None:
    needs = _needs(ROWS)
    assert {"sql", "mentoring"} <= needs["Senior Support Specialist"]
    assert "zendesk" not in needs.get("Senior Support Specialist", set())


def test_the_rest_of_a_line_that_opens_with_a_level_s_title_is_that_level_s() -> None:
    text = ("# Engineering career ladder\n\n- **Software Engineer I**: learns Python and SQL with guidance.\n"
            "- **Software Engineer II**: builds services in Go; writes Terraform.\n"
            "- **Senior Software Engineer**: leads projects, mentors others, designs with Kubernetes.\n")
    needs = _needs(text)
    assert needs["Software Engineer II"] == {"go", "terraform"}
    assert {"mentoring", "kubernetes"} <= needs["Senior Software Engineer"]
    quotes = [x.quote for x in extract(read_text(text, "t", "t.md", "markdown")).level_needs]
    assert "builds services in Go; writes Terraform." in quotes  # from the words after the title


def test_a_label_line_inside_a_level_s_section_does_not_end_it() -> None:
    text = ("# Analytics levels\n\n## Junior Data Analyst\nBuilds reports.\n\n## Data Analyst\nSkills:\n\n"
            "- Python\n- SQL\n\n## Senior Data Analyst\nMentors analysts.\n")
    assert {"python", "sql"} <= _needs(text)["Data Analyst"]
