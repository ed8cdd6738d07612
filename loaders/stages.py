"""The extraction stages as small protocols, so that one stage can be replaced by another.

read (a file -> :class:`~kg.loaders.models.LoadedDocument` with its document tree) → segment
(tree -> blocks and sentences) → read ladders (tree -> :class:`~kg.loaders.ladders_model.Ladders`:
rungs and steps) → recognise and resolve mentions → one :class:`~kg.loaders.models.Extraction`.
:class:`kg.loaders.extract.RuleExtractor` wires the rule-based stages together; pass another
``ladder_reader`` (a statistical one, say) to replace that stage alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from kg.loaders.ladders_model import Ladders
from kg.loaders.models import Extraction, LoadedDocument
from kg.loaders.tree import Node

__all__ = ["DocumentReader", "LadderReader", "Extractor"]


class DocumentReader(Protocol):
    """Read one file into a document with its tree (raise DocumentError when it cannot)."""

    def __call__(self, path: Path) -> LoadedDocument: ...


class LadderReader(Protocol):
    """Find the ladders (level titles and the moves between them) a document tree shows."""

    def __call__(self, text: str, nodes: tuple[Node, ...]) -> Ladders: ...


class Extractor(Protocol):
    """Turn one document into everything it states, each item with its evidence."""

    def extract(self, doc: LoadedDocument) -> Extraction: ...
