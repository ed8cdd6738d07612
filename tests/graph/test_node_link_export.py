"""The node-link JSON export: networkx's node_link_graph reads it into the store's own graph."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.graph.examples import tiny_store
from kg.graph.export.registry import export
from kg.graph.store import SQLiteStore
from tests.data import store_as_networkx


@pytest.mark.parametrize("which", ["tiny", "corpus"])
def test_networkx_reads_the_node_link_export_as_the_store(request: pytest.FixtureRequest, tmp_path: Path,
                                                           which: str) -> None:
    store = tiny_store() if which == "tiny" else request.getfixturevalue("corpus_store")
    out = tmp_path / "g.json"
    export(store, "node-link", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    got = nx.node_link_graph(data, edges="edges")
    want = store_as_networkx(store, name="kg career graph")
    assert isinstance(got, nx.MultiDiGraph) and got.graph == want.graph
    assert dict(got.nodes(data=True)) == dict(want.nodes(data=True))
    assert sorted(got.edges(keys=True, data=True)) == sorted(want.edges(keys=True, data=True))
    ids = {n["id"] for n in data["nodes"]}  # what d3's forceLink needs: every end is a node id
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])


def test_node_link_export_is_deterministic_and_has_no_machine_paths(corpus_store: SQLiteStore, tmp_path: Path) -> None:
    export(corpus_store, "node-link", tmp_path / "a.json")
    export(corpus_store, "node-link", tmp_path / "b.json")
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert text == (tmp_path / "b.json").read_text(encoding="utf-8")
    sources = [n["source"] for n in json.loads(text)["nodes"] if n.get("type") == "Document"]
    assert sources and all(s.startswith("kg:corpus/") for s in sources)
    assert "site-packages" not in text and "/loaders/corpus/" not in text
