"""A document's source as every export writes it: what the user passed, never a path inside kg's package.

The store keeps each document's resolved path (that is its identity: the same file reached by a
relative and an absolute path is one document). Exports show it the way a person would have typed it:

- a document of the bundled sample corpus becomes ``kg:corpus/NAME`` (stable across machines and
  virtual environments, whichever copy of the package read it);
- a path under the folder the export runs in becomes relative to that folder (``docs/cv.md``);
- anything else (another folder, a dataset row, a name an import brought) is written as recorded.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources

__all__ = ["public_source", "CORPUS_PREFIX"]

#: how exports name a document of the bundled corpus
CORPUS_PREFIX = "kg:corpus/"
#: a bundled corpus file of any installed copy of kg (site-packages/kg/loaders/corpus/NAME)
_INSTALLED_CORPUS = re.compile(r"[/\\]kg[/\\]loaders[/\\]corpus[/\\]([^/\\]+)\Z")


def public_source(source: str) -> str:
    """Return ``source`` as exports write it (see the module docstring).

    >>> public_source("/venv/lib/python3.11/site-packages/kg/loaders/corpus/cto.md")
    'kg:corpus/cto.md'
    >>> public_source("https://example.org/posting/1")
    'https://example.org/posting/1'
    """
    if not os.path.isabs(source):
        return source
    folder, name = os.path.split(source)
    if folder == _corpus_root() or _INSTALLED_CORPUS.search(source):
        return CORPUS_PREFIX + name
    cwd = os.getcwd()
    if source.startswith(cwd.rstrip(os.sep) + os.sep):
        return os.path.relpath(source, cwd)
    return source


@lru_cache(maxsize=1)
def _corpus_root() -> str:
    return os.path.realpath(str(resources.files("kg.loaders").joinpath("corpus")))
