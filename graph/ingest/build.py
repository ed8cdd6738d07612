"""Build the store from documents: read, extract (in parallel), then write in one transaction."""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kg.errors import DocumentError, KgError
from kg.graph.ingest.facts import DocumentFacts, document_key, facts_from_extraction
from kg.graph.store import LoadOutcome
from kg.loaders.models import Extraction
from kg.regexcache import save as save_patterns

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from kg.graph.protocols import GraphStore

__all__ = ["BuildReport", "build", "bundled_corpus_paths", "extract_paths", "PARALLEL_THRESHOLD"]

#: below this many documents, extraction runs in this process (a pool costs more than it saves)
PARALLEL_THRESHOLD = 24
#: most documents one worker extracts per task, and chunks kept in flight per worker
CHUNK = 16
IN_FLIGHT = 3
#: pool restarts after dying workers (the OOM killer, a kill) before the build gives up
MAX_RESTARTS = 8


@dataclass
class BuildReport:
    """What a build did, document by document."""

    loaded: list[LoadOutcome] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: statuses of documents counted but not listed in ``loaded`` (a dataset's rows, unless asked for)
    tallies: Counter[str] = field(default_factory=Counter)

    def count(self, status: str) -> int:
        """Return how many documents ended with this status (added, unchanged, replaced, removed)."""
        return sum(1 for o in self.loaded if o.status == status) + self.tallies[status]


def bundled_corpus_paths() -> list[Path]:
    """Return the paths of the bundled sample corpus documents, sorted."""
    from importlib import resources  # (with tempfile and shutil: only a build of the sample corpus needs them)

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
    extraction of documents the store already holds (same source and content);
    the facts of the others are mapped in the workers too, so this process only
    writes. Documents loaded from a given folder whose files are gone are
    removed (status ``removed``), so the store equals a fresh build of the files
    present. A damaged store is refused before anything is written.
    """
    from kg.loaders.readers import iter_document_paths

    files = bundled_corpus_paths() if paths is None else iter_document_paths(paths)
    store.check()
    report = BuildReport()
    known = store.committed_ids()
    with store.transaction(), _known_in_process(known):
        for folder in (p for p in paths or () if p.is_dir()):
            for info in store.retract_missing(Path(os.path.realpath(folder))):
                report.loaded.append(LoadOutcome(info.id, info.source, "removed"))
        for result in _in_order(files, workers, _facts_chunk, known):
            if isinstance(result, DocumentError):
                report.skipped.append((result.source, result.reason))
            elif isinstance(result, _Unchanged):
                report.loaded.append(LoadOutcome(result.doc_id, result.source, "unchanged"))
            else:
                report.loaded.append(store.add_facts(result))
            if progress is not None:
                progress(1)
    save_patterns()
    return report


def extract_paths(files: list[Path], *, workers: int | None = None) -> Iterator[Extraction | DocumentError]:
    """Yield each file's extraction (or the error that skipped it), in input order.

    Above :data:`PARALLEL_THRESHOLD` files, extraction runs in a process pool; at
    most ``workers * IN_FLIGHT`` chunks are pending at once, so memory stays
    bounded however large the corpus is.
    """
    yield from _in_order(files, workers, _extract_chunk, frozenset())
    save_patterns()


class _Unchanged(NamedTuple):
    """A document whose content the store already holds (extraction skipped)."""

    doc_id: str
    source: str


_Task = Callable[[list[str]], list[Any]]
_KNOWN: Container[str] = frozenset()


def _in_order(files: list[Path], workers: int | None, task: _Task, known: Container[str]) -> Iterator[Any]:
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
    yield from _pooled([names[i:i + size] for i in range(0, len(names), size)], n_workers, task, known)


def _pooled(chunks: list[list[str]], n_workers: int, task: _Task, known: Container[str]) -> Iterator[Any]:
    """Run chunks in a bounded pool, yielding results in order; a dying worker costs a retry, not the build.

    When a worker dies (the OOM killer, a kill), the pool is torn down (its other
    workers killed, nothing joined that could hang) and every chunk in flight runs
    again in a new pool, started with ``spawn`` (no fork of a process that has
    threads); a chunk caught in two such deaths is retried one document at a time,
    and a document caught in three is skipped with a :class:`DocumentError`.
    """
    import multiprocessing

    forked = multiprocessing.get_start_method() == "fork"
    if forked:
        _warm_extractor()  # forked workers start with the vocabulary and rules already loaded
        gc.freeze()  # and their garbage collector never walks (nor copies) what they inherit
    try:
        yield from _pool_runs(chunks, n_workers, task, known)
    finally:
        if forked:
            gc.unfreeze()


def _pool_runs(chunks: list[list[str]], n_workers: int, task: _Task, known: Container[str]) -> Iterator[Any]:
    """The pools of :func:`_pooled`: a new one after each death, until every chunk has its result."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    queue: deque[list[str] | _Dead] = deque(chunks)
    deaths: dict[tuple[str, ...], int] = {}
    restarts = 0
    while queue:
        pending: deque[tuple[list[str], Future[list[Any]]]] = deque()
        context = multiprocessing.get_context("spawn") if restarts else None
        pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=context, initializer=_start_worker,
                                   initargs=(known, os.getpid()))
        try:
            while queue or pending:
                while queue and len(pending) < n_workers * IN_FLIGHT:
                    chunk = queue[0]  # taken off the queue only once submitted: a broken pool refuses submits
                    if isinstance(chunk, _Dead):
                        pending.append(([chunk.path], _skipped(chunk.path)))
                    else:
                        pending.append((chunk, pool.submit(task, chunk)))
                    queue.popleft()
                done = _result(pool, pending[0][1])
                pending.popleft()
                yield from done
        except BrokenProcessPool:
            _tear_down(pool)
            restarts += 1
            if restarts > MAX_RESTARTS:
                raise KgError(f"extraction workers died {restarts} times (out of memory?); nothing was written: "
                              "run the build again with --workers 1, or with fewer documents") from None
            queue.extendleft(reversed(_retry(pending, deaths)))
            continue
        except BaseException:
            _tear_down(pool)
            raise
        pool.shutdown(wait=True)


def _warm_extractor() -> None:
    """Load what extraction loads on first use (vocabulary index, rule tables, parsers) in this process."""
    from kg.loaders.extract import warm_up

    warm_up()


#: seconds a result may stay missing after one of the pool's workers died before the pool counts as broken
_DEAD_WORKER_GRACE = 5.0


def _result(pool: ProcessPoolExecutor, future: Future[list[Any]]) -> list[Any]:
    """Wait for one result; a worker found dead with the result still missing breaks the pool (never hang)."""
    from concurrent.futures import TimeoutError as FuturesTimeout
    from concurrent.futures.process import BrokenProcessPool

    dead_since: float | None = None
    while True:
        try:
            return future.result(timeout=0.5)
        except FuturesTimeout:
            procs = list((getattr(pool, "_processes", None) or {}).values())
            if any(p.exitcode is not None for p in procs):
                dead_since = dead_since or time.monotonic()
                if time.monotonic() - dead_since > _DEAD_WORKER_GRACE:
                    raise BrokenProcessPool("a pool worker died and its results never came") from None


def _tear_down(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once: kill its workers, cancel what waits, join nothing.

    A worker killed while sending a result leaves half a message in the result pipe, and the
    pool's manager thread then waits for the rest for ever (so would the interpreter's exit,
    which joins it). Closing this process's write end of that pipe once the workers are dead
    turns the wait into end-of-file: the manager sees a broken pool and stops.
    """
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.kill()
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.join(5)
    with contextlib.suppress(Exception):
        pool._result_queue._writer.close()  # type: ignore[attr-defined]
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False, cancel_futures=True)


def _skipped(path: str) -> Future[list[Any]]:
    from concurrent.futures import Future

    done: Future[list[Any]] = Future()
    done.set_result([DocumentError(path, "its extraction worker died three times (out of memory, or killed); "
                                         "split the document, or build it alone with --workers 1")])
    return done


def _retry(pending: deque[tuple[list[str], Future[list[Any]]]], deaths: dict[tuple[str, ...], int]
           ) -> list[list[str] | _Dead]:
    """Return the chunks to run again after a worker died, split or skipped as they keep dying."""
    again: list[list[str] | _Dead] = []
    for chunk, _ in pending:
        key = tuple(chunk)
        deaths[key] = deaths.get(key, 0) + 1
        if len(chunk) > 1 and deaths[key] >= 2:
            again.extend([name] for name in chunk)
        elif len(chunk) == 1 and deaths[key] >= 3:
            again.append(_Dead(chunk[0]))
        else:
            again.append(chunk)
    return again


class _Dead(NamedTuple):
    """A document whose extraction killed its worker three times."""

    path: str


def _start_worker(known: Container[str], parent: int) -> None:
    """Pool worker setup: the known documents, and a watch that ends the worker when its build dies."""
    _set_known(known)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.25)
        os._exit(1)  # the build was killed: nobody will read our results

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def _set_known(known: Container[str]) -> None:
    global _KNOWN
    _KNOWN = known


@contextlib.contextmanager
def _known_in_process(known: Container[str]) -> Iterator[None]:
    """Forget ``known`` in this process when the build ends (closing its read connection, if any)."""
    try:
        yield
    finally:
        _set_known(frozenset())
        close = getattr(known, "close", None)
        if callable(close):
            close()


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
        out.append(facts_from_extraction(result).to_store() if isinstance(result, Extraction) else result)
    return out


def _extract_one(path: str, known: Container[str] = frozenset()) -> Extraction | _Unchanged | DocumentError:
    from kg.loaders.extract import extract
    from kg.loaders.readers import read_path

    try:
        doc = read_path(Path(path))
        key = document_key(doc.source, doc.id)
        if key in known:
            return _Unchanged(key, doc.source)
        return extract(doc)
    except DocumentError as exc:
        return exc
    except (KgError, ValueError, RecursionError, MemoryError) as exc:
        return DocumentError(path, f"extraction failed: {exc or type(exc).__name__}")
    except Exception as exc:  # noqa: BLE001 - one bad document must not sink the whole build
        return DocumentError(path, f"extraction failed ({type(exc).__name__}: {exc}); please report this file")
