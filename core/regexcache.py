"""Compiled regular expressions kept across processes: kg's ~200 patterns compiled once per machine, not per process.

:mod:`re` parses and compiles a pattern in pure Python; for kg's extraction rules that is about a
quarter of a one-document ``kg build`` (238 M of 815 M instructions). What it produces is a list of
integers (the program :mod:`_sre` runs) and the group names, which :func:`save` keeps in kg's cache
folder (:func:`kg.datafile.cache_dir`) as :mod:`marshal` data (plain lists, dicts, strings and
numbers; no code is loaded from it). :func:`preload` hands each program to ``_sre.compile``, which
validates it, and puts the pattern into :mod:`re`'s own cache under the key ``re.compile`` looks up:
so ``re.compile(p, flags)`` anywhere returns a pattern equal to the one it would have compiled
(``==`` on patterns compares their programs), and no module that compiles a pattern changes.

The file is named by the Python version and the ``_sre`` magic number, so another interpreter never
reads it. An entry that cannot be read, or a Python whose :mod:`re` does not keep its cache as this
module expects, is ignored: the pattern is then compiled as before. ``KG_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import marshal
import os
import re
import sys
from typing import Any

from kg.datafile import cache_dir

__all__ = ["preload", "save", "MAX_ENTRIES"]

#: bumped when the cached form changes
_FORMAT = b"kg-regex-1"
#: patterns kept at most (re keeps 512: seeding more would only push them out again)
MAX_ENTRIES = 400

_sre: Any = importlib.import_module("_sre")
#: (pattern, flags) -> its cached entry, for the patterns :func:`preload` put into re's cache
_loaded: dict[tuple[str, int], tuple[Any, ...]] = {}
_done = False


def _cache() -> dict[Any, Any] | None:
    """re's own cache of compiled patterns, when it is the dict this module knows (CPython 3.11-3.13)."""
    cache = getattr(re, "_cache", None)
    return cache if isinstance(cache, dict) and hasattr(_sre, "compile") else None


def _file() -> str | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(_FORMAT + sys.version.encode() + b"\0%d" % getattr(_sre, "MAGIC", 0)).hexdigest()
    return os.path.join(folder, f"regex.{digest[:32]}.marshal")


def preload() -> None:
    """Put the cached patterns into re's cache (once per process; nothing when there is no cache)."""
    global _done
    if _done:
        return
    _done = True
    cache, path = _cache(), _file()
    if cache is None or path is None:
        return
    try:
        with open(path, "rb") as fh:
            entries = marshal.loads(fh.read())
    except (OSError, ValueError, EOFError, TypeError):
        return
    if not isinstance(entries, list):
        return
    for entry in entries:
        with contextlib.suppress(TypeError, ValueError, RuntimeError):  # RuntimeError: "invalid SRE code"
            pattern, flags, all_flags, code, groups, groupindex, indexgroup = entry
            key = (str, pattern, flags)
            if isinstance(pattern, str):
                if key not in cache:  # (one compiled before this ran stays as it is)
                    cache[key] = _sre.compile(pattern, all_flags, code, groups, groupindex, indexgroup)
                _loaded[pattern, flags] = entry


def save() -> None:
    """Keep the programs of the patterns this process compiled that the cache lacks (nothing when none did)."""
    cache, path = _cache(), _file()
    if cache is None or path is None:
        return
    new = [(key[1], key[2]) for key in list(cache) if _is_str_key(key) and (key[1], key[2]) not in _loaded]
    if not new:
        return
    entries: list[tuple[Any, ...]] = []
    for pattern, flags in new:
        entry = _program(pattern, flags)
        if entry is not None and _rebuilt(entry) == cache.get((str, pattern, flags)):
            entries.append(entry)  # only what rebuilds to exactly the pattern re compiled
    entries.extend(_loaded.values())
    _write(path, entries[:MAX_ENTRIES])
    _loaded.update(((e[0], e[1]), e) for e in entries[:MAX_ENTRIES])


def _is_str_key(key: Any) -> bool:
    return (isinstance(key, tuple) and len(key) == 3 and key[0] is str and isinstance(key[1], str)
            and isinstance(key[2], int))


def _program(pattern: str, flags: int) -> tuple[Any, ...] | None:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for this pattern, as marshal-able values."""
    try:
        parser: Any = importlib.import_module("re._parser")
        compiler: Any = importlib.import_module("re._compiler")
        tree = parser.parse(pattern, flags)
        code = [int(op) for op in compiler._code(tree, flags)]
        groupindex = {str(name): int(i) for name, i in tree.state.groupdict.items()}
        indexgroup: list[str | None] = [None] * tree.state.groups
    except Exception:  # noqa: BLE001 - another re than this module knows: leave the pattern out
        return None
    for name, i in groupindex.items():
        indexgroup[i] = name
    return pattern, flags, flags | tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup)


def _rebuilt(entry: tuple[Any, ...]) -> Any:
    try:
        return _sre.compile(entry[0], *entry[2:])
    except (TypeError, ValueError, RuntimeError):
        return None


def _write(path: str, entries: list[tuple[Any, ...]]) -> None:
    """Write the cache file atomically (a reader never sees half of it); failures are ignored."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump(entries, fh)
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
