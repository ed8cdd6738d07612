"""Streamed exports (GraphML, N-Triples, Turtle) say the same as the in-memory projections they replace."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.errors import ExportError
from kg.graph.examples import tiny_store
from kg.graph.export.registry import export
from kg.graph.rdf.project import store_graph
from kg.graph.rdf.read import import_graph, read_rdf
from kg.graph.rdf.terms import canonical_double
from kg.graph.store import SQLiteStore
from tests.data import store_as_networkx

# ------------------------------------------------------------------ GraphML


def _expected_networkx(store: SQLiteStore) -> nx.MultiDiGraph:
    """The networkx graph with lists and dicts as sorted JSON and ``None`` left out, as GraphML stores them."""
    graph = store_as_networkx(store)
    for _, data in graph.nodes(data=True):
        for key, value in list(data.items()):
            if value is None:
                del data[key]
            elif isinstance(value, list | dict):
                data[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return graph


def _assert_same_networkx(read: nx.MultiDiGraph, expected: nx.MultiDiGraph) -> None:
    assert dict(read.nodes(data=True)) == dict(expected.nodes(data=True))
    edges: dict[tuple[Any, ...], dict[str, Any]] = {(u, v, k): d for u, v, k, d in read.edges(keys=True, data=True)}
    assert edges == {(u, v, k): d for u, v, k, d in expected.edges(keys=True, data=True)}


@pytest.mark.parametrize("which", ["tiny", "corpus"])
def test_graphml_loads_into_the_networkx_projection(request: pytest.FixtureRequest, tmp_path: Path,
                                                   which: str) -> None:
    store = tiny_store() if which == "tiny" else request.getfixturevalue("corpus_store")
    out = tmp_path / "g.graphml"
    export(store, "graphml", out)
    read = nx.read_graphml(out, force_multigraph=True)
    _assert_same_networkx(read, _expected_networkx(store))
    assert read.number_of_edges() == sum(1 for _ in store.edges()) > 0


def test_graphml_keeps_odd_text_types_and_bare_ends(tmp_path: Path) -> None:
    store = tiny_store()
    odd = 'a & b < "c" \'d\'\r\n\ttab é'
    store.conn.execute("UPDATE node SET name=?, props=? WHERE id='python'",
                       (odd, json.dumps({"count": 3, "share": 0.25, "flag": False, "tags": ["x", "y"], "gone": None,
                                         "n": 1e-07, "mixed": "text"})))
    store.conn.execute("UPDATE node SET props=? WHERE id='budgeting'", (json.dumps({"mixed": 2}),))
    store.conn.execute("INSERT INTO edge(type, src, dst, weight, required, doc_count)"
                       " VALUES ('REQUIRES_SKILL', 'cto', 'nowhere <x>', 0.5, 0, 1)")
    out = tmp_path / "g.graphml"
    export(store, "graphml", out)
    read = nx.read_graphml(out, force_multigraph=True)
    _assert_same_networkx(read, _expected_networkx(store))
    assert read.nodes["python"]["name"] == odd
    assert read.nodes["budgeting"]["mixed"] == 2 and read.nodes["python"]["mixed"] == "text"


def test_graphml_refuses_a_property_it_cannot_store() -> None:
    from kg.graph.export.graphml import node_attributes
    from kg.graph.model import Node

    with pytest.raises(ExportError, match="'when' holds a bytes"):
        node_attributes(Node("x", "Skill", "X", (), {"when": b"raw"}))


# ------------------------------------------------------------------ N-Triples and Turtle

RDF_STREAMED = ("nt", "ttl")


@pytest.mark.parametrize("fmt", RDF_STREAMED)
@pytest.mark.parametrize("which", ["tiny", pytest.param("corpus", marks=pytest.mark.slow)])
def test_streamed_rdf_is_isomorphic_to_the_in_memory_projection(request: pytest.FixtureRequest, tmp_path: Path,
                                                                which: str, fmt: str) -> None:
    store = tiny_store() if which == "tiny" else request.getfixturevalue("corpus_store")
    out = tmp_path / f"g.{fmt}"
    export(store, fmt, out)
    assert isomorphic(read_rdf(out), store_graph(store))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", RDF_STREAMED)
def test_streamed_rdf_round_trips_through_the_importer(corpus_store: SQLiteStore, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    export(corpus_store, fmt, out)
    with SQLiteStore(tmp_path / "again.sqlite") as again:
        counts = import_graph(again, read_rdf(out))
        assert counts["evidence"] == sum(1 for _ in corpus_store.all_evidence())
        assert isomorphic(store_graph(again), store_graph(corpus_store))


@pytest.mark.slow
def test_ntriples_lines_are_the_rdflib_lines_without_repeats(corpus_store: SQLiteStore, tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    export(corpus_store, "nt", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines))
    reference = store_graph(corpus_store).serialize(format="nt", encoding="utf-8").decode("utf-8")
    # rdflib writes doubles as Python prints them ("0.8"); kg writes the canonical form JSON-LD gives ("8.0E-1")
    xsd_double = "<http://www.w3.org/2001/XMLSchema#double>"
    double = re.compile(r'"([^"]*)"\^\^' + re.escape(xsd_double))
    canonical = [double.sub(lambda m: f'"{canonical_double(float(m[1]))}"^^{xsd_double}', line)
                 for line in reference.splitlines() if line.strip()]
    assert sorted(lines) == sorted(canonical)
    assert any('"1.0E0"^^<http://www.w3.org/2001/XMLSchema#double>' in line for line in lines)


@pytest.mark.parametrize("fmt", RDF_STREAMED)
def test_streamed_rdf_escapes_odd_text(tmp_path: Path, fmt: str) -> None:
    store = tiny_store()
    odd = 'say "hi"\\ \r\n\ttab é \U0001f600'
    store.conn.execute("UPDATE node SET name=?, aliases=? WHERE id='python'", (odd, json.dumps([odd + " 2"])))
    store.conn.execute("UPDATE evidence SET quote=?", (odd,))
    out = tmp_path / f"g.{fmt}"
    export(store, fmt, out)
    assert isomorphic(read_rdf(out), store_graph(store))


@pytest.mark.parametrize("fmt", RDF_STREAMED)
def test_streamed_rdf_refuses_an_iri_it_cannot_write(tmp_path: Path, fmt: str) -> None:
    store = tiny_store()
    store.conn.execute("UPDATE node SET props=? WHERE id='python'",
                       (json.dumps({"exact_match": ["http://example.org/a b"]}),))
    with pytest.raises(ExportError, match="example.org/a b"):
        export(store, fmt, tmp_path / f"g.{fmt}")


def test_turtle_uses_the_published_prefixes(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    export(tiny_store(), "ttl", out)
    text = out.read_text(encoding="utf-8")
    assert "@prefix kgid: <" in text
    assert "\nkgid:cto a esco:Occupation, kg:Role, schema:Occupation, skos:Concept ;\n" in text
    assert dict(Graph().parse(out).namespaces())["kg"] == dict(store_graph(tiny_store()).namespaces())["kg"]
