"""The embedded Cypher engine: built from the store, cached by fingerprint, rebuilt when the store changes."""

from __future__ import annotations

import pytest

from kg.errors import CypherQueryError
from kg.graph.cypher.ladybug import LadybugEngine
from kg.graph.examples import tiny_store
from kg.graph.store import SQLiteStore


def test_built_once_then_reused_and_rebuilt_after_a_change(tmp_path, corpus_store_path) -> None:
    import shutil

    path = tmp_path / "kg.sqlite"
    shutil.copy(corpus_store_path, path)
    with SQLiteStore(path, create=False) as store:
        first = LadybugEngine(store)
        assert first.build_seconds is not None and first.path.parent == tmp_path / "kg.sqlite.ladybug"
        count = first.query("MATCH (d:Document) RETURN count(d) AS n").rows[0][0]
        first.close()
        again = LadybugEngine(store)
        assert again.build_seconds is None and again.path == first.path
        again.close()
        store.remove_document(store.documents()[0].id)
        rebuilt = LadybugEngine(store)
        assert rebuilt.build_seconds is not None and rebuilt.path != first.path
        assert rebuilt.query("MATCH (d:Document) RETURN count(d) AS n").rows[0][0] == count - 1
        assert [p.name for p in rebuilt.path.parent.iterdir()] == [rebuilt.path.name]  # old build dropped
        rebuilt.close()


def test_counts_match_the_store(corpus_store, tmp_path) -> None:
    engine = LadybugEngine(corpus_store, cache_dir=tmp_path)
    counts = corpus_store.counts()
    for label, n in counts["nodes"].items():
        assert engine.query(f"MATCH (x:{label}) RETURN count(x)").rows[0][0] == n
    for rel, n in counts["edges"].items():
        assert engine.query(f"MATCH ()-[r:{rel}]->() RETURN count(r)").rows[0][0] == n


@pytest.mark.parametrize("text, message", [
    ("MATCH p = shortestPath((a)-->(b)) RETURN p", "ladybug"),  # Neo4j-only syntax names the dialect
    ("MATCH (n:Person) RETURN n", "ladybug"),  # label outside the schema
    ("CREATE (:Role {id: 'x'})", "read"),  # the embedded database is read-only
])
def test_errors_name_the_dialect(text, message) -> None:
    with pytest.raises(CypherQueryError, match=message):
        LadybugEngine(tiny_store()).query(text)


def test_values_are_plain(tmp_path) -> None:
    engine = LadybugEngine(tiny_store())
    row = engine.query("MATCH (r:Role {id: 'cto'}) RETURN r, r.aliases").records()[0]
    assert row["r"]["id"] == "cto" and "_ID" not in row["r"] and row["r.aliases"] == []


# Names that break naive CSV (commas, quotes, brackets, backslashes, newlines, NUL), markup and Cypher text
HOSTILE = (
    'Lead, "Platform" [EMEA]', "O'Brien \\ Co.\\", "multi\nline\r\nname", "<script>alert('x')</script>",
    "MATCH (n) DETACH DELETE n //", "}]) RETURN 1 UNION MATCH (x", "~", "", "  padded  ", "\\N", "null",
    "ünï€😀", "tab\there", "nul\x00byte", '""', "[a,b]",
)


def _hostile_store(extra_quote: str = "") -> SQLiteStore:
    """Return a store whose ids, names, aliases, titles and quotes are the HOSTILE strings."""
    from kg.graph.ingest.facts import facts_from_extraction
    from kg.loaders.models import Extraction, LoadedDocument, Mention, Progression

    text = " ".join(HOSTILE) + extra_quote
    store = SQLiteStore(":memory:")
    roles = tuple(Mention(f"role:{s}", "role", s or "blank", (s, f"{s}, alias", ""), s, 0, len(s),
                          attrs={"seniority": n, "track": s}) for n, s in enumerate(HOSTILE))
    skills = tuple(Mention(f"skill {s}", "skill", s or "blank", (s,), s + extra_quote, 0, len(s),
                           required=n % 2 == 0) for n, s in enumerate(HOSTILE))
    for n, role in enumerate(roles):
        doc = LoadedDocument(f"doc{n:02d}", f"/docs/{HOSTILE[n]}.md", HOSTILE[n], HOSTILE[-n - 1], text, "markdown")
        moves = tuple(Progression(role.id, other.id, role.label, other.label, HOSTILE[m], 0, 1)
                      for m, other in enumerate(roles) if m != n and (m - n) % 5 == 1)
        store.add_facts(facts_from_extraction(Extraction(doc=doc, primary_role=role, roles=roles,
                                                          skills=skills[n:] + skills[:2], progressions=moves)))
    return store


def _assert_mirrors(store: SQLiteStore, engine: LadybugEngine) -> None:
    """Every node and relationship property in the engine equals the projected row, verbatim."""
    from kg.graph.cypher.builders import NODE_PROPERTIES, REL_PROPERTIES
    from kg.graph.cypher.rows import node_rows, rel_rows
    from kg.graph.types import REL_ENDPOINTS

    for label, props in NODE_PROPERTIES.items():
        keys = [k for k, _ in props]
        got = engine.query(f"MATCH (n:{label}) RETURN {', '.join(f'n.{k}' for k in keys)} ORDER BY n.id").rows
        want = sorted((tuple(row[k] for k in keys) for row in node_rows(store, label)), key=lambda r: r[0])
        assert [list(r) for r in got] == [list(r) for r in want], label
    keys = ["src", "dst", *(k for k, _ in REL_PROPERTIES)]
    for rel_type in REL_ENDPOINTS:
        got = engine.query(f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.id, b.id, "
                           f"{', '.join(f'r.{k}' for k, _ in REL_PROPERTIES)} ORDER BY a.id, b.id").rows
        want = sorted((tuple(row[k] for k in keys) for row in rel_rows(store, rel_type)), key=lambda r: r[:2])
        assert [list(r) for r in got] == [list(r) for r in want], rel_type


@pytest.fixture
def copy_every_table(monkeypatch):
    """Load even the smallest table by CSV and COPY (by default tables of up to 500 rows use CREATE)."""
    from kg.graph.cypher import ladybug as ladybug_store

    monkeypatch.setattr(ladybug_store, "SMALL_TABLE", 0)


@pytest.mark.parametrize("by_copy", [True, False])  # every table by CSV and COPY / small tables by CREATE
def test_hostile_names_round_trip_verbatim(tmp_path, request, by_copy) -> None:
    if by_copy:
        request.getfixturevalue("copy_every_table")
    store = _hostile_store()
    engine = LadybugEngine(store, cache_dir=tmp_path / "it's a \\ \"dir\"")  # the CSV path is a Cypher literal
    assert engine.build_fallbacks == ()
    _assert_mirrors(store, engine)
    for name in HOSTILE:  # ad-hoc queries with the name as a parameter find it
        rows = engine.query("MATCH (r:Role {id: $id}) RETURN r.name, r.aliases, r.track", {"id": f"role:{name}"}).rows
        assert len(rows) == 1 and rows[0][0] == (name or "blank") and rows[0][2] == name
        assert f"{name}, alias" in rows[0][1] and "" in rows[0][1]
        found = engine.query("MATCH (r:Role)-[:REQUIRES_SKILL]->(s:Skill) WHERE s.name = $name "
                             "RETURN DISTINCT s.id", {"name": name or "blank"}).rows
        assert found == ((f"skill {name}",),)
    assert not list((tmp_path / "it's a \\ \"dir\"").glob("**/*.csv"))  # CSVs removed after loading


def test_list_separator_in_a_list_falls_back_to_create(tmp_path, copy_every_table) -> None:
    store = _hostile_store(extra_quote="unit\x1fseparator")
    engine = LadybugEngine(store, cache_dir=tmp_path)
    assert engine.build_fallbacks == ("REQUIRES_SKILL",)  # its evidence lists hold U+001F; the rest by COPY
    _assert_mirrors(store, engine)


@pytest.mark.slow
def test_corpus_loads_by_copy_and_mirrors_the_store(corpus_store, tmp_path, copy_every_table) -> None:
    engine = LadybugEngine(corpus_store, cache_dir=tmp_path)
    assert engine.build_fallbacks == ()
    _assert_mirrors(corpus_store, engine)


def test_a_table_copy_rejects_falls_back_and_skips_dangling_ends(tmp_path, copy_every_table) -> None:
    store = tiny_store()
    with store.conn:  # a move to a role the store has no node for: COPY refuses the whole table
        store.conn.execute("INSERT INTO edge(type, src, dst, weight, required, doc_count) "
                           "VALUES ('PROGRESSES_TO', 'cto', 'no-such-role', 1.0, 0, 1)")
    engine = LadybugEngine(store, cache_dir=tmp_path)
    assert engine.build_fallbacks == ("PROGRESSES_TO",)
    moves = engine.query("MATCH (a:Role)-[:PROGRESSES_TO]->(b:Role) RETURN a.id, b.id ORDER BY a.id").rows
    assert moves == (("engineer", "manager"), ("manager", "cto"))  # as CREATE always did: the dangling move skipped
