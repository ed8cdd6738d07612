"""The SPARQL engines on real stores: the persistent Oxigraph store (reuse, rebuild, half-built caches), the
full graph it holds, parameter binding, and the W3C result formats read back by a second library."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.query import Result

from kg.errors import ExportError, SparqlError
from kg.graph.examples import tiny_store
from kg.graph.ingest.build import build
from kg.graph.rdf.oxistore import MARKER, OXIGRAPH_SUFFIX, open_oxigraph, oxigraph_key
from kg.graph.rdf.terms import node_iri
from kg.graph.rdf.write import export_ntriples
from kg.graph.store import SQLiteStore
from kg.queries.library.sparql import library
from kg.queries.library.sparql_engine import (
    OxigraphEngine,
    RdflibEngine,
    ask,
    bind_params,
    node_term,
    sparql_oxigraph,
    sparql_rdflib,
    where_start,
)
from kg.queries.library.sparql_format import render
from kg.queries.unlock import unlock
from tests.data import LADDER_MD, SENIOR_MD

pytest.importorskip("pyoxigraph")

KG_PREFIX = "PREFIX kg: <https://w3id.org/career-kg/ontology#>\n"


def _store(folder: Path, *docs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(docs or (LADDER_MD,)):
        paths.append(folder / f"doc-{i}.md")
        paths[-1].write_text(text, encoding="utf-8")
    path = folder / "kg.sqlite"
    with SQLiteStore(path) as s:
        assert not build(s, paths, workers=1).skipped
    return path


def _builds(path: Path) -> list[str]:
    notes: list[str] = []
    with SQLiteStore(path, create=False) as s:
        open_oxigraph(s, progress=notes.append)
    return notes


def _triples_of_oxigraph(ox: object) -> Graph:
    import pyoxigraph

    data = pyoxigraph.serialize(ox.query("CONSTRUCT WHERE { ?s ?p ?o }"),  # type: ignore[attr-defined]
                                format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def test_the_store_is_built_once_and_reused(tmp_path: Path) -> None:
    path = _store(tmp_path)
    first = _builds(path)
    assert first[0].startswith("building the SPARQL store") and first[-1].startswith("built the SPARQL store")
    assert _builds(path) == []  # reused: no build, no note
    folders = [p.name for p in Path(str(path) + OXIGRAPH_SUFFIX).iterdir()]
    assert len(folders) == 1 and (Path(str(path) + OXIGRAPH_SUFFIX) / folders[0] / MARKER).is_file()


def test_a_change_of_the_store_rebuilds_it_and_drops_the_old_one(tmp_path: Path) -> None:
    path = _store(tmp_path)
    _builds(path)
    with SQLiteStore(path, create=False) as s:
        old = oxigraph_key(s)
        assert not sparql_oxigraph(s, "ASK { ?r <http://www.w3.org/2004/02/skos/core#prefLabel> ?n . "
                                   'FILTER(STR(?n) = "Mentoring") }').boolean
    (tmp_path / "senior.md").write_text(SENIOR_MD, encoding="utf-8")
    with SQLiteStore(path) as s:
        build(s, [tmp_path / "doc-0.md", tmp_path / "senior.md"], workers=1)
    assert _builds(path)[0].startswith("building")
    with SQLiteStore(path, create=False) as s:
        new = oxigraph_key(s)
        found = sparql_oxigraph(s, "SELECT ?id WHERE { ?r a <https://w3id.org/career-kg/ontology#Role> ; "
                                "<http://purl.org/dc/terms/identifier> ?id }")
        assert "senior-platform-engineer" in [r["id"] for r in found.rows]
    assert new != old
    assert [p.name for p in Path(str(path) + OXIGRAPH_SUFFIX).iterdir()] == [new]


def test_a_half_built_store_is_never_opened(tmp_path: Path) -> None:
    path = _store(tmp_path)
    cache = Path(str(path) + OXIGRAPH_SUFFIX)
    with SQLiteStore(path, create=False) as s:
        key = oxigraph_key(s)
    (cache / key / "db").mkdir(parents=True)  # the folder of the right key, but no completion marker
    (cache / key / "db" / "CURRENT").write_text("garbage\n")
    dead = cache / ".build-999999999-x"  # left by a build whose process died
    dead.mkdir()
    notes = _builds(path)
    assert notes and notes[0].startswith("building")
    assert (cache / key / MARKER).is_file() and not dead.exists()
    with SQLiteStore(path, create=False) as s:
        assert sparql_oxigraph(s, "ASK { ?s ?p ?o }").boolean is True


def test_it_holds_exactly_the_triples_of_the_export(tmp_path: Path, corpus_store: SQLiteStore) -> None:
    for store in (tiny_store(), corpus_store):
        out = tmp_path / "export.nt"
        export_ntriples(store, out)
        exported = Graph().parse(out, format="nt")
        loaded = _triples_of_oxigraph(open_oxigraph(store, cache_dir=tmp_path / "cache"))
        assert len(loaded) == len(exported) > 0
        assert set(loaded) == set(exported)
    rows = sparql_oxigraph(corpus_store, KG_PREFIX + "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
                           "SELECT DISTINCT ?doc WHERE { ?f a kg:SkillRequirement ; kg:role ?r ; kg:evidence ?e . "
                           "?e prov:wasDerivedFrom ?doc }", {"r": "ml-engineer"}).rows
    assert rows, "evidence and documents are in the graph"


@pytest.mark.parametrize("store_name", ["tiny", pytest.param("corpus", marks=pytest.mark.slow)])
def test_every_library_question_gives_the_same_answer_on_both_engines(store_name: str,
                                                                       corpus_store: SQLiteStore) -> None:
    store = tiny_store() if store_name == "tiny" else corpus_store
    roles = [n.id for n in store.nodes("Role")][:6]
    skills = [n.id for n in store.nodes("Skill")][:6]
    for name, qdef in library().items():
        nodes = {p: k for p, (k, _) in qdef.params.items() if k in ("Role", "Skill")}  # the others keep defaults
        kinds = list(nodes.values())
        values = [roles if k == "Role" else skills for k in kinds] or [[None]]
        combos = [dict(zip(nodes, (a, b)[:len(kinds)], strict=True))
                  for a in values[0] for b in (values[1] if len(values) > 1 else [None])]
        for params in combos:
            ox, rd = sparql_oxigraph(store, name, params), sparql_rdflib(store, name, params)
            assert ox == rd, (name, params)
    for role in roles:
        expected = [(r.item.id, r.required, r.weight, r.documents) for r in unlock(store, role).skills]
        rows = sparql_oxigraph(store, "unlock", {"role": role}).rows
        assert [(r["id"], r["required"], r["weight"], r["documents"]) for r in rows] == expected


def test_an_ad_hoc_parameter_naming_a_node_is_its_iri(corpus_store: SQLiteStore) -> None:
    assert bind_params(corpus_store, "SELECT * {}", {"r": "MLE"})["r"] == node_term("ml-engineer")  # an alias
    assert bind_params(corpus_store, "SELECT * {}", {"r": "ml-engineer"})["r"]["value"] == str(node_iri("ml-engineer"))
    assert bind_params(corpus_store, "SELECT * {}", {"r": '"MLE"'})["r"] == {"type": "literal", "value": "MLE"}
    assert bind_params(corpus_store, "SELECT * {}", {"r": "no such thing"})["r"]["type"] == "literal"
    assert bind_params(corpus_store, "SELECT * {}", {"r": "<https://example.org/x>"})["r"]["type"] == "uri"
    text = KG_PREFIX + "SELECT ?skill WHERE { ?r kg:requiresSkill ?skill } ORDER BY ?skill"
    by_alias = sparql_oxigraph(corpus_store, text, {"r": "MLE"}).rows
    by_id = sparql_rdflib(corpus_store, text, {"r": "ml-engineer"}).rows
    assert by_alias == by_id and len(by_alias) == len(unlock(corpus_store, "ml-engineer").skills)


def test_a_name_full_of_sparql_stays_a_value() -> None:
    store = tiny_store()
    evil = 'cto> } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    text = "SELECT ?s WHERE { ?s ?p ?name }"
    for run in (sparql_oxigraph, sparql_rdflib):
        assert run(store, text, {"name": evil}).rows == ()
        assert run(store, "ASK { ?s ?p ?o }").boolean is True
    with pytest.raises(SparqlError, match="unknown|cannot be bound"):
        sparql_oxigraph(store, text, {"name": "<http://x/ bad>"})


def test_where_start_skips_strings_iris_comments_and_templates() -> None:
    q = '# { comment\nPREFIX a: <http://x/{>\nCONSTRUCT { ?s ?p "}" } WHERE { ?s ?p ?o }'
    assert q[where_start(q):] == " ?s ?p ?o }"
    assert where_start("ASK { ?s ?p ?o }") == 5
    assert where_start("CONSTRUCT WHERE { ?s ?p ?o }") == len("CONSTRUCT WHERE {")


def test_formats_parse_with_a_second_library(corpus_store: SQLiteStore) -> None:
    engine = OxigraphEngine(corpus_store)
    answer = ask(engine, corpus_store, "unlock", {"role": "MLE"})
    expected = [r["id"] for r in answer.result().rows]
    parsed = Result.parse(io.BytesIO(render(answer, "json").encode()), format="json")
    assert [str(row["id"]) for row in parsed] == expected  # type: ignore[index]
    assert json.loads(render(answer, "json"))["head"]["vars"] == list(answer.columns)
    rows = list(csv.DictReader(io.StringIO(render(answer, "csv"))))
    assert [r["id"] for r in rows] == expected and {r["required"] for r in rows} <= {"true", "false"}
    parsed = Result.parse(io.StringIO(render(answer, "csv")), format="csv")
    assert [str(row["id"]) for row in parsed] == expected  # type: ignore[index]
    parsed = Result.parse(io.StringIO(render(answer, "tsv")), format="tsv")
    assert [row["id"].toPython() for row in parsed] == expected  # type: ignore[index]
    table = render(answer, "table").splitlines()
    assert table[0].split() == list(answer.columns)
    assert "True" not in render(answer, "table") and " true " in render(answer, "table")
    yes = ask(engine, corpus_store, "path-exists", {"from": "ml-engineer", "to": "cto"})
    assert render(yes, "table") == "true\n" and render(yes, "csv") == "true\n"
    assert Result.parse(io.StringIO(render(yes, "json")), format="json").askAnswer is True


@pytest.mark.parametrize("engine", [OxigraphEngine, RdflibEngine])
def test_construct_and_describe_give_turtle_rdflib_reads(corpus_store: SQLiteStore, engine: type) -> None:
    e = engine(corpus_store)
    text = KG_PREFIX + "CONSTRUCT { ?r kg:requiresSkill ?s } WHERE { ?r kg:requiresSkill ?s }"
    construct = ask(e, corpus_store, text, {"r": "ml-engineer"})
    g = Graph().parse(data=render(construct, "table"), format="turtle")
    assert len(g) == len(unlock(corpus_store, "ml-engineer").skills)
    with pytest.raises(SparqlError, match="Turtle"):
        render(construct, "csv")
    describe = ask(e, corpus_store, "DESCRIBE <https://w3id.org/career-kg/id/ml-engineer>", {})
    assert len(Graph().parse(data=render(describe, "table"), format="turtle")) > 5


def test_a_read_only_folder_builds_in_a_temporary_folder(tmp_path: Path) -> None:
    path = _store(tmp_path / "ro")
    if os.geteuid() == 0:
        pytest.skip("root can write a read-only folder")
    os.chmod(tmp_path / "ro", 0o555)
    try:
        with SQLiteStore(path, create=False) as s:
            assert sparql_oxigraph(s, "ASK { ?s ?p ?o }").boolean is True
    finally:
        os.chmod(tmp_path / "ro", 0o755)
    assert not Path(str(path) + OXIGRAPH_SUFFIX).exists()


def test_a_failed_build_leaves_nothing_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "kg.sqlite"
    with SQLiteStore(path) as s:  # an ESCO link with a space: the export refuses to write that IRI
        s.load_rows([], [("python", "Skill", "Python", "[]", json.dumps({"exact_match": "http://x/a b"}))],
                    [("python", "python")], [], [])
    with SQLiteStore(path, create=False) as s, pytest.raises(ExportError, match="cannot write the IRI"):
        open_oxigraph(s)
    assert list(Path(str(path) + OXIGRAPH_SUFFIX).iterdir()) == []
