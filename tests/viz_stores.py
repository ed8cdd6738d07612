"""Stores for the viz tests: a graph whose names, aliases, quotes and documents are hostile markup."""

from __future__ import annotations

from pathlib import Path

from kg.graph.ingest.facts import facts_from_extraction
from kg.graph.store import SQLiteStore
from kg.loaders.models import Extraction, LoadedDocument, Mention, Progression

#: each payload, if it ever ran, would set window.__kg_pwned and open a dialog
SCRIPT_ROLE = '<script>window.__kg_pwned="script";alert("script")</script> Lead'
IMG_SKILL = "<img src=x onerror=\"window.__kg_pwned='img';alert('img')\">"
SVG_ALIAS = "\"><svg onload=\"window.__kg_pwned='svg';alert('svg')\">"
BREAKOUT_QUOTE = '</script><script>window.__kg_pwned="breakout";alert("breakout")</script>'
HOSTILE_DOC = "<iframe src=javascript:alert('doc')>.md"
PAYLOADS = (SCRIPT_ROLE, IMG_SKILL, SVG_ALIAS, BREAKOUT_QUOTE, HOSTILE_DOC)

_TEXT = (f"{SCRIPT_ROLE} needs {IMG_SKILL} and Python. {BREAKOUT_QUOTE} "
         f"Engineer -> {SCRIPT_ROLE}")


def hostile_store(path: Path | str = ":memory:") -> SQLiteStore:
    """Return a store with 3 roles, 2 skills and 2 moves whose text is hostile HTML.

    Nodes: engineer, hostile-lead, analyst (roles); hostile-skill, python (skills).
    Edges: hostile-lead requires hostile-skill and python; engineer requires python;
    engineer -> hostile-lead -> analyst.
    """
    store = SQLiteStore(path)
    lead = _mention("hostile-lead", "role", SCRIPT_ROLE, aliases=(SVG_ALIAS,))
    engineer = _mention("engineer", "role", "Engineer")
    skill = _mention("hostile-skill", "skill", IMG_SKILL, aliases=("XSS skill",))
    python = _mention("python", "skill", "Python")
    breakout = _TEXT.index(BREAKOUT_QUOTE)
    arrow = _TEXT.index("Engineer -> ")
    moves = (
        Progression("engineer", "hostile-lead", "Engineer", SCRIPT_ROLE, _TEXT[arrow:], arrow, len(_TEXT),
                    "explicit-arrow"),
        Progression("hostile-lead", "analyst", SCRIPT_ROLE, "Analyst", BREAKOUT_QUOTE, breakout,
                    breakout + len(BREAKOUT_QUOTE), "explicit-move"),
    )
    for n, (primary, skills) in enumerate(((lead, (skill, python)), (engineer, (python,)))):
        doc = LoadedDocument(f"hostile{n:02d}", f"/docs/{n}/{HOSTILE_DOC}", HOSTILE_DOC, SCRIPT_ROLE, _TEXT,
                             "markdown")
        ex = Extraction(doc=doc, primary_role=primary, roles=(lead, engineer), skills=skills,
                        progressions=moves if n == 0 else ())
        store.add_facts(facts_from_extraction(ex))
    return store


def _mention(mid: str, kind: str, label: str, aliases: tuple[str, ...] = ()) -> Mention:
    start = _TEXT.index(label) if label in _TEXT else 0
    return Mention(mid, kind, label, aliases, label, start, start + len(label),
                   attrs={"seniority": 3, "track": "ic"} if kind == "role" else {})
