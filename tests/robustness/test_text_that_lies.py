"""Text that is not what it seems: control sequences, characters XML forbids, non-Latin and look-alike names."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kg.ontology.names import slugify
from tests.robustness.kgproc import assert_no_traceback, kg

pytest.importorskip("kg.loaders.extract")
nx = pytest.importorskip("networkx")

HOSTILE = ("# Data Engineer\x1b]0;owned\x07\n\n## Required skills\n"
           "- Proficiency in Python\x1b[8m and a hidden\x1b[0m line\x0b\x1f\n"
           "- Experience with \x1b[31mSQL\x1b[0m\x7f\u009b\n")


@pytest.fixture
def hostile_store(tmp_path: Path) -> Path:
    (tmp_path / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    store = tmp_path / "kg.sqlite"
    proc = kg("build", tmp_path / "hostile.md", "--store", store, home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return store


def test_graphml_of_a_document_with_control_characters_is_well_formed(hostile_store: Path) -> None:
    out = hostile_store.parent / "g.graphml"
    proc = kg("export", "-f", "graphml", "-o", out, "--store", hostile_store, home=hostile_store.parent)
    assert proc.returncode == 0, proc.stderr
    graph = nx.read_graphml(out)
    assert "python" in graph


def test_no_escape_sequence_from_a_document_reaches_the_terminal(hostile_store: Path) -> None:
    proc = kg("show", "data-engineer", "--store", hostile_store, home=hostile_store.parent)  # quotes the evidence
    assert proc.returncode == 0, proc.stderr
    for ch in "\x1b\x07\x0b\x1f\x7f\u009b":
        assert ch not in proc.stdout + proc.stderr, (ch, proc.stdout)


def test_no_control_character_a_store_holds_reaches_the_terminal(hostile_store: Path) -> None:
    conn = sqlite3.connect(hostile_store)  # as an RDF import or the Python API could have written it
    with conn:
        conn.execute("UPDATE node SET name=? WHERE id='python'", ("Py\x1b]0;owned\x07thon\x1b[2J",))
    conn.close()
    proc = kg("show", "python", "--store", hostile_store, home=hostile_store.parent)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert "Py]0;ownedthon" in proc.stdout  # the text stays, only the controls go (click drops CSI itself)


@pytest.mark.parametrize(("a", "b"), [
    ("Программирование", "Тестирование"),  # Cyrillic
    ("Μηχανική μάθηση", "Στατιστική"),  # Greek
    ("机器学习", "数据分析"),  # CJK
])
def test_non_latin_names_get_distinct_ids(a: str, b: str) -> None:
    assert slugify(a) != "unnamed" and slugify(b) != "unnamed"
    assert slugify(a) != slugify(b)


def test_a_look_alike_name_is_not_truncated_into_another_skill(tmp_path: Path) -> None:
    assert slugify("Руthon") not in ("thon", "python")  # Cyrillic Р and у, Latin "thon"
    (tmp_path / "lookalike.md").write_text("# Data Engineer\n\n## Required skills\n- Proficiency in Руthon\n",
                                           encoding="utf-8")
    proc = kg("extract", tmp_path / "lookalike.md", "--json", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    skills = {s["id"] for s in json.loads(proc.stdout)["skills"]}
    assert not skills & {"python", "thon"}, skills


def test_an_unknown_name_suggests_commands_that_exist(tmp_path: Path) -> None:
    proc = kg("show", "cobol", home=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert "kg nodes" not in proc.stderr
    assert "`kg roles`" in proc.stderr and "`kg skills`" in proc.stderr
