"""Shared locations and tiny document texts for the tests (our own words, never the seeds')."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
SCORER = SHARED / "eval" / "score.py"
NO_SHARED_REASON = f"../shared is absent ({SHARED}); the seed documents and gold live there"

LADDER_MD = """# Platform Engineer

Platform Engineers keep the internal developer platform healthy.

## Required skills
- Proficiency in Python and Go
- Experience with Kubernetes and Terraform

## Nice to have
- Familiarity with Rust

## Career progression
Platform Engineer → Senior Platform Engineer → Platform Engineering Manager
"""

SENIOR_MD = """# Senior Platform Engineer

## Required skills
- Deep experience with Kubernetes, Terraform and AWS
- Mentoring junior engineers

## Career progression
Senior Platform Engineer → Platform Engineering Manager
"""


def store_as_networkx(store: Any, name: str | None = None) -> Any:
    """The whole store as a networkx MultiDiGraph, built independently of kg's writers: nodes with their
    properties (``None`` left out), documents, and one keyed edge per relationship."""
    import networkx as nx

    from kg.graph.export.sources import public_source

    graph = nx.MultiDiGraph() if name is None else nx.MultiDiGraph(name=name)
    for node in store.nodes():
        props = {k: v for k, v in node.props.items() if v is not None and k not in ("type", "name", "aliases")}
        graph.add_node(node.id, type=node.type, name=node.name, aliases=list(node.aliases), **props)
    for doc in store.documents():
        graph.add_node(doc.id, type="Document", name=doc.name, title=doc.title, source=public_source(doc.source))
    for edge in store.edges():
        graph.add_edge(edge.src, edge.dst, key=edge.type, type=edge.type, weight=edge.weight,
                       required=edge.required, doc_count=edge.doc_count)
    return graph
