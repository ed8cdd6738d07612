"""Keep the roles a document tells apart apart, even where the vocabulary files them under one role.

A ladder whose steps climb from "Service Desk Analyst" to "Desktop Support Technician" says they are
two roles, though the vocabulary lists both as names of Help Desk Technician; and a role's alias that
is the label of another role the document names would merge the two wherever aliases are matched.
"""

from __future__ import annotations

from kg.loaders.aliases import label_key
from kg.loaders.ladders_model import Ladders
from kg.loaders.models import Mention
from kg.loaders.title_attrs import curated_role

__all__ = ["own_titles", "without_other_labels"]


def own_titles(ladder: Ladders) -> frozenset[str]:
    """Rung titles (lower case) to read as the document's own roles rather than as a curated one.

    Where both rungs of a step are titles of one curated role, the rung written as that role's name
    keeps it; when neither is, the upper rung becomes a role of its own.
    """
    own: set[str] = set()
    for step in ladder.steps:
        a, b = step.a.title.label, step.b.title.label
        if a.lower() == b.lower():
            continue
        concept = curated_role(a)
        if concept is None or (other := curated_role(b)) is None or other.id != concept.id:
            continue
        own.add(a.lower() if b.lower() == concept.name.lower() else b.lower())
    return frozenset(own)


def without_other_labels(roles: list[Mention]) -> list[Mention]:
    """The roles, each without the aliases that are the label of another of them.

    >>> a = Mention("help-desk-technician", "role", "Help Desk Technician", ("IT help desk", "desktop support"),
    ...             "", 0, 20)
    >>> b = Mention("desktop-support", "role", "Desktop Support", (), "", 30, 45)
    >>> [m.aliases for m in without_other_labels([a, b])]
    [('IT help desk',), ()]
    """
    if len(roles) < 2 or not any(m.aliases for m in roles):
        return roles
    owner = {label_key(m.label): m.id for m in roles}
    out = []
    for m in roles:
        kept = tuple(a for a in m.aliases if owner.get(label_key(a), m.id) == m.id)
        out.append(m if len(kept) == len(m.aliases) else m._replace(aliases=kept))
    return out
