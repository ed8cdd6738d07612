"""Rule tables as data: title grammar and ladder cues (``titles.toml``), move cues (``moves.toml``).

Each table carries ``[[example]]`` entries (a text and the facts it must yield) that
``tests/loaders/test_rules.py`` runs, so a new layout costs a rule row and an example.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load_rules"]


@cache
def load_rules(name: str) -> dict[str, Any]:
    """Return the parsed rule table ``rules/<name>.toml``."""
    data: dict[str, Any] = tomllib.loads(resources.files("kg.loaders.rules").joinpath(f"{name}.toml")
                                         .read_text(encoding="utf-8"))
    return data
