"""Load an RDF export (Turtle, N-Triples, JSON-LD) back into an empty store: the inverse of :mod:`kg.graph.rdf.project`.

Only the qualified nodes, concepts and documents are read; shortcut triples (``kg:progressesTo``,
``esco:relatedEssentialSkill`` ...) and aligned classes are derived and are made again on export.
Everything is written in one transaction: a graph that does not follow ``kg.ttl`` leaves the store empty.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import RdfReadError, StoreError
from kg.graph.types import SKILL
from kg.plugins import require

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node as RdfNode

    from kg.graph.protocols import GraphWriter

__all__ = ["read_rdf", "import_graph", "standard_jsonld_graph", "RDF_FORMATS"]

#: file suffix -> rdflib parser name
RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}


def read_rdf(path: Path) -> Graph:
    """Parse an RDF file into a graph; the format is read from the suffix (.ttl, .nt, .jsonld).

    JSON-LD is read by Oxigraph, a spec-compliant JSON-LD 1.1 processor (rdflib's own reader is lenient:
    it reads ``1.0`` as a double where the standard says integer), so ``kg validate`` and ``kg import``
    see the triples every other tool sees. Nothing is fetched: a JSON-LD ``@context`` must be inline (a
    URL or file reference, or an ``@import``, is refused, since the parser would fetch it).

    Raises:
        RdfReadError: unknown suffix, a context to fetch, or a file that does not parse (named, with the reason).
    """
    require("rdf", "rdflib", "reading RDF")
    from rdflib import Graph

    fmt = RDF_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise RdfReadError(f"cannot tell the RDF format of {path}; use one of: {', '.join(sorted(RDF_FORMATS))}")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RdfReadError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    if fmt == "json-ld":
        _refuse_remote_contexts(text, path)
    try:
        if fmt == "json-ld":
            return standard_jsonld_graph(text, base=Path(path).resolve().as_uri())
        return Graph().parse(data=text, format=fmt, publicID=Path(path).resolve().as_uri())
    except RecursionError as exc:
        raise RdfReadError(f"cannot read {path} as {fmt}: nested too deeply to parse") from exc
    except Exception as exc:  # noqa: BLE001 - rdflib's parsers raise many kinds for a broken file
        reason = " ".join(str(exc).split())[:300] or type(exc).__name__
        raise RdfReadError(f"cannot read {path} as {fmt}: {reason}; check the file's syntax") from exc


def standard_jsonld_graph(text: str, base: str | None = None) -> Graph:
    """Parse JSON-LD text with Oxigraph (the JSON-LD 1.1 algorithms) into an rdflib graph of the same triples.

    Plain strings come back as rdflib's plain literals (no ``xsd:string`` datatype), as the Turtle reader gives them.
    """
    require("rdf", "pyoxigraph", "reading JSON-LD")
    import pyoxigraph as ox
    from rdflib import BNode, Graph, Literal, URIRef

    xsd_string = "http://www.w3.org/2001/XMLSchema#string"

    def term(t: Any) -> RdfNode:
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        if t.language:
            return Literal(t.value, lang=t.language)
        datatype = t.datatype.value
        return Literal(t.value, datatype=None if datatype == xsd_string else URIRef(datatype))

    from kg.graph.rdf.terms import prefixes

    g = Graph()
    for prefix, ns in prefixes().items():
        g.bind(prefix, ns, override=True, replace=True)
    quads = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.JSON_LD, base_iri=base)
    g.addN((term(q.subject), term(q.predicate), term(q.object), g) for q in quads)
    return g


def _refuse_remote_contexts(text: str, path: Path) -> None:
    """Raise :class:`RdfReadError` for JSON that does not parse or names a context rdflib would fetch."""
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise RdfReadError(f"cannot read {path} as json-ld: nested too deeply to parse") from exc
    except ValueError as exc:
        raise RdfReadError(f"cannot read {path} as json-ld: not JSON ({exc})") from exc
    stack: list[Any] = [data]
    while stack:  # iterative: a deeply nested document cannot exhaust the stack here
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "@context" in item:
                _check_context(item["@context"], path)
            stack.extend(v for k, v in item.items() if k != "@context")


def _check_context(context: Any, path: Path) -> None:
    for part in context if isinstance(context, list) else [context]:
        if isinstance(part, str):
            raise RdfReadError(f"{path}: the @context {part!r} is a reference kg would have to fetch; it never "
                              "fetches anything: inline the context in the file")
        if isinstance(part, dict) and "@import" in part:
            raise RdfReadError(f"{path}: the @context imports {part['@import']!r}, which kg would have to fetch; "
                              "it never fetches anything: inline the context in the file")


def import_graph(store: GraphWriter, g: Graph) -> dict[str, int]:
    """Load a graph following ``kg.ttl`` into the empty ``store`` in one transaction; return the counts."""
    if not store.is_empty():
        raise StoreError("the store is not empty; import RDF into a fresh --store file")
    docs = _documents(g)
    nodes = _nodes(g)
    edges, evidence = _facts(g)
    store.load_rows(docs, [row for row, _ in nodes], [(key, row[0]) for row, keys in nodes for key in keys],
                    edges, evidence)
    return {"documents": len(docs), "nodes": len(nodes), "edges": len(edges), "evidence": len(evidence)}


def _documents(g: Graph) -> list[tuple[Any, ...]]:
    from rdflib import RDF
    from rdflib.namespace import DCTERMS

    from kg.graph.rdf.terms import iri_id
    from kg.ontology.namespace import KG, KG_DOC

    rows = []
    for d in sorted(set(g.subjects(RDF.type, KG.Document)), key=str):
        doc_id = iri_id(d, str(KG_DOC))
        if doc_id is None:
            continue
        rows.append((doc_id, _text(g, d, KG.source), _text(g, d, KG.fileName), _text(g, d, DCTERMS.title),
                     _text(g, d, KG.loadedAt), int(_value(g, d, KG.characters) or 0)))
    return rows


def _nodes(g: Graph) -> list[tuple[tuple[Any, ...], set[str]]]:
    from rdflib import RDF, SKOS

    from kg.graph.rdf.terms import NODE_CLASSES, NODE_PROPS, PAY_PERIODS, iri_id
    from kg.graph.types import CERTIFICATION
    from kg.ontology.names import normalize
    from kg.ontology.namespace import KG, KG_ID, SCHEMA

    periods = {iso: word for word, iso in PAY_PERIODS.items()}
    out = []
    for type_, cls in NODE_CLASSES.items():
        for s in sorted(set(g.subjects(RDF.type, cls)), key=str):
            node_id = iri_id(s, str(KG_ID))
            if node_id is None:
                continue
            name = _text(g, s, SKOS.prefLabel)
            aliases = sorted(str(a) for a in g.objects(s, SKOS.altLabel))
            props: dict[str, Any] = {}
            for key, predicate in NODE_PROPS[type_].items():
                value = _value(g, s, predicate)
                if predicate == KG.payPeriod and g.value(s, predicate) is not None:
                    lexical = str(g.value(s, predicate))
                    value = periods.get(lexical, lexical)
                if value is not None:
                    props[key] = value
            issuer = g.value(s, SCHEMA.recognizedBy)
            if type_ == CERTIFICATION and issuer is not None:
                props["issuer"] = _text(g, issuer, SCHEMA.name)
            category = g.value(s, SKOS.broader)
            if type_ == SKILL and category is not None:
                props["category"] = _text(g, category, SKOS.prefLabel)
            extra = _value(g, s, KG.properties)
            if extra is not None:
                props.update(json.loads(str(extra)))
            row = (node_id, type_, name, json.dumps(aliases, ensure_ascii=False),
                   json.dumps(props, sort_keys=True, ensure_ascii=False))
            keys = {normalize(n) for n in (node_id.replace("-", " "), name, *aliases)} - {""}
            out.append((row, keys))
    return out


def _facts(g: Graph) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    from rdflib import RDF
    from rdflib.namespace import PROV

    from kg.graph.rdf.terms import EVIDENCE_PROPS, FACT_TERMS
    from kg.graph.types import REL_TYPES
    from kg.ontology.namespace import KG, KG_DOC

    edges: list[tuple[Any, ...]] = []
    evidence: list[tuple[Any, ...]] = []
    for type_, terms in FACT_TERMS.items():
        for f in sorted(set(g.subjects(RDF.type, terms.cls)), key=str):
            src = _key(g.value(f, terms.src))
            dst = _key(g.value(f, terms.dst)) if terms.dst is not None else ""
            if src is None or dst is None:
                raise StoreError(f"{f} ({type_}) lacks its {terms.src} or {terms.dst} link; the graph is broken")
            if type_ in REL_TYPES:
                edges.append((type_, src, dst, float(_value(g, f, KG.weight) or 0.0),
                              int(bool(_value(g, f, KG.required))), int(_value(g, f, KG.documentCount) or 0)))
            for ev in sorted(g.objects(f, KG.evidence), key=str):
                doc_id = _key(g.value(ev, PROV.wasDerivedFrom), str(KG_DOC))
                props = {k: v for k, p in EVIDENCE_PROPS.items() if (v := _value(g, ev, p)) is not None}
                extra = _value(g, ev, KG.properties)
                if extra is not None:
                    props.update(json.loads(str(extra)))
                evidence.append((doc_id, type_, src, dst, _text(g, ev, KG.quote), int(_value(g, ev, KG.start) or 0),
                                 int(_value(g, ev, KG.end) or 0), int(bool(_value(g, ev, KG.required))),
                                 float(_value(g, ev, KG.strength) or 0.0),
                                 json.dumps(props, sort_keys=True, ensure_ascii=False)))
    return edges, evidence


def _key(term: RdfNode | None, namespace: str | None = None) -> str | None:
    from kg.graph.rdf.terms import iri_id
    from kg.ontology.namespace import KG_DOC, KG_ID

    if term is None:
        return None
    for ns in (namespace,) if namespace else (str(KG_ID), str(KG_DOC)):
        found = iri_id(term, ns)
        if found is not None:
            return found
    return None


def _value(g: Graph, s: RdfNode, p: RdfNode) -> Any:
    from rdflib import Literal

    o = g.value(s, p)
    return o.toPython() if isinstance(o, Literal) else None


def _text(g: Graph, s: RdfNode, p: RdfNode) -> str:
    o = g.value(s, p)
    return "" if o is None else str(o)
