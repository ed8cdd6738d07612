"""Project the store onto RDF following ``kg.ttl``: triple blocks, an rdflib graph, the JSON-LD export.

Each aggregated edge becomes a qualified node (``kg:SkillRequirement``, ``kg:Progression`` ...) with its
weight and ``kg:evidence`` quotes, plus a shortcut triple (``kg:progressesTo`` ...) for property paths;
required skills are also ``esco:relatedEssentialSkill``, preferred ones ``esco:relatedOptionalSkill``.
IRIs are pure functions of store keys and every file is written in a fixed order, so the same store
always gives byte-identical files. The writers in :mod:`kg.graph.rdf.write` (N-Triples, Turtle) and
:mod:`kg.graph.rdf.jsonld` stream from :func:`triple_blocks`. Roles are also ``schema:Occupation`` with
``schema:skills``, ``schema:estimatedSalary`` ... (see ``kg.ttl``), labels carry ``@en``, every typed
property one datatype (:data:`kg.graph.rdf.terms.DATATYPES`).
rdflib is imported inside the functions: ``kg path`` never loads it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from itertools import groupby
from typing import TYPE_CHECKING, Any

from kg.errors import ExportError
from kg.graph.types import CERTIFICATION, REQUIRES_SKILL, SKILL
from kg.plugins import require

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node as RdfNode

    from kg.graph.model import Edge, Evidence, Node
    from kg.graph.protocols import GraphReader
    from kg.graph.rdf.terms import FactTerms

    Triple = tuple[RdfNode, RdfNode, RdfNode]

__all__ = ["store_graph", "triple_blocks", "jsonld_context", "esco_links", "MATCH_PREDICATES"]


def store_graph(store: GraphReader, *, evidence: bool = True, graph: Graph | None = None) -> Graph:
    """Return the store as an rdflib graph (into ``graph`` when given, e.g. an Oxigraph-backed one).

    ``evidence=False`` leaves out documents, quotes and evidence-only facts: enough for the
    SPARQL query library and several times smaller.
    """
    require("rdf", "rdflib", "the RDF projection")
    from rdflib import Graph

    from kg.graph.rdf.terms import prefixes

    g = graph if graph is not None else Graph()
    for prefix, ns in prefixes().items():
        g.bind(prefix, ns, override=True, replace=True)
    g.addN((s, p, o, g) for block in triple_blocks(store, evidence=evidence) for s, p, o in block)
    return g


def triple_blocks(store: GraphReader, *, evidence: bool = True) -> Iterator[list[Triple]]:
    """Yield the projection in store order, one block per node, fact (with its evidence) and document.

    The blocks are produced from ordered cursors, so memory stays flat; no triple is repeated across
    blocks (a skill category is described once, with its first skill), though one may repeat
    within a block. :func:`store_graph` and the streamed writers of :mod:`kg.graph.rdf.write`
    both read this, so the in-memory graph and the files always agree.
    """
    require("rdf", "rdflib", "the RDF projection")
    from kg.graph.export.sources import public_source

    described: set[str] = set()  # skill categories and organisations already described
    for node in store.nodes():
        yield _node_triples(node, described)
    if evidence:
        yield from _fact_blocks(store)
        for doc in store.documents():
            yield _document_triples(doc.id, public_source(doc.source), doc.name, doc.title, doc.loaded_at,
                                    doc.chars)
    else:
        for edge in store.edges():
            yield _edge_triples(edge)


def _node_triples(node: Node, described: set[str]) -> list[Triple]:
    from rdflib import RDF, SKOS, Literal, URIRef
    from rdflib.namespace import DCTERMS

    from kg.graph.rdf.terms import (
        CREDENTIAL_CATEGORY,
        NODE_PROPS,
        category_iri,
        label,
        leftover_json,
        node_classes,
        node_iri,
        org_iri,
        typed_literal,
    )
    from kg.ontology.namespace import KG, SCHEMA

    s = node_iri(node.id)
    out: list[Triple] = [(s, RDF.type, cls) for cls in node_classes(node.type)]
    out += [(s, DCTERMS.identifier, Literal(node.id)), (s, SKOS.prefLabel, label(node.name))]
    out.extend((s, SKOS.altLabel, label(a)) for a in node.aliases)
    if node.type in CREDENTIAL_CATEGORY:
        out.append((s, SCHEMA.credentialCategory, Literal(CREDENTIAL_CATEGORY[node.type])))
    mapped: dict[str, Any] = dict(NODE_PROPS.get(node.type, {}))
    for key, value in node.props.items():
        if key in mapped and _is_scalar(value):
            out.append((s, mapped[key], typed_literal(mapped[key], value)))
    category = node.props.get("category")
    if node.type == SKILL and isinstance(category, str):
        mapped["category"] = SKOS.broader
        cat = category_iri(category)
        out.append((s, SKOS.broader, cat))
        if "category " + category not in described:  # describe each category concept once
            described.add("category " + category)
            out += [(cat, RDF.type, KG.SkillCategory), (cat, RDF.type, SKOS.Concept),
                    (cat, SKOS.prefLabel, label(category))]
    issuer = node.props.get("issuer")
    if node.type == CERTIFICATION and isinstance(issuer, str) and issuer.strip():
        mapped["issuer"] = SCHEMA.recognizedBy
        org = org_iri(issuer)
        out.append((s, SCHEMA.recognizedBy, org))
        if "org " + str(org) not in described:  # describe each organisation once, by its first spelling
            described.add("org " + str(org))
            out += [(org, RDF.type, SCHEMA.Organization), (org, SCHEMA.name, Literal(issuer))]
    rest = leftover_json(node.props, mapped)
    if rest is not None:
        out.append((s, KG.properties, Literal(rest)))
    links = esco_links().get(node.id, {})
    for key, predicate in MATCH_PREDICATES.items():
        values = [*links.get(key, ()), *(v for v in _as_list(node.props.get(key)) if isinstance(v, str))]
        out.extend((s, URIRef(predicate), URIRef(v)) for v in sorted(set(values)))
    return out


def _fact_blocks(store: GraphReader) -> Iterator[list[Triple]]:
    """Merge-join edges and evidence (both ordered by type, src, dst): one block per fact key."""
    edges = store.edges()
    groups = groupby(store.all_evidence(), key=lambda e: (e.type, e.src, e.dst))
    edge = next(edges, None)
    group = next(groups, None)
    while edge is not None or group is not None:
        edge_key = (edge.type, edge.src, edge.dst) if edge is not None else None
        if group is None or (edge_key is not None and edge_key < group[0]):
            assert edge is not None
            yield _edge_triples(edge)
            edge = next(edges, None)
        elif edge_key is None or group[0] < edge_key:
            yield _evidence_triples(list(group[1]), declare=True)  # evidence-only fact
            group = next(groups, None)
        else:
            assert edge is not None
            yield _edge_triples(edge) + _evidence_triples(list(group[1]), declare=False)
            edge, group = next(edges, None), next(groups, None)


def _edge_triples(e: Edge) -> list[Triple]:
    from rdflib import RDF, Literal

    from kg.graph.rdf.terms import fact_iri, typed_literal
    from kg.ontology.namespace import ESCO, KG

    terms = _fact_terms(e.type)
    f = fact_iri(e.type, e.src, e.dst)
    src, dst = _end(e.src, False), _end(e.dst, terms.dst_is_document)
    out: list[Triple] = [
        (f, RDF.type, terms.cls), (f, terms.src, src), (f, KG.weight, typed_literal(KG.weight, float(e.weight))),
        (f, KG.required, Literal(bool(e.required))), (f, KG.documentCount, Literal(int(e.doc_count)))]
    if terms.dst is not None:
        out.append((f, terms.dst, dst))
    if terms.shortcut is not None:
        out.append((src, terms.shortcut, dst))
    if terms.aligned is not None and (e.required or not terms.aligned_if_required):
        out.append((src, terms.aligned, dst))
    if e.type == REQUIRES_SKILL:
        out.append((src, ESCO.relatedEssentialSkill if e.required else ESCO.relatedOptionalSkill, dst))
    return out


def _evidence_triples(rows: list[Evidence], *, declare: bool) -> list[Triple]:
    """Return the evidence nodes of one fact; ``declare`` also types the fact (it has no edge)."""
    from rdflib import RDF, Literal
    from rdflib.namespace import PROV

    from kg.graph.rdf.terms import (
        EVIDENCE_LINKS,
        EVIDENCE_PROPS,
        doc_iri,
        evidence_iri,
        fact_iri,
        leftover_json,
        node_iri,
        typed_literal,
    )
    from kg.graph.types import REQUIRES_EXPERIENCE
    from kg.ontology.namespace import KG, SCHEMA

    first = rows[0]
    terms = _fact_terms(first.type)
    f = fact_iri(first.type, first.src, first.dst)
    out: list[Triple] = []
    if declare:
        out += [(f, RDF.type, terms.cls), (f, terms.src, _end(first.src, False))]
        if terms.dst is not None:
            out.append((f, terms.dst, _end(first.dst, terms.dst_is_document)))
    if first.type == REQUIRES_EXPERIENCE:  # schema:experienceRequirements of the role
        out += [(f, RDF.type, SCHEMA.OccupationalExperienceRequirements),
                (_end(first.src, False), SCHEMA.experienceRequirements, f)]
        stated = {e.props.get("min_years") for e in rows}
        years = stated.pop() if len(stated) == 1 else None
        if isinstance(years, int | float) and not isinstance(years, bool):  # one figure the documents agree on
            out.append((f, SCHEMA.monthsOfExperience, typed_literal(SCHEMA.monthsOfExperience, years * 12)))
    seen: dict[tuple[Any, ...], int] = defaultdict(int)
    for e in rows:
        key = _evidence_key(e)
        ev = evidence_iri(e, seen[key])
        seen[key] += 1
        doc = doc_iri(e.doc_id)
        out += [(f, KG.evidence, ev), (f, PROV.wasDerivedFrom, doc), (ev, RDF.type, KG.Evidence),
                (ev, PROV.wasDerivedFrom, doc), (ev, KG.quote, Literal(e.quote)),
                (ev, KG.start, Literal(int(e.start))), (ev, KG.end, Literal(int(e.end))),
                (ev, KG.required, Literal(bool(e.required))),
                (ev, KG.strength, typed_literal(KG.strength, float(e.strength)))]
        for key_, value in e.props.items():
            if key_ in EVIDENCE_PROPS and _is_scalar(value):
                out.append((ev, EVIDENCE_PROPS[key_], typed_literal(EVIDENCE_PROPS[key_], value)))
        for key_, predicate in EVIDENCE_LINKS.items():
            out.extend((ev, predicate, node_iri(str(v))) for v in _as_list(e.props.get(key_)))
        rest = leftover_json(e.props, EVIDENCE_PROPS)
        if rest is not None:
            out.append((ev, KG.properties, Literal(rest)))
    return out


def _fact_terms(type_: str) -> FactTerms:
    from kg.graph.rdf.terms import FACT_TERMS

    terms = FACT_TERMS.get(type_)
    if terms is None:
        raise ExportError(f"fact of unknown type {type_!r}; add it to kg.graph.rdf.terms.FACT_TERMS")
    return terms


def _evidence_key(e: Evidence) -> tuple[Any, ...]:
    return (e.doc_id, e.type, e.src, e.dst, e.start, e.end, e.quote, e.required, e.strength,
            json.dumps(e.props, sort_keys=True, ensure_ascii=False))


def _document_triples(doc_id: str, source: str, name: str, title: str, loaded_at: str, chars: int) -> list[Triple]:
    from rdflib import RDF, Literal
    from rdflib.namespace import DCTERMS

    from kg.graph.rdf.terms import DOCUMENT_CLASSES, doc_iri
    from kg.ontology.namespace import KG

    d = doc_iri(doc_id)
    return [*((d, RDF.type, cls) for cls in DOCUMENT_CLASSES), (d, DCTERMS.identifier, Literal(doc_id)),
            (d, DCTERMS.title, Literal(title)), (d, KG.source, Literal(source)), (d, KG.fileName, Literal(name)),
            (d, KG.loadedAt, Literal(loaded_at)), (d, KG.characters, Literal(int(chars)))]


def _end(key: str, is_document: bool) -> RdfNode:
    from kg.graph.rdf.terms import doc_iri, node_iri

    return doc_iri(key) if is_document else node_iri(key)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


#: link key (in ``esco_links.toml`` and in node properties) -> SKOS mapping property
MATCH_PREDICATES: dict[str, str] = {
    "exact_match": "http://www.w3.org/2004/02/skos/core#exactMatch",
    "close_match": "http://www.w3.org/2004/02/skos/core#closeMatch",
    "broad_match": "http://www.w3.org/2004/02/skos/core#broadMatch",
    "narrow_match": "http://www.w3.org/2004/02/skos/core#narrowMatch",
}


@lru_cache(maxsize=1)
def esco_links() -> dict[str, dict[str, list[str]]]:
    """Return ``ontology/vocab/esco_links.toml``: concept id -> {exact_match, close_match, broad_match, narrow_match}.

    Each value lists ESCO URIs (the ``why`` text of each entry is for readers and tests only).
    """
    import tomllib

    text = resources.files("kg.ontology").joinpath("vocab", "esco_links.toml").read_text(encoding="utf-8")
    return {k: {m: list(v.get(m, [])) for m in MATCH_PREDICATES} for k, v in tomllib.loads(text).items()}


@lru_cache(maxsize=1)
def jsonld_context() -> dict[str, Any]:
    """Return the published JSON-LD ``@context`` (``ontology/context.jsonld``)."""
    text = resources.files("kg.ontology").joinpath("context.jsonld").read_text(encoding="utf-8")
    context: dict[str, Any] = json.loads(text)["@context"]
    return context
