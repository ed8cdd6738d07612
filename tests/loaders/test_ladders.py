"""Ladders in every layout the readers meet, each in a short document of our own.

Each case is a document and the moves (from, to) it must yield, and none other between the roles
it names; the layouts are the ones real career frameworks use (see ../shared/real-dev/README.md).
"""

from __future__ import annotations

import pytest

from kg.loaders.extract import extract
from kg.loaders.readers import read_text

TRACK_TABLE = """# Grades

| Track | Grade | Job title |
|-------|-------|-----------|
| Analysts | A1 | Data Analyst |
| Analysts | A2 | Data Analyst II |
| Analysts | A3 | Senior Data Analyst |
| Leads | M1 | Analytics Manager |
| Leads | M2 | Director of Analytics |
"""

PARALLEL_COLUMNS = """# Tracks

| Individual contributor | Level | Manager |
|---|---|---|
| Designer 1 | D1 | |
| Designer 2 | D2 | |
| Senior Designer | D3 | Design Manager |
| Staff Designer | D4 | Senior Design Manager |
"""

HEADING_RUN = """# Associate Support Specialist

Answers tickets.

# Support Specialist

Owns a queue.

# Senior Support Specialist

Leads escalations.
"""

NAV_MENU = """<html><body><div id="toc"><h1>Security Engineer (SecE)</h1>
<div><a href="a.html">IC1 Security Engineer</a></div>
<div><a href="b.html">IC2 Security Engineer</a></div>
<div><a href="c.html">IC3 Senior Security Engineer</a></div>
<div><a href="d.html">SecE: Appendix</a></div></div>
<main><h1>IC2 Security Engineer</h1><p>Writes threat models.</p></main></body></html>"""

JSON_LIST = """[
  {"name": "Trainee tester", "summary": "Learns the product."},
  {"name": "Tester", "summary": "Tests releases."},
  {"name": "Lead tester (automation)", "summary": "Owns the harness."},
  {"name": "Lead tester (exploratory)", "summary": "Owns charters."}
]"""

CSV_MATRIX = """Area,Skill,Associate Writer,Writer,Senior Writer
Craft,Editing,"Edits own drafts","Edits others","Sets the style guide"
Craft,Research,"Finds sources","Checks sources","Trains others"
"""

LATEX_MATRIX = r"""\begin{tabular}{|c|c|}
\hline
\textbf{Level} & \textbf{Scope} \\
\hline
Team Lead & One team \\
Director of Operations & A department \\
VP of Operations & The company \\
\end{tabular}"""

ARROWS = """# Ladder

| Title | Code |
|---|---|
| Engineer 1 | E1 |
| Engineer 2 | E2 |
| Senior Engineer 1 | E3 |
| Staff Engineer | E4 |

Level: Eng 1, Eng 2 > Sen Eng 1 > Staff
"""

MERMAID = """```mermaid
flowchart BT
  a -->|Reports To| b
  c -.->|Career Pathway| b
  jd[Junior Designer]
  d[Designer]
  dm[Design Manager]
  jd -.-> d
  d --> dm
  d -.-> dm2
  dm2[Principal Designer]
```
"""

FIELDS = """# Trainee

_Career advancement: Junior Operator_

# Junior Operator

_Career advancement: Operator or Shift Supervisor (TBD)_
"""

PROSE = """# Levels

Principal analysts are the next level after staff analysts.
After distinguished analysts, we have analyst fellows.
"""

NEXT_LEVEL_LIST = """**Sales pathway**

- **SDR I** reps qualify inbound leads.
- The next level in the program is **SDR II**, where reps prospect.
- The highest level within our team is **SDR III**, working with Account Executives.
"""

PATHS = """# Data Analyst

Analysts query data.

## Where to next?

- **Data Science**: for the technical.
- **Analytics or Data Engineer**: for builders.
- **Product Manager**: for people who like users.
"""

BARE_RANKS = """## Engineering ladder

| Level | Title |
|---|---|
| L3 | Platform Engineer |
| L4 | Senior |
| L5 | Staff |
"""

CODED_HEADINGS = """# Support career ladder

## L1 – Associate Support Agent
Answers chats.
## L2 – Support Agent
Owns tickets.

## Management track
### M1: Support Manager
### M2: Senior Support Manager
### M3: Director of Support
"""

NOT_LADDERS = """# Emerging roles

- Prompt Engineer: writes prompts
- AI Ethics Officer: reviews models
- Data Steward: owns datasets

## Careers

| Career track | Start |
|---|---|
| Product Team Lead | Engineer |
| Community Coordinator | Intern |
| Data Analyst | Intern |
"""

CASES = [
    ("track-table.md", TRACK_TABLE, [("Data Analyst", "Data Analyst II"), ("Data Analyst II", "Senior Data Analyst"),
                                     ("Analytics Manager", "Director of Analytics")]),
    ("parallel.md", PARALLEL_COLUMNS, [("Designer 1", "Designer 2"), ("Designer 2", "Senior Designer"),
                                       ("Senior Designer", "Staff Designer"),
                                       ("Design Manager", "Senior Design Manager")]),
    ("headings.md", HEADING_RUN, [("Associate Support Specialist", "Support Specialist"),
                                  ("Support Specialist", "Senior Support Specialist")]),
    ("menu.html", NAV_MENU, [("IC1 Security Engineer", "IC2 Security Engineer"),
                             ("IC2 Security Engineer", "IC3 Senior Security Engineer")]),
    ("roles.txt", JSON_LIST, [("Trainee tester", "Tester"), ("Tester", "Lead tester (automation)"),
                              ("Tester", "Lead tester (exploratory)")]),
    ("matrix.txt", CSV_MATRIX, [("Associate Writer", "Writer"), ("Writer", "Senior Writer")]),
    ("levels.txt", LATEX_MATRIX, [("Team Lead", "Director of Operations"),
                                  ("Director of Operations", "VP of Operations")]),
    ("arrows.md", ARROWS, [("Engineer 1", "Engineer 2"), ("Engineer 2", "Senior Engineer 1"),
                           ("Senior Engineer 1", "Staff Engineer")]),
    ("diagram.md", MERMAID, [("Junior Designer", "Designer"), ("Designer", "Principal Designer")]),
    ("fields.md", FIELDS, [("Trainee", "Junior Operator"), ("Junior Operator", "Operator"),
                           ("Junior Operator", "Shift Supervisor")]),
    ("prose.md", PROSE, [("Staff analyst", "Principal analyst"), ("Distinguished analyst", "Analyst fellow")]),
    ("program.md", NEXT_LEVEL_LIST, [("SDR I", "SDR II"), ("SDR II", "SDR III")]),
    ("paths.md", PATHS, [("Data Analyst", "Data Scientist"), ("Data Analyst", "Analytics Engineer"),
                         ("Data Analyst", "Data Engineer"), ("Data Analyst", "Product Manager")]),
    ("bare.md", BARE_RANKS, [("Platform Engineer", "Senior Platform Engineer"),
                             ("Senior Platform Engineer", "Staff Platform Engineer")]),
    ("coded.md", CODED_HEADINGS, [("Associate Support Agent", "Support Agent"),
                                  ("Support Manager", "Senior Support Manager"),
                                  ("Senior Support Manager", "Director of Support")]),
    ("not-ladders.md", NOT_LADDERS, []),
]


def _moves(name: str, text: str) -> list[tuple[set[str], set[str]]]:
    """Each move as the name sets (label and aliases, lower case) of its two ends."""
    fmt = {"md": "markdown", "html": "html", "txt": "text"}[name.rsplit(".", 1)[1]]
    ex = extract(read_text(text, source=name, name=name, fmt=fmt))
    names = {m.id: {m.label.lower(), *(a.lower() for a in m.aliases)} for m in ex.roles}
    return [(names.get(p.from_id, {p.from_label.lower()}), names.get(p.to_id, {p.to_label.lower()}))
            for p in ex.progressions]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_ladder_layout(name: str, text: str, expected: list[tuple[str, str]]) -> None:
    got = _moves(name, text)
    want = [(a.lower(), b.lower()) for a, b in expected]
    missing = [w for w in want if not any(w[0] in a and w[1] in b for a, b in got)]
    extra = [(sorted(a), sorted(b)) for a, b in got if not any(w[0] in a and w[1] in b for w in want)]
    assert not missing and not extra, {"missing": missing, "extra": extra}


def test_reporting_lines_in_a_diagram_are_not_moves() -> None:
    got = _moves("diagram.md", MERMAID)
    assert not any("design manager" in b for _, b in got)


def test_track_column_names_no_roles() -> None:
    ex = extract(read_text(TRACK_TABLE, source="t.md", name="t.md", fmt="markdown"))
    assert not {"Analysts", "Leads"} & {m.label for m in ex.roles}
