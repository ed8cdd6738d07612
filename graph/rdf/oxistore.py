"""The whole RDF graph in an on-disk Oxigraph store beside the SQLite file, built once per change of the store.

The store lives in ``<store>.oxigraph/<key>/``: ``key`` hashes the store's fingerprint
(:func:`kg.graph.cypher.rows.store_fingerprint`, as the ladybug Cypher cache uses), the source of the RDF
projection and the pyoxigraph version, so any change of the store or of the triples makes a new one.
It holds exactly the triples ``kg export --format nt`` (and ``ttl``) writes, evidence and documents
included: :func:`kg.graph.rdf.write.export_ntriples` writes them into a pipe that Oxigraph's bulk
loader reads in a second thread, so the graph is never held in memory.

Built in ``.build-PID-*`` and renamed into place only when complete (with a ``complete.json`` marker):
an interrupted or failed build is never opened, and folders of builds whose process died are removed.
Later calls open the store read-only, which takes milliseconds.
"""

from __future__ import annotations

import atexit
import errno
import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from kg.atomic import build_folder
from kg.errors import SparqlError
from kg.plugins import require

if TYPE_CHECKING:
    from collections.abc import Iterator

    from kg.graph.model import Edge, Evidence, Node
    from kg.graph.protocols import GraphReader

__all__ = ["open_oxigraph", "oxigraph_key", "OXIGRAPH_SUFFIX", "MARKER"]

#: the cache folder is the store's path plus this
OXIGRAPH_SUFFIX = ".oxigraph"
#: written last inside a build: a folder without it is a half-built store and is never opened
MARKER = "complete.json"
#: bump when the way the store is loaded changes (the projection's source is hashed anyway)
LOAD_VERSION = 1
#: modules and data whose source decides the triples: a change to any of them rebuilds the store
_PROJECTION_SOURCES = ("kg.graph.rdf.project", "kg.graph.rdf.terms", "kg.graph.rdf.write", "kg.ontology.namespace")
#: seconds between "still building" notes
TICK = 15.0

Progress = Callable[[str], None]
T = TypeVar("T")


def oxigraph_key(store: GraphReader) -> str:
    """Return the cache key of ``store``: it changes when the store, the RDF projection or pyoxigraph changes."""
    import pyoxigraph

    from kg.graph.cypher.rows import store_fingerprint

    h = hashlib.sha256(f"{LOAD_VERSION}\t{pyoxigraph.__version__}\t{store_fingerprint(store)}\n".encode())
    for module in _PROJECTION_SOURCES:
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.origin:
            h.update(Path(spec.origin).read_bytes())
    ontology = importlib.util.find_spec("kg.ontology")
    if ontology is not None and ontology.origin:
        h.update((Path(ontology.origin).parent / "vocab" / "esco_links.toml").read_bytes())
    return h.hexdigest()[:16]


def open_oxigraph(store: GraphReader, *, cache_dir: Path | None = None, progress: Progress | None = None) -> Any:
    """Return a read-only ``pyoxigraph.Store`` holding the whole graph of ``store``, building it first if stale.

    ``cache_dir`` defaults to ``<store>.oxigraph`` (a temporary folder for an in-memory or read-only
    store); ``progress`` receives the notes of a build (the CLI prints them on stderr).

    Raises:
        SparqlError: the disk filled up or the cache folder cannot be written (nothing is left behind).
    """
    require("rdf", "pyoxigraph", "the Oxigraph SPARQL engine")
    import pyoxigraph

    key = oxigraph_key(store)
    shared = False
    if cache_dir is None:
        default = Path(str(store.path) + OXIGRAPH_SUFFIX) if store.path is not None else None
        shared = default is None or not _writable(default)
        cache_dir = _process_cache() if shared else default
    assert cache_dir is not None
    target = cache_dir / key
    if target.exists() and not (target / MARKER).is_file():
        shutil.rmtree(target, ignore_errors=True)  # not ours, or damaged: never open a half-built store
    if not target.exists():
        _build(store, cache_dir, target, progress or (lambda _: None), drop_others=not shared)
    try:
        return pyoxigraph.Store.read_only(str(target / "db"))
    except OSError as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise SparqlError(f"the SPARQL store {target} could not be opened ({exc}); it was removed: run the "
                          "query again to rebuild it") from exc


@lru_cache(maxsize=1)
def _process_cache() -> Path:
    """Return this process's cache folder for stores with nowhere to keep theirs (in memory, read-only folder)."""
    tmp = tempfile.mkdtemp(prefix="kg-oxigraph-")
    atexit.register(shutil.rmtree, tmp, True)
    return Path(tmp)


def _writable(cache: Path) -> bool:
    if cache.is_dir():
        return os.access(cache, os.W_OK)
    return os.access(cache.parent, os.W_OK)


def _build(store: GraphReader, cache: Path, target: Path, progress: Progress, *, drop_others: bool = True) -> None:
    """Load the graph into ``.build-PID-*``, mark it complete, rename it to ``target``, drop older stores."""
    counts = store.counts()
    nodes, edges = sum(counts["nodes"].values()), sum(counts["edges"].values())
    progress(f"building the SPARQL store {target} (once per change of the store: {nodes:,} nodes, "
             f"{edges:,} relationships, {counts['totals'].get('evidence', 0):,} evidence rows) ...")
    started = time.monotonic()
    try:
        work = build_folder(cache)
    except OSError as exc:
        raise _cache_error(cache, exc) from exc
    totals = {"nodes": nodes, "relationships": edges, "evidence rows": counts["totals"].get("evidence", 0)}
    try:
        triples = _load(store, work / "db", progress, started, totals)
        (work / MARKER).write_text(json.dumps({"triples": triples, "seconds": round(time.monotonic() - started, 1)})
                                   + "\n", encoding="utf-8")
        try:
            work.rename(target)
        except OSError:
            if not (target / MARKER).is_file():  # another process may have built the same key meanwhile
                raise
    except (OSError, SyntaxError, RuntimeError) as exc:
        raise _cache_error(cache, exc) from exc
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    for old in cache.iterdir() if drop_others else ():
        if old != target and not old.name.startswith(".build-"):
            shutil.rmtree(old, ignore_errors=True)
    progress(f"built the SPARQL store: {triples:,} triples in {time.monotonic() - started:.1f} s")


def _load(store: GraphReader, db: Path, progress: Progress, started: float, totals: dict[str, int]) -> int:
    """Bulk-load the N-Triples export into a new Oxigraph store at ``db``; return its number of triples.

    The export is written (in this thread: SQLite connections stay in their thread) into a pipe that
    the bulk loader reads in a worker thread; it releases the GIL, so both run at once.
    """
    import pyoxigraph

    from kg.graph.rdf.write import export_ntriples

    ox = pyoxigraph.Store(str(db))
    if not Path("/dev/fd").is_dir():  # no way to name a pipe: go through a file
        nt = db.parent / "graph.nt"
        export_ntriples(store, nt)
        ox.bulk_load(path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES)
        nt.unlink()
        return _finish(ox)
    read_fd, write_fd = os.pipe()
    box: dict[str, BaseException] = {}

    def load() -> None:
        try:
            ox.bulk_load(path=f"/dev/fd/{read_fd}", format=pyoxigraph.RdfFormat.N_TRIPLES)
        except BaseException as exc:  # noqa: BLE001 - handed back to the building thread
            box["error"] = exc
        finally:
            os.close(read_fd)  # a writer still writing gets EPIPE at once

    loader = threading.Thread(target=load, name="kg-oxigraph-load", daemon=True)
    counting = _Counting(store)
    ticker = _Ticker(progress, started, counting.seen, totals)
    loader.start()
    ticker.start()
    written = False
    try:
        try:
            export_ntriples(cast("GraphReader", counting), Path(f"/dev/fd/{write_fd}"))
            written = True
        except BrokenPipeError:
            if "error" not in box:
                raise
            written = True
        finally:
            os.close(write_fd)  # end of input for the loader
            # after Ctrl-C or a failed export, wait only briefly: the folder is discarded anyway, and a
            # .build-PID-* folder left by a process that has exited is removed by the next build
            loader.join(None if written else 1.0)
    finally:
        ticker.stop()
    if "error" in box:
        raise box["error"]
    return _finish(ox)


def _finish(ox: Any) -> int:
    """Flush the new store, count its triples and close it (before it is renamed and reopened read-only)."""
    ox.flush()
    triples = len(ox)
    del ox
    import gc

    gc.collect()
    return triples


class _Counting:
    """The store, counting the nodes, relationships and evidence rows read from it (for the progress notes)."""

    def __init__(self, store: GraphReader) -> None:
        self._store = store
        self.seen: dict[str, int] = {"nodes": 0, "relationships": 0, "evidence rows": 0}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def nodes(self, type_: str | None = None) -> Iterator[Node]:
        return self._count("nodes", self._store.nodes(type_))

    def edges(self, type_: str | None = None) -> Iterator[Edge]:
        return self._count("relationships", self._store.edges(type_))

    def all_evidence(self, type_: str | None = None) -> Iterator[Evidence]:
        return self._count("evidence rows", self._store.all_evidence(type_))

    def _count(self, what: str, rows: Iterator[T]) -> Iterator[T]:
        for row in rows:
            self.seen[what] += 1
            yield row


class _Ticker:
    """Print how far the build is every :data:`TICK` seconds while it runs."""

    def __init__(self, progress: Progress, started: float, seen: dict[str, int], totals: dict[str, int]) -> None:
        self._progress = progress
        self._started = started
        self._seen = seen
        self._totals = totals
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kg-oxigraph-progress", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._done.set()

    def _run(self) -> None:
        while not self._done.wait(TICK):
            done = ", ".join(f"{self._seen[k]:,}/{v:,} {k}" for k, v in self._totals.items())
            self._progress(f"  still building the SPARQL store ({time.monotonic() - self._started:.0f} s): "
                           f"{done} written")


def _cache_error(cache: Path, exc: BaseException) -> SparqlError:
    text = str(exc).strip()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "space" in text.lower():
        return SparqlError(f"the disk is full: cannot build the SPARQL store in {cache}; nothing was left "
                           "behind: free some space and run the query again")
    return SparqlError(f"cannot build the SPARQL store in {cache} ({text}); check that folder, or run "
                       "with --engine rdflib (in memory)")
