"""Normalise names and make stable slug ids from them."""

from __future__ import annotations

import re

__all__ = ["normalize", "slugify", "singular"]

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "’": "'", "‘": "'"})
#: anything but letters and digits of any script, ``+`` and ``#`` (so "Программирование" keeps its letters)
_NON_WORD = re.compile(r"[^\w+#]+|_")


def normalize(name: str) -> str:
    """Return the matching key of a name: lower case, ``&`` as ``and``, punctuation folded.

    >>> normalize("AI/ML Engineering-Manager")
    'ai ml engineering manager'
    >>> normalize("C++ & C#")
    'c++ and c#'
    >>> normalize("Машинное обучение"), normalize("Руthon")  # any script; look-alikes stay apart
    ('машинное обучение', 'руthon')
    """
    if name.isascii():  # NFKC and the dash folding change no ASCII text
        text = name.lower().replace("&", " and ")
    else:
        import unicodedata  # loaded on first use: most names need none

        text = unicodedata.normalize("NFKC", name).translate(_DASHES).lower().replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", text).split())


def slugify(name: str) -> str:
    """Return a stable id for a name: normalised words joined by ``-``.

    >>> slugify("Senior ML Engineer")
    'senior-ml-engineer'
    >>> slugify("C++")
    'cpp'
    """
    text = normalize(name).replace("c++", "cpp").replace("c#", "csharp").replace("+", "plus")
    return text.replace("#", "sharp").replace(" ", "-") or "unnamed"


def singular(word: str) -> str:
    """Return a crude singular of an English word, for plural-insensitive matching.

    >>> singular("engineers"), singular("libraries"), singular("analysis"), singular("processes")
    ('engineer', 'library', 'analysis', 'process')
    """
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "ics")):
        return word  # every plural ending below ends in "s"
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word
