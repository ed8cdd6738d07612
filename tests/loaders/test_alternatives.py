"""One-of skill groups ("AWS, Azure or GCP") found by the extractor in real text, and stored with their quote."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph.ingest.build import build
from kg.graph.store import SQLiteStore
from kg.graph.types import REQUIRES_ONE_OF
from kg.loaders.extract import extract
from kg.loaders.readers import read_text


def _groups(body: str) -> list[tuple[tuple[str, ...], bool]]:
    doc = read_text(f"# Platform Engineer\n\n## Requirements\n{body}\n\n## Nice to have\n- Familiarity with Rust\n",
                    "mem://t.md", "t.md", "markdown")
    return [(g.ids, g.required) for g in extract(doc).skill_groups]


@pytest.mark.parametrize("body, expected", [
    ("- Experience with AWS, Azure or GCP", [(("aws", "azure", "gcp"), True)]),
    ("- Proficiency in Python or Java", [(("python", "java"), True)]),
    ("- Hands-on background in Python and PyTorch or TensorFlow", [(("pytorch", "tensorflow"), True)]),
    # "and" splits the run: Kubernetes and Spark are both needed, then one cloud
    ("- Experience with Kubernetes, Spark and AWS or GCP", [(("aws", "gcp"), True)]),
    # a list ending in ", and": its commas are the list's, only the "or" pair is a group
    ("- Grounding in Python, PyTorch or TensorFlow, and MLOps", [(("pytorch", "tensorflow"), True)]),
    ("- Experience with PyTorch/TensorFlow", [(("pytorch", "tensorflow"), True)]),
    ("- Experience with Kubernetes, Docker and Terraform", []),  # no alternative
    ("- Python. Or Java later", []),  # not one sentence
])
def test_groups_in_requirement_sentences(body: str, expected: list[tuple[tuple[str, ...], bool]]) -> None:
    assert _groups(body) == expected


def test_a_preferred_group_is_preferred() -> None:
    doc = read_text("# Platform Engineer\n\n## Nice to have\n- Familiarity with JAX or TensorFlow\n",
                    "mem://p.md", "p.md", "markdown")
    [group] = extract(doc).skill_groups
    assert group.ids == ("jax", "tensorflow") and not group.required
    assert doc.text[group.start:group.end] == group.quote
    assert extract(doc).to_json()["skill_groups"][0]["labels"] == ["JAX", "TensorFlow"]


def test_groups_are_stored_with_their_quote_and_retracted_with_the_document(tmp_path: Path,
                                                                            store: SQLiteStore) -> None:
    doc = tmp_path / "platform.md"
    doc.write_text("# Platform Engineer\n\n## Requirements\n- Working knowledge of AWS, GCP or Azure\n",
                   encoding="utf-8")
    build(store, [tmp_path], workers=1)
    [row] = store.evidence(REQUIRES_ONE_OF, "platform-engineer", "")
    assert row.props["members"] == ["aws", "gcp", "azure"] and row.quote == "Working knowledge of AWS, GCP or Azure"
    store.remove_document("platform.md")
    assert store.evidence(REQUIRES_ONE_OF, "platform-engineer", "") == []


def test_groups_in_rdf_link_each_member_and_survive_a_round_trip(tmp_path: Path, store: SQLiteStore) -> None:
    from rdflib import Graph

    from kg.graph.rdf.project import store_graph
    from kg.graph.rdf.read import import_graph
    from kg.graph.rdf.terms import node_iri
    from kg.ontology.namespace import KG

    (tmp_path / "platform.md").write_text(
        "# Platform Engineer\n\n## Requirements\n- Working knowledge of AWS, GCP or Azure\n", encoding="utf-8")
    build(store, [tmp_path], workers=1)
    g: Graph = store_graph(store)
    [fact] = [f for f in g.subjects(KG.role, node_iri("platform-engineer")) if (f, None, KG.SkillAlternatives) in g]
    [ev] = g.objects(fact, KG.evidence)
    assert set(g.objects(ev, KG.alternative)) == {node_iri("aws"), node_iri("gcp"), node_iri("azure")}
    with SQLiteStore(tmp_path / "back.sqlite") as back:
        import_graph(back, g)
        assert back.evidence(REQUIRES_ONE_OF, "platform-engineer", "") == store.evidence(
            REQUIRES_ONE_OF, "platform-engineer", "")


def test_groups_reach_the_cypher_projection_as_a_role_property(tmp_path: Path, store: SQLiteStore) -> None:
    from kg.graph.cypher.rows import node_rows

    (tmp_path / "platform.md").write_text(
        "# Platform Engineer\n\n## Requirements\n- Working knowledge of AWS, GCP or Azure\n- Python or Go\n",
        encoding="utf-8")
    build(store, [tmp_path], workers=1)
    row = next(r for r in node_rows(store, "Role") if r["id"] == "platform-engineer")
    assert row["one_of"] == ["aws|gcp|azure", "python|go"]


def _cert_groups(body: str) -> list[tuple[str, tuple[str, ...], bool]]:
    doc = read_text(f"# Product Manager\n\n## Requirements\n{body}\n", "mem://c.md", "c.md", "markdown")
    return [(g.kind, g.ids, g.required) for g in extract(doc).skill_groups]


@pytest.mark.parametrize("body, expected", [
    ("- CSPO or PMP certification", [("certification", ("cspo", "pmp"), True)]),
    ("- AWS Solutions Architect Associate or Google Cloud Professional Cloud Architect",
     [("certification", ("aws-solutions-architect-associate", "gcp-cloud-architect"), True)]),
    ("- CSPO and PMP certifications", []),  # both are asked for
    ("- Kubernetes or CKA", []),  # a group holds one kind: a skill or a certification
    ("- PMP or equivalent program management certification", []),  # one certification and a description
])
def test_certification_alternatives(body: str, expected: list[tuple[str, tuple[str, ...], bool]]) -> None:
    assert _cert_groups(body) == expected


@pytest.mark.parametrize("sentence, instead", [
    ("BS in Computer Science or equivalent practical experience.", True),
    ("Bachelor's degree in Computer Science or a related field required, or equivalent practical experience.", True),
    ("Master's degree in Statistics or an equivalent experience in industry.", True),
    ("Bachelor's degree in Computer Science; 5 years of experience.", False),
    ("Bachelor's degree in Computer Science or equivalent.", False),  # equivalent degree, not experience
])
def test_a_degree_or_equivalent_experience(sentence: str, instead: bool) -> None:
    from kg.loaders.alternatives import experience_instead

    doc = read_text(f"# Software Engineer\n\n## Requirements\n- {sentence}\n", "mem://e.md", "e.md", "markdown")
    [edu, *_] = extract(doc).education
    assert experience_instead(doc.text, edu.start, edu.end) is instead


def test_certification_groups_and_experience_are_stored_and_survive_rdf(tmp_path: Path, store: SQLiteStore) -> None:
    from kg.graph.rdf.project import store_graph
    from kg.graph.rdf.read import import_graph
    from kg.graph.types import REQUIRES_EDUCATION

    (tmp_path / "pm.md").write_text(
        "# Product Manager\n\n## Requirements\n- CSPO or PMP certification\n"
        "- Bachelor's degree in Computer Science or a related field required, or equivalent practical experience.\n",
        encoding="utf-8")
    build(store, [tmp_path], workers=1)
    [group] = store.evidence(REQUIRES_ONE_OF, "product-manager", "")
    assert group.props == {"members": ["cspo", "pmp"], "kind": "certification"}
    [degree] = store.evidence(REQUIRES_EDUCATION, "product-manager", "degree-bachelor-computer-science")
    assert degree.props == {"or_experience": True}
    assert [n.id for n in store.nodes("Degree")] == ["degree-bachelor-computer-science"]  # no degree "in experience"
    with SQLiteStore(tmp_path / "back.sqlite") as back:
        import_graph(back, store_graph(store))
        [g2] = back.evidence(REQUIRES_ONE_OF, "product-manager", "")
        [d2] = back.evidence(REQUIRES_EDUCATION, "product-manager", "degree-bachelor-computer-science")
        assert (g2.props, d2.props) == (group.props, degree.props)
