"""Ladders written from the top down, numbered level tables whose ranks our tiers cannot tell apart,
titles outside software (nursing) and JSON arrays under a "levels" key (texts written for these tests)."""

from __future__ import annotations

import json

from kg.loaders.extract import extract
from kg.loaders.readers import read_text


def _moves(text: str, fmt: str = "markdown") -> list[tuple[str, str]]:
    return [(p.from_label, p.to_label) for p in extract(read_text(text, "t", "t", fmt)).progressions]


def test_a_list_of_levels_from_the_top_down_climbs_from_its_last_item() -> None:
    text = "# Analyst levels\n\n- Principal Analyst\n- Staff Analyst\n- Senior Analyst\n- Junior Analyst\n"
    assert _moves(text) == [("Junior Analyst", "Senior Analyst"), ("Senior Analyst", "Staff Analyst"),
                            ("Staff Analyst", "Principal Analyst")]


def test_level_headings_from_the_top_down_climb_from_the_last() -> None:
    text = "# Designer levels\n\n## Lead Designer\nSets direction.\n\n## Senior Designer\nOwns flows.\n\n" \
           "## Junior Designer\nLearns.\n"
    assert _moves(text) == [("Junior Designer", "Senior Designer"), ("Senior Designer", "Lead Designer")]


def test_a_list_in_no_order_of_rank_is_not_a_ladder() -> None:
    text = "# Analyst levels\n\n- Senior Analyst\n- Junior Analyst\n- Principal Analyst\n"
    assert _moves(text) == []


CARE = [("Certified Nursing Assistant", "A state certificate"), ("Licensed Practical Nurse", "A licence"),
        ("Registered Nurse", "A nursing degree"), ("Charge Nurse", "Three years as a nurse")]


def _care_table(rows: list[tuple[int, str, str]]) -> str:
    cells = "".join(f"<tr><td>{n}</td><td>{title}</td><td>{needs}</td></tr>" for n, title, needs in rows)
    return f"<html><body><h1>Care team ladder</h1><table><tr><th>Step</th><th>Title</th><th>Needs</th></tr>" \
           f"{cells}</table></body></html>"


def test_numbered_level_rows_are_a_ladder_in_their_numbers_order() -> None:
    # The first three are one rank to our tiers: the step numbers say which comes first.
    climbing = [("Certified Nursing Assistant", "Licensed Practical Nurse"),
                ("Licensed Practical Nurse", "Registered Nurse"), ("Registered Nurse", "Charge Nurse")]
    rising = [(n + 1, title, needs) for n, (title, needs) in enumerate(CARE)]
    assert _moves(_care_table(rising), "html") == climbing
    assert _moves(_care_table(list(reversed(rising))), "html") == climbing  # numbered from the top down


def test_numbered_rows_of_a_ranking_are_not_a_ladder() -> None:
    text = ("# Most hired roles this year\n\n| # | Role | Hires |\n|---|---|---|\n| 1 | Registered Nurse | 40 |\n"
            "| 2 | Charge Nurse | 12 |\n| 3 | Licensed Practical Nurse | 9 |\n")
    assert ("Charge Nurse", "Licensed Practical Nurse") not in _moves(text)


def test_a_json_array_under_a_levels_key_is_a_ladder() -> None:
    doc = {"track": "Marketing", "levels": [
        {"level": 1, "title": "Marketing Coordinator", "skills": ["copywriting", "HubSpot"]},
        {"level": 2, "title": "Marketing Specialist", "skills": ["SEO"]},
        {"level": 3, "title": "Marketing Manager"}]}
    assert _moves(json.dumps(doc), "text") == [("Marketing Coordinator", "Marketing Specialist"),
                                               ("Marketing Specialist", "Marketing Manager")]
    doc["people"] = doc.pop("levels")
    assert _moves(json.dumps(doc), "text") == []


def test_a_line_listing_a_track_s_levels_by_commas_is_a_ladder() -> None:
    text = "Career tracks\n\nIC track: Engineer I, Engineer II, Senior Engineer, Staff Engineer.\n" \
           "Management track: Engineering Manager, Senior Engineering Manager and Director of Engineering.\n"
    moves = _moves(text, "text")
    assert ("Engineer I", "Engineer II") in moves and ("Engineer II", "Senior Engineer") in moves
    assert ("Senior Engineering Manager", "Director of Engineering") in moves
    assert ("Engineer I", "Engineering Manager") not in moves  # two lines, two ladders


def test_bare_ranks_in_a_listed_ladder_take_the_family_of_the_last_member() -> None:
    assert _moves("# Studio\n\nDesign levels: Junior, Mid-level, Senior and Lead Designer.\n") == [
        ("Junior Designer", "Mid-level Designer"), ("Mid-level Designer", "Senior Designer"),
        ("Senior Designer", "Lead Designer")]


def test_a_comma_list_of_roles_that_is_not_a_ladder_gives_no_moves() -> None:
    assert _moves("# Studio\n\nWe hire Junior Designers, Senior Designers and Lead Designers.\n") == []
    assert _moves("# Studio\n\nOur team: Junior Designer, Senior Designer, Lead Designer.\n") == []  # no level cue
    assert _moves("# Design levels\n\nSenior Designer, Junior Designer, Lead Designer\n") == []  # no rank order


def test_a_rank_written_in_brackets_after_the_title_ranks_it() -> None:
    text = ("# Levels\n\n## Associate Support Engineer\nLearns.\n\n## Support Engineer (Intermediate)\nOwns queues.\n\n"
            "## Senior Support Engineer\nLeads.\n")
    assert _moves(text) == [("Associate Support Engineer", "Support Engineer (Intermediate)"),
                            ("Support Engineer (Intermediate)", "Senior Support Engineer")]


def test_headings_of_bare_level_codes_are_levels_of_the_role_the_heading_above_names() -> None:
    text = "# Data Engineer levels\n\n## L3\nTasks.\n\n## L4\nFeatures.\n\n## L5 (Senior)\nProjects.\n"
    assert _moves(text) == [("L3 Data Engineer", "L4 Data Engineer"), ("L4 Data Engineer", "L5 Senior Data Engineer")]
    assert _moves(text.replace("# Data Engineer levels", "# How we work")) == []


def test_emoji_around_level_titles_do_not_hide_them() -> None:
    text = "# Ladder\n\n## 🌱 Junior Tester\nLearns.\n\n## Tester ⭐\nShips.\n\n## 👩‍🔬 Senior Tester\nLeads.\n"
    assert _moves(text) == [("Junior Tester", "Tester"), ("Tester", "Senior Tester")]


def test_the_last_of_a_run_of_level_lines_in_plain_text_is_a_level_too() -> None:
    text = "Levels\n\nP1 Associate Copywriter\nP2 Copywriter\nP3 Senior Copywriter\nP4 Lead Copywriter\n"
    assert _moves(text, "text")[-1] == ("P3 Senior Copywriter", "P4 Lead Copywriter")


def test_one_title_beside_two_level_codes_is_two_levels() -> None:
    text = ("<h2>Career levels</h2><p>Site Reliability Engineer (IC1)<br>Site Reliability Engineer (IC2)<br>"
            "Senior Site Reliability Engineer (IC3)</p>")
    assert _moves(text, "html") == [("IC1 Site Reliability Engineer", "IC2 Site Reliability Engineer"),
                                    ("IC2 Site Reliability Engineer", "Senior Site Reliability Engineer")]


def test_a_listed_ladder_may_give_titles_in_brackets_after_codes_and_a_label_with_commas() -> None:
    assert _moves("# Team\n\nOur levels: L1 (Junior Tester), L2 (Tester), L3 (Senior Tester).\n") == [
        ("Junior Tester", "Tester"), ("Tester", "Senior Tester")]
    assert _moves("# Team\n\nTitles, from junior to senior: Tester I, Tester II, Senior Tester.\n") == [
        ("Tester I", "Tester II"), ("Tester II", "Senior Tester")]
