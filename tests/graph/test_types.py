"""Every table keyed by a node or relationship type covers exactly the types of kg.graph.types."""

from __future__ import annotations

import pytest

from kg.graph import types


def _tables() -> list[tuple[str, set[str], set[str]]]:
    from kg.graph.cypher.builders import NODE_PROPERTIES
    from kg.graph.rdf.terms import FACT_TERMS, NODE_CLASSES, NODE_EXTRA_CLASSES, NODE_PROPS
    from kg.queries.explore import LINK_ORDER
    from kg.queries.viz.data import EDGE_STYLE, NODE_STYLE
    from kg.queries.viz.select import VIEW_RELS

    nodes, rels = set(types.NODE_TYPES), set(types.REL_TYPES)
    return [
        ("kg.graph.rdf.terms.FACT_TERMS", set(FACT_TERMS), set(types.FACT_TYPES)),
        ("kg.graph.rdf.terms.NODE_CLASSES", set(NODE_CLASSES), nodes),
        ("kg.graph.rdf.terms.NODE_PROPS", set(NODE_PROPS), nodes),
        ("kg.graph.rdf.terms.NODE_EXTRA_CLASSES", set(NODE_EXTRA_CLASSES), nodes - {types.DOCUMENT}),
        ("kg.graph.cypher.builders.NODE_PROPERTIES", set(NODE_PROPERTIES), nodes),
        ("kg.queries.explore.LINK_ORDER", set(LINK_ORDER), rels),
        ("kg.queries.viz.data.NODE_STYLE", set(NODE_STYLE), nodes - {types.DOCUMENT}),
        ("kg.queries.viz.data.EDGE_STYLE", set(EDGE_STYLE), set(VIEW_RELS)),
        ("kg.queries.viz.select.VIEW_RELS", set(VIEW_RELS), rels - {types.DESCRIBED_IN}),
    ]


@pytest.mark.parametrize("name, keys, expected", _tables(), ids=lambda v: v if isinstance(v, str) else "")
def test_type_table_covers_every_type(name: str, keys: set[str], expected: set[str]) -> None:
    assert keys == expected, f"{name}: missing {sorted(expected - keys)}, unknown {sorted(keys - expected)}"


def test_relationship_ends_are_node_types() -> None:
    for rel in types.REL_TABLE:
        assert rel.src in types.NODE_TYPES and rel.dst in types.NODE_TYPES, rel


def test_kinds_are_unique_and_cover_the_extractor_kinds() -> None:
    assert len(types.TYPE_OF_KIND) == len(types.NODE_TABLE)
    assert {"role", "skill", "certification"} <= set(types.TYPE_OF_KIND)
