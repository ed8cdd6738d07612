"""What queries, exports and engines may ask of a graph: small protocols with capability flags.

Queries and exports are written against :class:`GraphReader`; the build and the RDF importer
against :class:`GraphWriter`; ``kg cypher`` against :class:`QueryEngine`. :class:`~kg.graph.store.
SQLiteStore` is the one reader and writer today; a second backend implements these methods and
passes the same contract tests (``tests/graph/test_protocols.py``). Capability flags are class
attributes (rdflib's ``Store.context_aware`` habit), so callers can check what a backend does
without trying it.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from kg.graph.ingest.facts import DocumentFacts
    from kg.graph.model import DocumentInfo, Edge, Evidence, Node
    from kg.graph.store.sqlite import LoadOutcome

__all__ = ["GraphReader", "GraphWriter", "GraphStore", "QueryEngine", "CypherResult"]


@runtime_checkable
class GraphReader(Protocol):
    """Read nodes, aggregated edges, evidence and documents.

    Capability flags:
        ``ordered_streams``: :meth:`nodes`, :meth:`edges` and :meth:`all_evidence` yield lazily in
        (type, key) order, so exports can merge-join them with flat memory.

    ``path`` is the file the graph lives in (None for a throw-away, in-memory graph).

    The bulk reads (:meth:`nodes_of`, :meth:`names_of`, :meth:`edges_of`, :meth:`weight_sums`,
    :meth:`pairs_of`, :meth:`evidence_of`, :meth:`count_into`) read many nodes at once: the planning
    searches read hundreds of roles' requirements, or a whole breadth-first layer, in one query
    instead of one per node.
    """

    name: str
    ordered_streams: bool

    @property
    def path(self) -> Path | None: ...

    def node(self, node_id: str) -> Node | None: ...

    def nodes(self, type_: str | None = None) -> Iterator[Node]: ...

    def nodes_by_key(self, key: str, type_: str | None = None) -> list[Node]: ...

    def names(self, type_: str) -> Iterator[tuple[str, str]]: ...

    def out_edges(self, type_: str, src: str) -> list[Edge]: ...

    def in_edges(self, type_: str, dst: str) -> list[Edge]: ...

    def targets_lacking(self, type_: str, src: str, other: str, *, required_only: bool = False) -> list[Node]: ...

    def nodes_of(self, ids: Iterable[str]) -> list[Node]: ...

    def names_of(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]: ...

    def edges_of(self, types: Collection[str], ids: Iterable[str], *, into: bool = False,
                 others: Iterable[str] | None = None) -> list[Edge]: ...

    def weight_sums(self, types: Collection[str],
                    srcs: Iterable[str]) -> dict[tuple[str, str, bool], tuple[float, float]]: ...

    def pairs_of(self, type_: str, ids: Iterable[str], *, into: bool = False,
                 required_only: bool = False) -> list[tuple[str, str]]: ...

    def evidence_of(self, type_: str, srcs: Iterable[str]) -> list[Evidence]: ...

    def count_into(self, types: Collection[str], dsts: Iterable[str]) -> dict[str, int]: ...

    def successors(self, type_: str, src: str) -> list[str]: ...

    def predecessors(self, type_: str, dst: str) -> list[str]: ...

    def degrees(self, type_: str) -> dict[str, int]: ...

    def edges(self, type_: str | None = None) -> Iterator[Edge]: ...

    def dangling_ends(self) -> Iterator[str]: ...

    def evidence(self, type_: str, src: str, dst: str = "") -> list[Evidence]: ...

    def all_evidence(self, type_: str | None = None) -> Iterator[Evidence]: ...

    def documents(self) -> list[DocumentInfo]: ...

    def has_documents(self) -> bool: ...

    def find_document(self, key: str) -> DocumentInfo: ...

    def document_titles(self, doc_ids: Iterable[str]) -> dict[str, DocumentInfo]: ...

    def counts(self) -> dict[str, dict[str, int]]: ...


@runtime_checkable
class GraphWriter(Protocol):
    """Write documents' facts (all of a transaction lands, or none of it).

    Capability flags:
        ``transactional``: a failed or killed write leaves the graph as it was.
    """

    transactional: bool

    def transaction(self) -> AbstractContextManager[Any]: ...

    def add_facts(self, facts: DocumentFacts) -> LoadOutcome: ...

    def remove_document(self, key: str) -> DocumentInfo: ...

    def retract_missing(self, folder: Path) -> list[DocumentInfo]: ...

    def retract_rows(self, dataset: str, keep: Container[str]) -> Iterator[DocumentInfo]: ...

    def committed_ids(self) -> Container[str]: ...

    def check(self) -> None: ...

    def is_empty(self) -> bool: ...

    def load_rows(self, documents: list[tuple[Any, ...]], nodes: list[tuple[Any, ...]],
                  aliases: list[tuple[str, str]], edges: list[tuple[Any, ...]],
                  evidence: list[tuple[Any, ...]]) -> None: ...


@runtime_checkable
class GraphStore(GraphReader, GraphWriter, Protocol):
    """A graph that is read and written (the build reads which documents it already holds)."""


@dataclass(frozen=True)
class CypherResult:
    """Rows of a Cypher query: column names and plain values (str, numbers, bools, lists, dicts, None)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    engine: str
    #: what the engine changed or wants the analyst to know (e.g. a bound it added), for stderr
    notes: tuple[str, ...] = ()

    def records(self) -> list[dict[str, Any]]:
        """Return the rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@runtime_checkable
class QueryEngine(Protocol):
    """Run read queries in one query language.

    Capability flags:
        ``dialect``: which variant of the language it speaks (``neo4j`` or ``ladybug`` Cypher).
        ``read_only``: queries cannot change the graph it answers from.
    """

    name: str
    dialect: str
    read_only: bool

    def query(self, text: str, params: dict[str, Any] | None = None) -> CypherResult: ...

    def close(self) -> None: ...
