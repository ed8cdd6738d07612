"""Compiled regular expressions kept across processes: kg's ~200 patterns compiled once per machine, not per process.

:mod:`re` parses and compiles a pattern in pure Python; for kg's extraction rules that is about a
quarter of a one-document ``kg build`` (238 M of 815 M instructions). What it produces is a list of
integers (the program :mod:`_sre` runs) and the group names, which :func:`save` keeps in kg's cache
folder (:func:`kg.datafile.cache_dir`) as :mod:`marshal` data (plain tuples, dicts, strings, bytes and
numbers; no code is loaded from it; each program as the bytes of its 32-bit words, which load many
times faster than a list of integers). :func:`preload` hands each program to ``_sre.compile``, which
validates it, and puts the pattern into :mod:`re`'s own cache under the key ``re.compile`` looks up:
so ``re.compile(p, flags)`` anywhere returns a pattern equal to the one it would have compiled
(``==`` on patterns compares their programs), and no module that compiles a pattern changes.
Text and bytes patterns are kept alike, the standard library's too (``kg`` preloads before it imports
click, whose modules compile theirs at import).

The file is named by the Python version and the ``_sre`` magic number and starts with the exact
``sys.version``, byte order and word size, so another interpreter never uses it. An entry that cannot
be read, or a Python whose :mod:`re` does not keep its cache as this module expects, is ignored: the
pattern is then compiled as before. ``KG_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import importlib
import marshal
import os
import re
import sys
from typing import Any

from kg.datafile import cache_dir

__all__ = ["preload", "save", "MAX_ENTRIES"]

#: bumped when the cached form changes
_FORMAT = "kg-regex-2"
#: patterns kept at most (re keeps 512: seeding more would only push them out again)
MAX_ENTRIES = 400

_sre: Any = importlib.import_module("_sre")
#: (pattern, flags) -> its cached entry, for the patterns :func:`preload` put into re's cache
_loaded: dict[tuple[str | bytes, int], tuple[Any, ...]] = {}
_done = False


#: bytes of a C unsigned int, the word a program's bytes are read back in (``memoryview.cast("I")``)
_WORD = memoryview(bytes(8)).cast("I").itemsize


def _cache() -> dict[Any, Any] | None:
    """re's own cache of compiled patterns, when it is the dict this module knows (CPython 3.11-3.13)."""
    cache = getattr(re, "_cache", None)
    known = hasattr(_sre, "compile") and getattr(_sre, "CODESIZE", 0) == _WORD
    return cache if isinstance(cache, dict) and known else None


def _header() -> tuple[Any, ...]:
    """What the file starts with: a file made by any other interpreter or format is not read."""
    return _FORMAT, sys.version, getattr(_sre, "MAGIC", 0), sys.byteorder, _WORD


def _file() -> str | None:
    folder = cache_dir()
    if folder is None:
        return None
    name = f"regex.{sys.implementation.cache_tag}-{sys.hexversion:x}-{getattr(_sre, 'MAGIC', 0)}.marshal"
    return os.path.join(folder, name)


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
            data = marshal.loads(fh.read())
    except (OSError, ValueError, EOFError, TypeError):
        return
    if not (isinstance(data, tuple) and len(data) == 2 and data[0] == _header() and isinstance(data[1], list)):
        return
    for entry in data[1]:
        with contextlib.suppress(TypeError, ValueError, RuntimeError):  # RuntimeError: "invalid SRE code"
            pattern, flags, all_flags, code, groups, groupindex, indexgroup = entry
            kind = type(pattern)
            if kind is str or kind is bytes:
                key = (kind, pattern, flags)
                if key not in cache:  # (one compiled before this ran stays as it is)
                    words = memoryview(code).cast("I").tolist()  # TypeError unless bytes of whole words
                    cache[key] = _sre.compile(pattern, all_flags, words, groups, groupindex, indexgroup)
                _loaded[pattern, flags] = entry


def save() -> None:
    """Keep the programs of the patterns this process compiled that the cache lacks (nothing when none did)."""
    cache, path = _cache(), _file()
    if cache is None or path is None:
        return
    new = [(key[1], key[2]) for key in list(cache) if _is_pattern_key(key) and (key[1], key[2]) not in _loaded]
    if not new or len(_loaded) >= MAX_ENTRIES:
        return  # nothing to add, or no room: the file stays as it is (new patterns do not push kg's own out)
    entries: list[tuple[Any, ...]] = []
    for pattern, flags in new:
        entry = _program(pattern, flags)
        if entry is not None and _rebuilt(entry) == cache.get((type(pattern), pattern, flags)):
            entries.append(entry)  # only what rebuilds to exactly the pattern re compiled
    entries = [*_loaded.values(), *entries]  # what the file holds first: past the cap, new patterns are cut
    _write(path, entries[:MAX_ENTRIES])
    _loaded.update(((e[0], e[1]), e) for e in entries[:MAX_ENTRIES])


def _is_pattern_key(key: Any) -> bool:
    return (isinstance(key, tuple) and len(key) == 3 and key[0] in (str, bytes) and type(key[1]) is key[0]
            and isinstance(key[2], int))


def _program(pattern: str | bytes, flags: int) -> tuple[Any, ...] | None:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for this pattern, as marshal-able values."""
    import array  # (only when saving)

    try:
        parser: Any = importlib.import_module("re._parser")
        compiler: Any = importlib.import_module("re._compiler")
        tree = parser.parse(pattern, flags)
        code = array.array("I", [int(op) for op in compiler._code(tree, flags)]).tobytes()
        groupindex = {str(name): int(i) for name, i in tree.state.groupdict.items()}
        indexgroup: list[str | None] = [None] * tree.state.groups
    except Exception:  # noqa: BLE001 - another re than this module knows: leave the pattern out
        return None
    for name, i in groupindex.items():
        indexgroup[i] = name
    return pattern, flags, flags | tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup)


def _rebuilt(entry: tuple[Any, ...]) -> Any:
    pattern, _flags, all_flags, code, groups, groupindex, indexgroup = entry
    try:
        return _sre.compile(pattern, all_flags, memoryview(code).cast("I").tolist(), groups, groupindex, indexgroup)
    except (TypeError, ValueError, RuntimeError):
        return None


def _write(path: str, entries: list[tuple[Any, ...]]) -> None:
    """Write the cache file atomically (a reader never sees half of it); failures are ignored."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump((_header(), entries), fh)
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
