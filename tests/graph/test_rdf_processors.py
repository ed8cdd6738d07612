"""Every RDF export reads as the same triples in independent processors: rdflib, Oxigraph and (JSON-LD) pyld.

The issue this answers: spec-compliant JSON-LD processors read ``"kg:weight": 1.0`` as an integer when the
context does not coerce it, and ``kg validate`` hid that by reading JSON-LD with rdflib's lenient parser.
Here each export is read by each processor and compared with the Turtle export, datatypes included, and
SHACL runs on what each of them read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import RDF, Graph, Literal, URIRef

from kg.graph.examples import tiny_store
from kg.graph.export.registry import export
from kg.graph.rdf.read import read_rdf
from kg.graph.rdf.shacl import validate_graph
from kg.graph.rdf.terms import DATATYPES
from kg.graph.store import SQLiteStore
from kg.ontology.namespace import KG, SCHEMA

OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
Triples = set[tuple[str, str, str]]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory, corpus_store_path: Path) -> dict[str, dict[str, Path]]:
    out: dict[str, dict[str, Path]] = {}
    with SQLiteStore(corpus_store_path, create=False) as corpus_store:
        for name, store in (("tiny", tiny_store()), ("corpus", corpus_store)):
            folder = tmp_path_factory.mktemp(name)
            out[name] = {}
            for fmt in OX_FORMATS:
                export(store, fmt, folder / f"g.{fmt}")
                out[name][fmt] = folder / f"g.{fmt}"
    return out


def oxigraph(path: Path, fmt: str) -> Triples:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in ox.parse(path=path, format=OX_FORMATS[fmt])}


def pyld(path: Path) -> Triples:
    nquads = jsonld.to_rdf(json.loads(path.read_text(encoding="utf-8")), {"format": "application/n-quads"})
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)}


def rdflib(path: Path, fmt: str) -> set[tuple[str, str, str]]:
    return {(s.n3(), p.n3(), o.n3()) for s, p, o in Graph().parse(path, format=RDFLIB_FORMATS[fmt])}


def as_rdflib(triples: Triples) -> Graph:
    """Oxigraph's reading as an rdflib graph (so pySHACL can check it and rdflib's literal forms compare)."""
    return Graph().parse(data="".join(" ".join(t) + " .\n" for t in triples), format="nt")


@pytest.mark.parametrize("which", ["tiny", pytest.param("corpus", marks=pytest.mark.slow)])
def test_every_export_reads_as_the_turtle_triples_in_every_processor(exports: dict[str, dict[str, Path]],
                                                                       which: str) -> None:
    files = exports[which]
    turtle = oxigraph(files["ttl"], "ttl")
    assert len(turtle) > 50
    assert oxigraph(files["nt"], "nt") == turtle
    assert oxigraph(files["jsonld"], "jsonld") == turtle  # Oxigraph: JSON-LD 1.1
    assert pyld(files["jsonld"]) == turtle  # pyld: the reference JSON-LD API implementation in Python
    reference = rdflib(files["ttl"], "ttl")
    assert rdflib(files["nt"], "nt") == reference
    assert rdflib(files["jsonld"], "jsonld") == reference
    assert {(s.n3(), p.n3(), o.n3()) for s, p, o in as_rdflib(turtle)} == reference  # rdflib agrees with Oxigraph


def test_typed_properties_keep_their_datatype_in_json_ld(exports: dict[str, dict[str, Path]]) -> None:
    seen: set[str] = set()
    for _, p, o in oxigraph(exports["corpus"]["jsonld"], "jsonld"):
        predicate = URIRef(p[1:-1])
        if predicate in DATATYPES:
            assert o.endswith(f"^^<{DATATYPES[predicate]}>"), (p, o)
            seen.add(p)
    assert {f"<{KG.weight}>", f"<{KG.strength}>", f"<{SCHEMA.minValue}>", f"<{KG.documentCount}>"} <= seen


@pytest.mark.slow
@pytest.mark.parametrize("reader", ["rdflib-ttl", "rdflib-jsonld", "oxigraph-jsonld", "pyld-jsonld", "kg-jsonld"])
def test_shacl_conforms_on_what_each_processor_reads(exports: dict[str, dict[str, Path]], reader: str) -> None:
    files = exports["corpus"]
    if reader == "rdflib-ttl":
        g = Graph().parse(files["ttl"], format="turtle")
    elif reader == "rdflib-jsonld":
        g = Graph().parse(files["jsonld"], format="json-ld")
    elif reader == "oxigraph-jsonld":
        g = as_rdflib(oxigraph(files["jsonld"], "jsonld"))
    elif reader == "pyld-jsonld":
        g = as_rdflib(pyld(files["jsonld"]))
    else:
        g = read_rdf(files["jsonld"])  # what `kg validate FILE` and `kg import` read
    report = validate_graph(g)
    assert report.conforms, [str(v) for v in report.violations[:5]]


def test_kg_reads_json_ld_as_a_standard_processor_does(exports: dict[str, dict[str, Path]], tmp_path: Path) -> None:
    """Without the coercions a JSON number 1.0 is an xsd:integer to the standard: kg validate must see that."""
    doc = json.loads(exports["tiny"]["jsonld"].read_text(encoding="utf-8"))
    doc["@context"] = {k: v for k, v in doc["@context"].items() if isinstance(v, str)}  # prefixes only
    for item in doc["@graph"]:
        if "kg:weight" in item:
            item["kg:weight"] = 1.0
    old_style = tmp_path / "old.jsonld"
    old_style.write_text(json.dumps(doc), encoding="utf-8")
    weights = list(read_rdf(old_style).objects(None, KG.weight))
    assert weights and all(w.datatype == URIRef("http://www.w3.org/2001/XMLSchema#integer") for w in weights)
    report = validate_graph(read_rdf(old_style))
    assert not report.conforms and any(v.path == "kg:weight" and v.value == "1" for v in report.violations)


def test_schema_org_consumers_find_every_role_and_its_occupation_properties(
        exports: dict[str, dict[str, Path]]) -> None:
    store = ox.Store()
    store.load(path=exports["corpus"]["ttl"], format=ox.RdfFormat.TURTLE)

    def count(where: str) -> int:
        q = (f"PREFIX kg: <{KG._NS}> PREFIX schema: <https://schema.org/> "
             f"SELECT (COUNT(DISTINCT ?r) AS ?n) {{ {where} }}")
        return int(next(iter(store.query(q)))["n"].value)

    roles = count("?r a kg:Role")
    assert roles > 10 and count("?r a schema:Occupation") == roles
    assert count("?r a kg:Role ; schema:skills ?s") > 0
    assert count("?r schema:estimatedSalary ?m . ?m a schema:MonetaryAmount ; schema:minValue ?lo ; "
                 "schema:maxValue ?hi ; schema:currency ?c") > 0
    assert count("?r schema:median ?x") == 0 and count("?r a schema:MonetaryAmountDistribution") == 0
    assert count("?r kg:payPeriod ?p FILTER(datatype(?p) = <http://www.w3.org/2001/XMLSchema#duration>)") > 0
    assert count("?r schema:recognizedBy ?o . ?o a schema:Organization ; schema:name ?n") > 0
    assert count("?r schema:educationRequirements ?d . ?d a kg:Degree") > 0


def test_labels_carry_a_language_tag_and_properties_no_nulls(exports: dict[str, dict[str, Path]]) -> None:
    g = read_rdf(exports["corpus"]["ttl"])
    labels = list(g.objects(None, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")))
    assert labels and all(isinstance(x, Literal) and x.language == "en" for x in labels)
    for value in g.objects(None, KG.properties):
        assert None not in json.loads(str(value)).values(), str(value)


def test_document_sources_are_never_machine_paths(exports: dict[str, dict[str, Path]]) -> None:
    g = read_rdf(exports["corpus"]["ttl"])
    sources = [str(s) for s in g.objects(None, KG.source)]
    assert len(sources) == len(set(g.subjects(RDF.type, KG.Document))) > 0
    assert all(s.startswith("kg:corpus/") and "/" not in s[len("kg:corpus/"):] for s in sources), sources[:3]
