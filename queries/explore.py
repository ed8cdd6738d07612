"""Look around the graph: one node with its relationships, role and skill listings, next and similar roles, stats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import UnknownNameError
from kg.graph.types import (
    DESCRIBED_IN,
    DOCUMENT,
    HAS_SALARY,
    NAMED_TYPES,
    PROGRESSES_TO,
    RECOMMENDS_CERTIFICATION,
    REQUIRES_EDUCATION,
    REQUIRES_SKILL,
    ROLE,
    VALIDATES,
)
from kg.ontology.names import normalize
from kg.queries.common import Quote, Ref, quotes_for, ref
from kg.queries.resolve import resolve, suggest

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["LINK_ORDER", "Link", "NodeView", "Listed", "show", "list_nodes", "next_roles", "similar_roles", "stats"]

_SHOWABLE = NAMED_TYPES
#: the order :func:`show` lists a node's relationships in (moves first)
LINK_ORDER = (PROGRESSES_TO, REQUIRES_SKILL, RECOMMENDS_CERTIFICATION, VALIDATES, REQUIRES_EDUCATION, HAS_SALARY,
              DESCRIBED_IN)


@dataclass(frozen=True)
class Link:
    """A relationship seen from one node: its type, direction, the other end and the evidence."""

    type: str
    direction: str
    other: Ref
    weight: float
    required: bool
    evidence: tuple[Quote, ...]


@dataclass(frozen=True)
class NodeView:
    """A node with its properties and every relationship it takes part in."""

    node: Ref
    aliases: tuple[str, ...]
    props: dict[str, Any]
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Listed:
    """A row of a listing: the node and how many relationships use it."""

    item: Ref
    aliases: tuple[str, ...]
    degree: int
    props: dict[str, Any]


def show(store: GraphReader, name: str) -> NodeView:
    """Return a role, skill or certification with all its relationships and their evidence.

    >>> from kg.graph.examples import tiny_store
    >>> view = show(tiny_store(), "Manager")
    >>> [(link.type, link.direction, link.other.id) for link in view.links][:3]
    [('PROGRESSES_TO', 'out', 'cto'), ('PROGRESSES_TO', 'in', 'engineer'), ('REQUIRES_SKILL', 'out', 'hiring')]
    """
    node = None
    for type_ in _SHOWABLE:
        try:
            node = resolve(store, name, type_)
            break
        except UnknownNameError:
            continue
    if node is None:
        suggestions = [s for t in _SHOWABLE for s in suggest(store, name, t, 3)]
        raise UnknownNameError(name, "node", suggestions[:6])
    links: list[Link] = []
    for rel in LINK_ORDER:
        for direction, edges in (("out", store.out_edges(rel, node.id)), ("in", store.in_edges(rel, node.id))):
            for edge in edges:
                other_id = edge.dst if direction == "out" else edge.src
                other = store.node(other_id)
                other_ref = ref(other) if other else _document_ref(store, other_id)
                links.append(Link(rel, direction, other_ref, edge.weight, edge.required,
                                  tuple(quotes_for(store, rel, edge.src, edge.dst))))
    return NodeView(ref(node), node.aliases, node.props, tuple(links))


def list_nodes(store: GraphReader, type_: str, search: str | None = None) -> list[Listed]:
    """List nodes of a type, most connected first; ``search`` keeps names containing its words.

    >>> from kg.graph.examples import tiny_store
    >>> [row.item.id for row in list_nodes(tiny_store(), "Skill", search="hir")]
    ['hiring']
    """
    words = normalize(search).split() if search else []
    degree = store.degrees(type_)
    rows = []
    for node in store.nodes(type_):
        haystack = normalize(" ".join((node.id, node.name, *node.aliases)))
        if all(w in haystack for w in words):
            rows.append(Listed(ref(node), node.aliases, int(degree.get(node.id, 0)), node.props))
    rows.sort(key=lambda r: (-r.degree, r.item.name.lower()))
    return rows


def next_roles(store: GraphReader, role: str) -> list[tuple[Ref, float, tuple[Quote, ...]]]:
    """Return the roles a documented move leads to from ``role``, best supported first."""
    node = resolve(store, role, ROLE)
    out = []
    for edge in store.out_edges(PROGRESSES_TO, node.id):
        target = store.node(edge.dst)
        if target is not None:
            out.append((ref(target), edge.weight, tuple(quotes_for(store, PROGRESSES_TO, node.id, edge.dst))))
    return out


def similar_roles(store: GraphReader, role: str, limit: int = 10) -> list[tuple[Ref, float, int]]:
    """Return roles sharing the most skills with ``role`` (Jaccard similarity, shared count)."""
    node = resolve(store, role, ROLE)
    mine = set(store.successors(REQUIRES_SKILL, node.id))
    scores: dict[str, int] = {}
    for skill in mine:
        for other_id in store.predecessors(REQUIRES_SKILL, skill):
            if other_id != node.id:
                scores[other_id] = scores.get(other_id, 0) + 1
    out = []
    for other_id, shared in scores.items():
        theirs = set(store.successors(REQUIRES_SKILL, other_id))
        other = store.node(other_id)
        if other is not None:
            out.append((ref(other), round(shared / len(mine | theirs), 4), shared))
    out.sort(key=lambda t: (-t[1], t[0].name))
    return out[:limit]


def stats(store: GraphReader) -> dict[str, Any]:
    """Return node and edge counts by type, documents and evidence totals, and the store path."""
    counts = store.counts()
    docs = [{"id": d.id, "name": d.name, "source": d.source, "title": d.title} for d in store.documents()]
    return {"store": str(store.path or ":memory:"), **counts, "documents": docs}


def _document_ref(store: GraphReader, doc_id: str) -> Ref:
    info = store.document_titles([doc_id]).get(doc_id)
    return Ref(doc_id, info.name if info else doc_id, DOCUMENT)
