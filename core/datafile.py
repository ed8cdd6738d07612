"""Read kg's bundled data files (vocabularies, rule tables) fast: parsed once per machine, not per process.

Parsing the vocabularies with :mod:`tomllib` (pure Python) costs more than reading a whole
document, and every ``kg build`` process and worker paid it. The parsed tables are kept in
the user's cache folder as :mod:`marshal` data (plain dicts, lists, strings and numbers; no
code is ever loaded from it), named by a SHA-256 of the file's bytes and the Python version,
so an edited or upgraded file is parsed afresh and a stale entry is never read. :func:`derived`
keeps values computed from files the same way (the vocabulary's match keys, named by the bytes of
the vocabularies and of the code that computes them). A cache that cannot be read or written is
ignored: the value is then computed as before.

The folder is ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/career-kg``, else ``~/.cache/career-kg``;
``KG_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["load_toml", "derived", "cache_dir", "data_path"]

#: bumped when the cached form changes
_FORMAT = b"kg-toml-1"


def data_path(module_file: str, *parts: str) -> str:
    """The path of a data file shipped next to a module (``data_path(__file__, "vocab", "roles.toml")``)."""
    return os.path.join(os.path.dirname(os.path.abspath(module_file)), *parts)


def cache_dir() -> str | None:
    """The folder of kg's caches, or None when ``KG_CACHE_DIR=off``."""
    explicit = os.environ.get("KG_CACHE_DIR", "").strip()
    if explicit.lower() == "off":
        return None
    if explicit:
        return os.path.expanduser(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "career-kg")


def load_toml(path: str) -> dict[str, Any]:
    """Return the parsed TOML file at ``path``, from the cache when it holds these exact bytes.

    Each call returns new objects (parsed or unmarshalled afresh): the caller may take them apart.
    """
    with open(path, "rb") as fh:
        raw = fh.read()
    value = _cached(os.path.basename(path), [raw], lambda: _parse(raw), dict)
    assert isinstance(value, dict)
    return value


def derived(name: str, sources: list[str], build: Callable[[], list[Any]]) -> list[Any]:
    """Return ``build()``, a list of plain values computed from the files ``sources`` only (their data and
    the code that reads them), from the cache when those files hold the same bytes as when it was built."""
    contents = []
    for path in sources:
        with open(path, "rb") as fh:
            contents.append(fh.read())
    value = _cached(name, contents, build, list)
    assert isinstance(value, list)
    return value


def _cached(name: str, contents: list[bytes], build: Callable[[], Any], kind: type) -> Any:
    folder = cache_dir()
    if folder is None:
        return build()
    import hashlib  # here: kg.regexcache imports this module for cache_dir() before every command

    digest = hashlib.sha256(_FORMAT + sys.version.encode())
    for raw in contents:
        digest.update(b"\0%d\0" % len(raw) + raw)
    cached = os.path.join(folder, f"{name}.{digest.hexdigest()[:32]}.marshal")
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        with open(cached, "rb") as fh:
            value = marshal.loads(fh.read())  # marshal.load(fh) reads in small pieces: several times slower
        if isinstance(value, kind):
            return value
    value = build()
    _store(folder, cached, value)
    return value


def _parse(raw: bytes) -> dict[str, Any]:
    import tomllib

    return tomllib.loads(raw.decode("utf-8"))


def _store(folder: str, cached: str, value: Any) -> None:
    """Write the cache entry atomically (a reader never sees half of it); failures are ignored."""
    tmp = f"{cached}.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump(value, fh)
        os.replace(tmp, cached)
        stem = os.path.basename(cached).split(".")[0]
        for name in os.listdir(folder):  # entries of older versions of the same file
            if name.startswith(f"{stem}.") and name.endswith(".marshal") and name != os.path.basename(cached):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
