"""Rule tables as data: title grammar and ladder cues (``titles.toml``), move cues (``moves.toml``).

Each table carries ``[[example]]`` entries (a text and the facts it must yield) that
``tests/loaders/test_rules.py`` runs, so a new layout costs a rule row and an example.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from kg.datafile import data_path, load_toml

__all__ = ["load_rules"]


@cache
def load_rules(name: str) -> dict[str, Any]:
    """Return the parsed rule table ``rules/<name>.toml``."""
    return load_toml(data_path(__file__, f"{name}.toml"))
