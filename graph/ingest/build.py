"""Build the store from documents: read, extract (in parallel), then write in one transaction."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import DocumentError, KgError
from kg.graph.ingest.facts import DocumentFacts, facts_from_extraction
from kg.graph.store import LoadOutcome
from kg.loaders.models import Extraction

if TYPE_CHECKING:
    from kg.graph.protocols import GraphStore

__all__ = ["BuildReport", "build", "bundled_corpus_paths", "extract_paths", "PARALLEL_THRESHOLD"]

#: below this many documents, extraction runs in this process (a pool costs more than it saves)
PARALLEL_THRESHOLD = 24
#: most documents one worker extracts per task, and chunks kept in flight per worker
CHUNK = 16
IN_FLIGHT = 3


@dataclass
class BuildReport:
    """What a build did, document by document."""

    loaded: list[LoadOutcome] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def count(self, status: str) -> int:
        """Return how many documents ended with this status (added, unchanged, replaced)."""
        return sum(1 for o in self.loaded if o.status == status)


def bundled_corpus_paths() -> list[Path]:
    """Return the paths of the bundled sample corpus documents, sorted."""
    from kg.loaders.readers import SUFFIXES

    root = resources.files("kg.loaders").joinpath("corpus")
    return sorted(Path(str(p)) for p in root.iterdir() if Path(str(p)).suffix.lower() in SUFFIXES)


def build(
    store: GraphStore,
    paths: list[Path] | None = None,
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> BuildReport:
    """Load documents (the bundled corpus when ``paths`` is None) into ``store`` in one transaction.

    Unreadable documents are skipped and listed in the report; everything else
    lands together, or nothing does. Workers read each file and skip the
    extraction of documents the store already holds (same content hash); the
    facts of the others are mapped in the workers too, so this process only writes.
    """
    from kg.loaders.readers import iter_document_paths

    files = bundled_corpus_paths() if paths is None else iter_document_paths(paths)
    report = BuildReport()
    known = frozenset(d.id for d in store.documents())
    with store.transaction():
        for result in _in_order(files, workers, _facts_chunk, known):
            if isinstance(result, DocumentError):
                report.skipped.append((result.source, result.reason))
            elif isinstance(result, _Unchanged):
                report.loaded.append(LoadOutcome(result.doc_id, result.source, "unchanged"))
            else:
                report.loaded.append(store.add_facts(result))
            if progress is not None:
                progress(1)
    return report


def extract_paths(files: list[Path], *, workers: int | None = None) -> Iterator[Extraction | DocumentError]:
    """Yield each file's extraction (or the error that skipped it), in input order.

    Above :data:`PARALLEL_THRESHOLD` files, extraction runs in a process pool; at
    most ``workers * IN_FLIGHT`` chunks are pending at once, so memory stays
    bounded however large the corpus is.
    """
    yield from _in_order(files, workers, _extract_chunk, frozenset())


@dataclass(frozen=True)
class _Unchanged:
    """A document whose content the store already holds (extraction skipped)."""

    doc_id: str
    source: str


_Task = Callable[[list[str]], list[Any]]
_KNOWN: frozenset[str] = frozenset()


def _in_order(files: list[Path], workers: int | None, task: _Task, known: frozenset[str]) -> Iterator[Any]:
    """Run ``task`` over chunks of ``files`` (in a bounded process pool when worth it), in input order."""
    global _KNOWN
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    names = [str(p) for p in files]
    if n_workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        _KNOWN = known
        for name in names:
            yield from task([name])
        return
    size = max(1, min(CHUNK, len(names) // (n_workers * 4)))
    chunks = iter([names[i:i + size] for i in range(0, len(names), size)])
    with ProcessPoolExecutor(max_workers=n_workers, initializer=_set_known, initargs=(known,)) as pool:
        pending = deque(pool.submit(task, c) for c in islice(chunks, n_workers * IN_FLIGHT))
        while pending:
            done = pending.popleft().result()
            for chunk in islice(chunks, 1):
                pending.append(pool.submit(task, chunk))
            yield from done


def _set_known(known: frozenset[str]) -> None:
    global _KNOWN
    _KNOWN = known


def _extract_chunk(paths: list[str]) -> list[Extraction | DocumentError]:
    """Extract in a worker (DocumentError pickles, so skips travel back as they are)."""
    out: list[Extraction | DocumentError] = []
    for path in paths:
        result = _extract_one(path)
        if not isinstance(result, _Unchanged):
            out.append(result)
    return out


def _facts_chunk(paths: list[str]) -> list[DocumentFacts | _Unchanged | DocumentError]:
    """Read, extract and map to facts in a worker, skipping documents the store already holds."""
    out: list[DocumentFacts | _Unchanged | DocumentError] = []
    for path in paths:
        result = _extract_one(path, _KNOWN)
        out.append(facts_from_extraction(result) if isinstance(result, Extraction) else result)
    return out


def _extract_one(path: str, known: frozenset[str] = frozenset()) -> Extraction | _Unchanged | DocumentError:
    from kg.loaders.extract import extract
    from kg.loaders.readers import read_path

    try:
        doc = read_path(Path(path))
        if doc.id in known:
            return _Unchanged(doc.id, doc.source)
        return extract(doc)
    except DocumentError as exc:
        return exc
    except (KgError, ValueError, RecursionError, MemoryError) as exc:
        return DocumentError(path, f"extraction failed: {exc or type(exc).__name__}")
    except Exception as exc:  # noqa: BLE001 - one bad document must not sink the whole build
        return DocumentError(path, f"extraction failed ({type(exc).__name__}: {exc}); please report this file")
