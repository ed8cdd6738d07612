"""Noise, sense, certification and discovery rules for skills, each on a short text of our own."""

from __future__ import annotations

import pytest

from kg.loaders.extract import extract
from kg.loaders.models import LoadedDocument
from kg.loaders.noise import noise_spans
from kg.loaders.readers import read_text


def _doc(text: str) -> LoadedDocument:
    return read_text(text, "test", "note.txt")


def _skills(text: str) -> set[str]:
    return {m.label for m in extract(_doc(text)).skills}


def _certs(text: str) -> list[tuple[str, bool]]:
    return [(m.label, m.curated) for m in extract(_doc(text)).certifications]


@pytest.mark.parametrize(("text", "absent"), [
    # a URL path and a link target name tools the page does not ask for
    ("Requirements:\n- Read https://example.org/guides/kubernetes-python first\n", {"Kubernetes", "Python"}),
    ("- See the [guide](docs/react/tutorial.md) for details\n", {"React"}),
    # HTML attributes and template tags
    ('<div class="docker_box" data-tool="terraform">Team page</div>\n', {"Docker", "Terraform"}),
    ("Hello {{ user.python_version }} and {% include 'kafka.html' %}\n", {"Python", "Apache Kafka"}),
    # fenced code and a Mermaid diagram that survived as text
    ("Intro\n```\npip install pandas\n```\n", {"pandas"}),
    ("flowchart LR\n  a[Java Lead] --> b[Scala Lead]\n", {"Java", "Scala"}),
    # LaTeX layout commands: the column type C is not the C language
    ("\\newcolumntype{C}{p{20em}}\n\\begin{tabular}{|C|C|}\n", {"C"}),
])
def test_markup_and_code_give_no_skills(text: str, absent: set[str]) -> None:
    assert not _skills(text) & absent


def test_noise_spans_cover_markup_not_prose() -> None:
    text = "Use Python daily. Visit www.tools.example.com/python and mail ops_team@example.com."
    covered = [text[s:e] for s, e in noise_spans(text)]
    assert any("www.tools.example.com/python" in c for c in covered)
    assert not any("Use Python daily" in c for c in covered)


@pytest.mark.parametrize(("text", "absent", "present"), [
    # ordinary words and verbs
    ("Keep latency budgets tight and react to incidents quickly.\n", {"Budgeting", "React"}, set()),
    ("Skills: Budgeting, React and Python.\n", set(), {"Budgeting", "React", "Python"}),
    # networking listed among technical skills is computer networking; among people skills, meeting people
    ("Requirements: Linux, networking and containers.\n", {"Professional Networking"}, {"Computer Networking"}),
    ("Soft skills: mentoring, networking and public speaking.\n", {"Computer Networking"},
     {"Professional Networking"}),
    # a perk's budget is not the skill
    ("Perks: an annual budget for gadgets and a learning budget of 1,000 EUR.\n", {"Budgeting"}, set()),
    ("Owns the annual marketing budget and quarterly budget planning.\n", set(), {"Budgeting"}),
    # a person's name is not the Julia language
    ("As Julia Morgan wrote in her essay, ship small.\n", {"Julia"}, set()),
    ("Experience with Julia, R and Python.\n", set(), {"Julia", "R", "Python"}),
    # R&D is not the R language
    ("Leads R&D for the platform.\n", {"R"}, set()),
    ("Languages: C & C++, R.\n", set(), {"C", "C++", "R"}),
    # departments listed together are not sales skills; leadership as people is not a skill
    ("Work with Product, Sales and Marketing every week.\n", {"Sales"}, set()),
    ("Proven sales experience and strong leadership skills.\n", set(), {"Sales", "Leadership"}),
    ("The business leadership wants a faster process.\n", {"Leadership"}, set()),
    # company voice, not a hiring skill
    ("We're hiring a platform engineer to join us.\n", {"Recruiting"}, set()),
    # a spoken language needs a proficiency word
    ("Our office is in the English countryside.\n", {"English"}, set()),
    ("Requirements:\n- Fluent in Spanish and proficient in English\n", set(), {"Spanish", "English"}),
])
def test_sense_rules(text: str, absent: set[str], present: set[str]) -> None:
    found = _skills(text)
    assert not found & absent, found
    assert present <= found, found


def test_common_word_skills_are_not_read_in_headings_or_trend_sections() -> None:
    text = ("Industry Trends\n\n- Testing and monitoring budgets are growing across the market\n\n"
            "Requirements\n\n- Experience with monitoring and testing of web services\n")
    ex = extract(_doc(text))
    labels = {m.label for m in ex.skills}
    assert {"Monitoring", "Software Testing"} <= labels
    assert all("Trends" not in m.quote and "growing" not in m.quote for m in ex.skills
               if m.label in ("Monitoring", "Software Testing"))


def test_acronym_certification_needs_a_certification_context() -> None:
    assert _certs("- Partner with your CSM on renewals and escalations\n") == []
    assert ("Certified ScrumMaster", True) in _certs("- CSM certification preferred\n")
    assert {c for c, _ in _certs("- PMP or CISSP\n")} == {"PMP", "CISSP"}
    assert ("CCSP", True) in _certs("Certifications such as:\n- CKA\n- CCSP\n")


def test_certification_levels_split_into_one_certification_each() -> None:
    found = _certs("- Google Professional Cloud Architect or AWS Certified Developer – Associate or Professional\n")
    assert ("AWS Certified Developer – Associate", True) in found
    assert ("AWS Certified Developer – Professional", False) in found


def test_named_tools_are_discovered_in_requirement_lists() -> None:
    ex = extract(_doc("Requirements:\n- Experience with Terraform, Pulumi and Crossplane\n"
                      "- Familiarity with log shipping tools such as Vectorly, Fluentd or Logstash\n"))
    discovered = {m.label for m in ex.skills if not m.curated}
    assert {"Crossplane", "Vectorly", "Fluentd", "Logstash"} <= discovered


def test_department_lists_and_common_words_are_not_discovered() -> None:
    ex = extract(_doc("- Coordinate across departments (DevOps, Finance, Legal, Operations)\n"
                      "- Experience with Python, Strategy and Widgetry. Strategy matters; strategy wins.\n"))
    discovered = {m.label for m in ex.skills if not m.curated}
    assert not discovered & {"Finance", "Legal", "Operations", "Strategy"}
    assert "Widgetry" in discovered
