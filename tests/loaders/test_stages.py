"""A stage of the extractor can be replaced: here the ladder reader, by one that states a fixed move."""

from __future__ import annotations

from kg.loaders.extract import RuleExtractor, extract
from kg.loaders.ladders_model import Ladders, Rung, Step
from kg.loaders.level_titles import parse_title
from kg.loaders.readers import read_text
from kg.loaders.stages import Extractor
from kg.loaders.tree import Node

TEXT = "# Platform team\n\nWe hire a Data Engineer and a Data Architect every year.\n"


def _fixed_reader(text: str, nodes: tuple[Node, ...]) -> Ladders:
    a, b = parse_title("Data Engineer"), parse_title("Data Architect")
    assert a is not None and b is not None
    ra = Rung(a, text.index("Data Engineer"), text.index("Data Engineer") + len("Data Engineer"))
    rb = Rung(b, text.index("Data Architect"), text.index("Data Architect") + len("Data Architect"))
    return Ladders([ra, rb], [Step(ra, rb, 0, len(text), "explicit-move")])


def test_rule_extractor_is_an_extractor() -> None:
    extractor: Extractor = RuleExtractor()
    doc = read_text(TEXT, source="team.md", name="team.md", fmt="markdown")
    assert extractor.extract(doc) == extract(doc)


def test_a_replaced_ladder_reader_gives_its_moves() -> None:
    doc = read_text(TEXT, source="team.md", name="team.md", fmt="markdown")
    assert not extract(doc).progressions  # the rules read no move in this text
    moves = RuleExtractor(ladder_reader=_fixed_reader).extract(doc).progressions
    assert [(m.from_label, m.to_label, m.basis) for m in moves] == [("Data Engineer", "Data Architect",
                                                                     "explicit-move")]
