"""Build the store from documents: read, extract (in parallel), then write in one transaction."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice
from pathlib import Path

from kg.errors import DocumentError, KgError
from kg.graph.facts import facts_from_extraction
from kg.graph.store import LoadOutcome, SQLiteStore
from kg.loaders.models import Extraction

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
    store: SQLiteStore,
    paths: list[Path] | None = None,
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> BuildReport:
    """Load documents (the bundled corpus when ``paths`` is None) into ``store`` in one transaction.

    Unreadable documents are skipped and listed in the report; everything else
    lands together, or nothing does.
    """
    from kg.loaders.readers import iter_document_paths

    files = bundled_corpus_paths() if paths is None else iter_document_paths(paths)
    report = BuildReport()
    with store.transaction():
        for result in extract_paths(files, workers=workers):
            if isinstance(result, DocumentError):
                report.skipped.append((result.source, result.reason))
            else:
                report.loaded.append(store.add_facts(facts_from_extraction(result)))
            if progress is not None:
                progress(1)
    return report


def extract_paths(files: list[Path], *, workers: int | None = None) -> Iterator[Extraction | DocumentError]:
    """Yield each file's extraction (or the error that skipped it), in input order.

    Above :data:`PARALLEL_THRESHOLD` files, extraction runs in a process pool; at
    most ``workers * IN_FLIGHT`` chunks are pending at once, so memory stays
    bounded however large the corpus is.
    """
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    if n_workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        for path in files:
            yield _extract_one(str(path))
        return
    names = [str(p) for p in files]
    size = max(1, min(CHUNK, len(names) // (n_workers * 4)))
    chunks = iter([names[i:i + size] for i in range(0, len(names), size)])
    with ProcessPoolExecutor(max_workers=n_workers) as pool:
        pending: deque[Future[list[Extraction | tuple[str, str]]]] = deque(
            pool.submit(_extract_chunk, c) for c in islice(chunks, n_workers * IN_FLIGHT))
        while pending:
            done = pending.popleft().result()
            for chunk in islice(chunks, 1):
                pending.append(pool.submit(_extract_chunk, chunk))
            for result in done:
                yield DocumentError(*result) if isinstance(result, tuple) else result


def _extract_chunk(paths: list[str]) -> list[Extraction | tuple[str, str]]:
    """Extract in a worker; errors travel as (source, reason) since DocumentError does not unpickle."""
    out: list[Extraction | tuple[str, str]] = []
    for path in paths:
        result = _extract_one(path)
        out.append((result.source, result.reason) if isinstance(result, DocumentError) else result)
    return out


def _extract_one(path: str) -> Extraction | DocumentError:
    from kg.loaders.extract import extract
    from kg.loaders.readers import read_path

    try:
        return extract(read_path(Path(path)))
    except DocumentError as exc:
        return exc
    except (KgError, ValueError, RecursionError, MemoryError) as exc:
        return DocumentError(path, f"extraction failed: {exc or type(exc).__name__}")
    except Exception as exc:  # noqa: BLE001 - one bad document must not sink the whole build
        return DocumentError(path, f"extraction failed ({type(exc).__name__}: {exc}); please report this file")

