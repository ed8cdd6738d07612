"""Resolve a user's name for a role, skill or certification to one node of the store.

Order: exact id, then id/name/alias by normalised key (singular forms too),
then fuzzy suggestions (``difflib``) for the error message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.errors import AmbiguousNameError, UnknownNameError
from kg.graph.types import KIND_OF_TYPE
from kg.ontology.names import normalize, singular

if TYPE_CHECKING:
    from kg.graph.model import Node
    from kg.graph.protocols import GraphReader

__all__ = ["resolve", "suggest"]



def resolve(store: GraphReader, name: str, type_: str, *, suggestions: bool = True) -> Node:
    """Return the node of ``type_`` that ``name`` names.

    ``suggestions=False`` raises without looking for close names (a scan of every name of the
    type), for callers that try several types or keep unknown names aside.

    Raises:
        UnknownNameError: nothing matches; carries "did you mean" suggestions.
        AmbiguousNameError: several nodes match equally well.
    """
    node = store.node(name.strip())
    if node is not None and node.type == type_:
        return node
    key = normalize(name)
    for candidate_key in dict.fromkeys((key, " ".join(singular(w) for w in key.split()))):
        found = store.nodes_by_key(candidate_key, type_)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            curated = [n for n in found if n.props.get("curated", True)]
            if len(curated) == 1:
                return curated[0]
            raise AmbiguousNameError(name, KIND_OF_TYPE.get(type_, type_.lower()), [n.id for n in found])
    raise UnknownNameError(name, KIND_OF_TYPE.get(type_, type_.lower()),
                           suggest(store, name, type_) if suggestions else [])


def suggest(store: GraphReader, name: str, type_: str, limit: int = 5) -> list[str]:
    """Return up to ``limit`` node ids whose names are close to ``name``."""
    import difflib

    key = normalize(name)
    by_key: dict[str, str] = {}
    for alias_key, node_id in store.names(type_):
        by_key.setdefault(alias_key, node_id)
    close = difflib.get_close_matches(key, list(by_key), n=limit * 3, cutoff=0.6)
    words = set(key.split())
    if len(close) < limit and words:
        overlap = sorted((k for k in by_key if words & set(k.split())), key=lambda k: (-len(words & set(k.split())), k))
        close.extend(overlap)
    return list(dict.fromkeys(by_key[k] for k in close))[:limit]
