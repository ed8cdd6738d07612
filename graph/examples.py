"""A tiny real store for doctests and examples: engineer → manager → cto, with skills."""

from __future__ import annotations

from kg.graph.ingest.facts import facts_from_extraction
from kg.graph.store import SQLiteStore
from kg.loaders.models import Experience, Extraction, LoadedDocument, Mention, Progression

__all__ = ["tiny_store"]

_TEXT = "Engineer -> Manager -> CTO. Needs Python, Hiring and Budgeting. 3+ years."


def tiny_store() -> SQLiteStore:
    """Return an in-memory store with three roles, two moves and three skills."""
    doc = LoadedDocument("d0c0", "tiny.txt", "tiny.txt", "Tiny", _TEXT, "text")

    def role(rid: str, label: str, seniority: int) -> Mention:
        start = _TEXT.index(label)
        return Mention(rid, "role", label, (), label, start, start + len(label),
                       attrs={"seniority": seniority, "track": "ic"})

    def skill(sid: str, label: str, required: bool = True) -> Mention:
        start = _TEXT.index(label)
        return Mention(sid, "skill", label, (), label, start, start + len(label), required=required)

    engineer, manager, cto = role("engineer", "Engineer", 2), role("manager", "Manager", 4), role("cto", "CTO", 6)
    arrow = _TEXT.index("Engineer -> Manager -> CTO")
    store = SQLiteStore(":memory:")
    for primary, skills in ((engineer, [skill("python", "Python")]),
                            (manager, [skill("hiring", "Hiring"), skill("python", "Python")]),
                            (cto, [skill("budgeting", "Budgeting"), skill("hiring", "Hiring", False)])):
        ex = Extraction(
            doc=LoadedDocument(doc.id + primary.id, doc.source + "#" + primary.id, doc.name, doc.title,
                               doc.text, doc.format),
            primary_role=primary,
            roles=(engineer, manager, cto),
            skills=tuple(skills),
            progressions=(
                Progression("engineer", "manager", "Engineer", "Manager", _TEXT[arrow:arrow + 19],
                            arrow, arrow + 19, "explicit-arrow"),
                Progression("manager", "cto", "Manager", "CTO", _TEXT[arrow + 12:arrow + 26],
                            arrow + 12, arrow + 26, "explicit-arrow"),
            ),
            experience=(Experience(primary.id, primary.label, 3, None, "experience",
                                   "3+ years", _TEXT.index("3+"), _TEXT.index("3+") + 8),),
        )
        store.add_facts(facts_from_extraction(ex))
    return store
