"""The contract: every library question, asked on every available engine, returns the Python answer.

Engines: the Python reference, embedded ladybug Cypher, SPARQL on rdflib's memory store and on
Oxigraph, and Neo4j when ``NEO4J_URI`` is set (the store is pushed there first). Stores: the
tiny example graph, the bundled corpus, and the seed documents with the corpus (read from
``../shared/seeds``). An engine that cannot run here is skipped with the reason; a question an
engine has no text for is skipped with the reason too (e.g. SPARQL cannot list routes).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.graph.examples import tiny_store
from kg.graph.protocols import GraphReader
from kg.graph.store import SQLiteStore
from kg.queries.library.engines import (
    ENGINE_NAMES,
    CypherQuestions,
    QuestionEngine,
    engine_unavailable,
    open_questions,
)
from kg.queries.library.questions import bind, find_question, questions
from tests.contract.agree import cases, disagreements, same
from tests.data import NO_SHARED_REASON, SEEDS

ENGINES = [pytest.param(name, marks=[pytest.mark.skipif(engine_unavailable(name) is not None,
                                                        reason=str(engine_unavailable(name))),
                                     *([pytest.mark.neo4j] if name == "neo4j" else [])])
           for name in ENGINE_NAMES if name != "python"]
STORES = ["tiny", pytest.param("corpus", marks=pytest.mark.slow),
          pytest.param("seeds", marks=[pytest.mark.slow, pytest.mark.skipif(not SEEDS.is_dir(),
                                                                           reason=NO_SHARED_REASON)])]


@pytest.fixture(scope="module", params=STORES)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
          corpus_store_path: Path) -> Iterator[GraphReader]:
    if request.param == "tiny":
        yield tiny_store()
        return
    if request.param == "corpus":
        path = corpus_store_path
    else:
        from kg.graph.ingest.build import build, bundled_corpus_paths

        path = tmp_path_factory.mktemp("seeds") / "kg.sqlite"
        with SQLiteStore(path) as fresh:
            report = build(fresh, [*bundled_corpus_paths(), SEEDS], workers=1)
            assert report.count("added") >= 5 and not report.skipped, report.skipped
    with SQLiteStore(path, create=False) as opened:
        yield opened


@pytest.fixture(scope="module")
def engines(store: GraphReader) -> Iterator[dict[str, QuestionEngine]]:
    """The engines over ``store``, opened on first use and closed with the module."""
    opened: dict[str, QuestionEngine] = {}
    yield opened
    for engine in opened.values():
        engine.close()


def _engine(engines: dict[str, QuestionEngine], name: str, store: GraphReader) -> QuestionEngine:
    if name not in engines:
        if name == "neo4j":
            from kg.graph.cypher.neo4j import Neo4jSettings, Neo4jWriter

            Neo4jWriter(Neo4jSettings.from_env()).push(store)
        engines[name] = open_questions(name, store)
    return engines[name]


@pytest.mark.parametrize("engine_name", ENGINES)
@pytest.mark.parametrize("name", list(questions()))
def test_every_engine_gives_the_python_answer(store: GraphReader, engines: dict[str, QuestionEngine],
                                              engine_name: str, name: str) -> None:
    question = questions()[name]
    engine = _engine(engines, engine_name, store)
    if not engine.has(question):
        pytest.skip(f"{engine_name} has no text for {name} (see its header and the README)")
    found = disagreements(question, store, _engine(engines, "python", store), engine)
    assert not found, f"{len(found)} of {len(cases(question, store))} cases disagree:\n" + "\n".join(found[:10])


def test_the_cases_reach_names_and_aliases_not_only_ids() -> None:
    store = tiny_store()
    spelled = [c["role"] for c in cases(find_question("next-roles"), store)]
    ids = {n.id for n in store.nodes("Role")}
    assert ids < set(spelled) and any(s not in ids for s in spelled)


class _DropsAliases(CypherQuestions):
    """A deliberately broken engine: it passes names through as given instead of resolving them."""

    def bind(self, question, params):  # type: ignore[no-untyped-def]
        return bind(question, params)  # no store: "Engineer" stays "Engineer", not "engineer"


def test_the_suite_catches_an_engine_that_drops_aliases() -> None:
    store = tiny_store()
    with open_questions("python", store) as reference, _DropsAliases(store, "embedded") as broken:
        found = disagreements(find_question("skills-for-role"), store, reference, broken)
        assert found and all("answered 0 rows" in line for line in found)
        assert any("'Engineer'" in line for line in found)  # the display name, not the id, went astray
        assert not disagreements(find_question("most-demanded-skills"), store, reference, broken)  # no names


@pytest.mark.parametrize("want, got, agree", [
    ([{"id": "a", "w": 0.33333}], [{"id": "a", "w": 0.3333}], True),  # rounding within the tolerance
    ([{"id": "a", "w": 0.5}], [{"id": "a", "w": 0.4}], False),  # another weight
    ([{"id": "a"}, {"id": "b"}], [{"id": "b"}, {"id": "a"}], False),  # another order
    ([{"id": "a"}], [{"id": "a"}, {"id": "a"}], False),  # a repeated row
    ([{"required": True}], [{"required": 1}], False),  # a number where a boolean belongs
])
def test_the_comparison_is_strict_where_it_matters(want, got, agree) -> None:
    assert same(want, got) is agree
