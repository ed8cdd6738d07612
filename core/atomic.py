"""Write an output file or folder whole or not at all: never through a planted link, never over a kg store.

The writer gets a path inside a private folder made with :func:`tempfile.mkdtemp`
beside the target (exclusive, mode 0700), so no link planted at a guessable
temporary name is ever followed; on success the result is renamed over the
target, on any failure the private folder goes and the target stays as it was.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from kg.errors import ExportError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["replacing", "refuse_store_target", "build_folder", "SQLITE_HEADER"]

SQLITE_HEADER = b"SQLite format 3\x00"


def refuse_store_target(out: Path, store_path: Path | None) -> None:
    """Raise :class:`ExportError` if ``out`` is the store, or any other SQLite database (it would be replaced)."""
    if store_path is not None and out.exists() and store_path.exists() and os.path.samefile(out, store_path):
        raise ExportError(f"{out} is the kg store itself; writing there would replace your graph: choose another "
                          "-o file")
    if out.is_file():
        try:
            with open(out, "rb") as fh:
                head = fh.read(len(SQLITE_HEADER))
        except OSError:
            return
        if head == SQLITE_HEADER:
            raise ExportError(f"{out} is an SQLite database (a kg store?); kg will not replace it: choose another "
                              "-o file")


@contextmanager
def replacing(out: Path, *, store_path: Path | None = None) -> Iterator[Path]:
    """Yield a fresh path to write; on success it replaces ``out`` (a file, or a folder kg wrote before).

    Raises:
        ExportError: ``out`` is the store, its folder is missing, the disk is full or it cannot be written.
    """
    from pathlib import Path  # here, not at the top: every `kg path` imports this module for SQLITE_HEADER

    out = Path(out)
    refuse_store_target(out, store_path)
    if out.exists() and not (out.is_file() or out.is_dir()):
        raise ExportError(f"{out} is not a regular file (a device, pipe or socket); kg replaces only files it "
                          "could have written: choose another -o path")
    parent = out.parent
    if not parent.is_dir():
        raise ExportError(f"folder {parent} does not exist; create it or choose another -o path")
    try:
        import tempfile

        work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".kg-part", dir=parent))
    except OSError as exc:
        raise _write_error(out, exc) from exc
    try:
        tmp = work / out.name
        yield tmp
        if tmp.is_dir() and not tmp.is_symlink():
            _replace_folder(tmp, out, work)
        else:
            os.replace(tmp, out)
    except OSError as exc:
        raise _write_error(out, exc) from exc
    finally:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def _write_error(out: Path, exc: OSError) -> ExportError:
    if exc.errno == errno.ENOSPC:
        return ExportError(f"the disk is full: cannot write {out}; it is unchanged and nothing was left behind. "
                           "Free some space and try again")
    return ExportError(f"cannot write {out}: {exc.strerror or exc}; choose another -o path")


def _replace_folder(tmp: Path, out: Path, work: Path) -> None:
    """Move a folder export into place; an existing ``out`` is replaced only if it holds nothing else."""
    if out.exists():
        mine = {p.name for p in tmp.iterdir()}
        if not out.is_dir() or out.is_symlink() or any(p.is_dir() or p.name not in mine for p in out.iterdir()):
            raise ExportError(f"{out} exists and holds other files; choose a new or empty folder for -o")
        old = work / ".previous"
        out.rename(old)
        tmp.rename(out)
    else:
        tmp.rename(out)


def build_folder(cache: Path) -> Path:
    """Return a new private ``cache/.build-PID-*`` folder for a cache being built (renamed into place when whole).

    Folders that builds left behind when their process died (a kill mid-build) are removed first.

    Raises:
        OSError: the cache folder cannot be made or written.
    """
    import shutil
    import tempfile
    from pathlib import Path

    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(".build-*"):
        pid = old.name.split("-")[1]
        if not pid.isdigit() or (int(pid) != os.getpid() and not _alive(int(pid))):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f".build-{os.getpid()}-", dir=cache))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True

