"""Build the store from a posting dataset (CSV or JSON Lines): every row a document, streamed.

Rows are read lazily and extracted in chunks by a bounded process pool (at most ``workers *
IN_FLIGHT`` chunks in flight), so a file of any size is built with flat memory; results are
written in file order, in one transaction with the rest of the build. Rows the store already
holds unchanged are not extracted again; rows a rebuild no longer finds are retracted; a row
that cannot be read is named and skipped.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import DocumentError, KgError
from kg.graph.ingest import build as _build
from kg.graph.ingest.build import BuildReport
from kg.graph.ingest.facts import document_key, facts_from_extraction
from kg.graph.store import LoadOutcome
from kg.loaders.datasets import DatasetSpec, Row, iter_rows, read_row
from kg.regexcache import save as save_patterns

if TYPE_CHECKING:
    from kg.graph.protocols import GraphStore

__all__ = ["build_dataset", "ROWS_PER_TASK"]

#: rows one worker extracts per task
ROWS_PER_TASK = 64


def build_dataset(store: GraphStore, path: Path, spec: DatasetSpec, *, workers: int | None = None,
                  progress: Callable[[int], None] | None = None, list_rows: bool = False) -> BuildReport:
    """Load every row of a posting dataset into ``store`` (one transaction; see the module docstring).

    Rows are counted in the report's ``tallies``; with ``list_rows`` each row's outcome is listed
    in ``loaded`` too (memory then grows with the rows).
    """
    from kg.graph.store.seen import DiskSet

    dataset = Path(os.path.realpath(path))
    store.check()
    report = BuildReport()
    known = store.committed_ids()
    n_workers = workers if workers is not None else (os.cpu_count() or 1)

    def record(outcome: LoadOutcome) -> None:
        if list_rows:
            report.loaded.append(outcome)
        else:
            report.tallies[outcome.status] += 1

    with DiskSet() as seen, store.transaction(), _build._known_in_process(known):
        for result in _results(iter_rows(dataset, spec), n_workers, known):
            if isinstance(result, DocumentError):
                seen.add(result.source)
                report.skipped.append((result.source, result.reason))
            elif isinstance(result, _build._Unchanged):
                seen.add(result.source)
                record(LoadOutcome(result.doc_id, result.source, "unchanged"))
            else:
                seen.add(result.extraction.doc.source)
                record(store.add_facts(result))
            if progress is not None:
                progress(1)
        for info in store.retract_rows(str(dataset), seen):
            record(LoadOutcome(info.id, info.source, "removed"))
    save_patterns()
    return report


def _results(rows: Iterator[Row | DocumentError], n_workers: int, known: Container[str]) -> Iterator[Any]:
    chunks = _chunks(rows)
    if n_workers <= 1:
        _build._set_known(known)
        for chunk in chunks:
            yield from _facts_rows(chunk)
        return
    pending: deque[Future[list[Any]]] = deque()
    with ProcessPoolExecutor(max_workers=n_workers, initializer=_build._start_worker,
                             initargs=(known, os.getpid())) as pool:
        for chunk in chunks:
            pending.append(pool.submit(_facts_rows, chunk))
            if len(pending) >= n_workers * _build.IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _chunks(rows: Iterable[Row | DocumentError]) -> Iterator[list[Row | DocumentError]]:
    it = iter(rows)
    while chunk := list(islice(it, ROWS_PER_TASK)):
        yield chunk


def _facts_rows(rows: list[Row | DocumentError]) -> list[Any]:
    """In a worker: read, extract and map each row, skipping rows the store already holds."""
    from kg.loaders.extract import extract

    out: list[Any] = []
    for row in rows:
        if isinstance(row, DocumentError):
            out.append(row)
            continue
        try:
            doc = read_row(row)
            key = document_key(doc.source, doc.id)
            out.append(_build._Unchanged(key, doc.source) if key in _build._KNOWN
                       else facts_from_extraction(extract(doc)))
        except DocumentError as exc:
            out.append(exc)
        except (KgError, ValueError, RecursionError, MemoryError) as exc:
            out.append(DocumentError(row.source, f"extraction failed: {exc or type(exc).__name__}"))
    return out
