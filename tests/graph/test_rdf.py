"""The RDF mirror: closed vocabulary, round trips, determinism, ESCO links and SHACL validation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL

from kg.errors import StoreError
from kg.graph.examples import tiny_store
from kg.graph.export.registry import export
from kg.graph.rdf.project import esco_links, jsonld_context, store_graph
from kg.graph.rdf.read import import_graph, read_rdf
from kg.graph.rdf.shacl import validate_graph, validate_store
from kg.graph.rdf.terms import node_iri, prefixes
from kg.graph.store import SQLiteStore
from kg.ontology.namespace import ESCO, KG
from tests.data import NO_SHARED_REASON, REPO, SEEDS

FORMATS = ("ttl", "nt", "jsonld")


def test_namespace_class_matches_kg_ttl() -> None:
    g = Graph().parse(REPO / "ontology" / "kg.ttl")
    ns = str(KG._NS)
    in_ttl = {str(s)[len(ns):] for s in g.subjects(RDF.type, None) if str(s).startswith(ns)}
    in_class = set(KG.__annotations__)
    assert in_ttl == in_class
    for term in in_ttl:
        kinds = set(g.objects(KG[term], RDF.type))
        assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, term


def test_namespace_is_closed() -> None:
    with pytest.raises(AttributeError, match="not in namespace"):
        KG.hasEssentialSkill  # noqa: B018 - the point is that the lookup fails


def test_published_context_holds_the_export_prefixes_and_the_coercions() -> None:
    from kg.graph.rdf.jsonld import build_context

    published = json.loads((REPO / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert published == build_context() == jsonld_context()
    assert {k: v for k, v in published.items() if isinstance(v, str)} == prefixes()
    assert published["kg:weight"] == {"@id": "kg:weight", "@type": "xsd:double"}
    assert published["skos:prefLabel"] == {"@id": "skos:prefLabel", "@language": "en"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_tiny_store_is_isomorphic(tmp_path: Path, fmt: str) -> None:
    _assert_round_trip(tiny_store(), tmp_path, fmt)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_corpus_store_is_isomorphic(corpus_store: SQLiteStore, tmp_path: Path, fmt: str) -> None:
    _assert_round_trip(corpus_store, tmp_path, fmt)


def _assert_round_trip(store: SQLiteStore, tmp_path: Path, fmt: str) -> None:
    first = tmp_path / f"first.{fmt}"
    export(store, fmt, first)
    with SQLiteStore(tmp_path / "again.sqlite") as again:
        counts = import_graph(again, read_rdf(first))
        assert counts["edges"] == sum(1 for _ in store.edges())
        assert counts["evidence"] == sum(1 for _ in store.all_evidence())
        second = tmp_path / f"second.{fmt}"
        export(again, fmt, second)
        assert isomorphic(read_rdf(first), read_rdf(second))
        assert isomorphic(store_graph(store), store_graph(again))
        assert [n.id for n in again.nodes()] == [n.id for n in store.nodes()]


def test_odd_ids_are_percent_encoded_and_come_back(tmp_path: Path) -> None:
    store = tiny_store()
    store.conn.execute("UPDATE node SET id='c#/x y' WHERE id='python'")
    for table, col in (("edge", "dst"), ("evidence", "src"), ("evidence", "dst")):
        store.conn.execute(f"UPDATE {table} SET {col}='c#/x y' WHERE {col}='python'")
    assert str(node_iri("c#/x y")).endswith("/id/c%23%2Fx%20y")
    with SQLiteStore(tmp_path / "s.sqlite") as again:
        import_graph(again, store_graph(store))
        assert again.node("c#/x y") is not None
        assert isomorphic(store_graph(store), store_graph(again))


def test_import_refuses_a_store_that_is_not_empty() -> None:
    with pytest.raises(StoreError, match="not empty"):
        import_graph(tiny_store(), store_graph(tiny_store()))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_two_exports_are_byte_identical_even_across_processes(corpus_store_path: Path, tmp_path: Path,
                                                              fmt: str) -> None:
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.{fmt}"
        code = ("import sys; from kg.graph.store import SQLiteStore; from kg.graph.export.registry import export; "
                "export(SQLiteStore(sys.argv[1], create=False), sys.argv[2], sys.argv[3])")
        subprocess.run([sys.executable, "-c", code, str(corpus_store_path), fmt, str(out)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_required_skills_are_esco_essential_and_preferred_ones_optional() -> None:
    g = store_graph(tiny_store())
    assert (node_iri("cto"), ESCO.relatedEssentialSkill, node_iri("budgeting")) in g
    assert (node_iri("cto"), ESCO.relatedOptionalSkill, node_iri("hiring")) in g
    assert (node_iri("engineer"), KG.progressesTo, node_iri("manager")) in g


def test_esco_links_name_curated_concepts_and_esco_uris() -> None:
    from kg.ontology.vocab import load_vocabulary

    vocab = load_vocabulary()
    raw = tomllib.loads((REPO / "ontology" / "vocab" / "esco_links.toml").read_text(encoding="utf-8"))
    assert raw, "no ESCO links"
    for concept_id, links in esco_links().items():
        assert vocab.get(concept_id) is not None, f"{concept_id} is not a curated concept"
        for uri in links["exact_match"] + links["close_match"]:
            assert uri.startswith(("http://data.europa.eu/esco/occupation/", "http://data.europa.eu/esco/skill/"))


def test_corpus_graph_links_to_esco(corpus_store: SQLiteStore) -> None:
    from rdflib import SKOS

    g = store_graph(corpus_store, evidence=False)
    matches = list(g.triples((None, SKOS.exactMatch, None)))
    assert matches and all(str(o).startswith("http://data.europa.eu/esco/") for _, _, o in matches)


@pytest.mark.slow
def test_corpus_graph_conforms_to_the_shapes(corpus_store: SQLiteStore) -> None:
    report = validate_store(corpus_store)
    assert report.conforms, [str(v) for v in report.violations[:10]]


@pytest.mark.skipif(not SEEDS.is_dir(), reason=NO_SHARED_REASON)
@pytest.mark.slow
def test_seed_graph_conforms_to_the_shapes(tmp_path: Path) -> None:
    from kg.graph.ingest.build import build

    with SQLiteStore(tmp_path / "seeds.sqlite") as store:
        report = build(store, [SEEDS], workers=1)
        assert report.count("added") == 5
        result = validate_store(store)
    assert result.conforms, [str(v) for v in result.violations[:10]]


def test_a_broken_graph_gives_readable_violations() -> None:
    g = store_graph(tiny_store())
    g.set((node_iri("cto"), KG.seniority, Literal(9)))  # seniority runs 0..6
    req = next(g.subjects(RDF.type, KG.SkillRequirement))
    g.remove((req, KG.skill, None))  # a requirement without its skill
    report = validate_graph(g)
    assert not report.conforms
    text = "\n".join(map(str, report.violations))
    assert "kgid:cto kg:seniority: seniority must be one integer from 0 (entry) to 6 (C-level) (value: 9)" in text
    assert "kg:skill: a skill requirement needs exactly one kg:skill" in text


def test_removed_fact_types_fail_loudly_on_export() -> None:
    from kg.errors import ExportError

    store = tiny_store()
    store.conn.execute("UPDATE evidence SET type='INVENTED' WHERE type='MENTIONED_IN'")
    with pytest.raises(ExportError, match="INVENTED"):
        store_graph(store)


def test_projection_without_evidence_has_no_quotes() -> None:
    g = store_graph(tiny_store(), evidence=False)
    assert not list(g.triples((None, KG.quote, None)))
    assert (None, RDF.type, KG.Evidence) not in g
    assert isinstance(next(g.objects(None, KG.weight)), Literal)
    assert all(isinstance(s, URIRef) for s in g.subjects())


@pytest.mark.parametrize("name, text, message", [
    ("graph.xml", "<rdf/>", "cannot tell the RDF format"),  # a suffix that names no RDF syntax
    ("graph.ttl", "this is { not turtle", "cannot read .* as turtle"),  # text that does not parse
])
def test_unreadable_rdf_raises_rdf_read_error(tmp_path, name: str, text: str, message: str) -> None:
    from kg.errors import ExportError, RdfReadError

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RdfReadError, match=message) as info:
        read_rdf(path)
    assert not isinstance(info.value, ExportError)  # reading is not exporting
