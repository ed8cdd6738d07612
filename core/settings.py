"""Where kg keeps its store, read from the environment."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["default_store_path", "default_store_file"]


def default_store_file() -> str:
    """Return the store file name: ``$KG_STORE``, else ``$XDG_DATA_HOME/career-kg/kg.sqlite``.

    The text form of :func:`default_store_path`, for the start of a command (pathlib costs more to
    import than a cold ``kg path`` can afford).
    """
    explicit = os.environ.get("KG_STORE")
    if explicit:
        return os.path.expanduser(explicit)
    data_home = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(data_home, "career-kg", "kg.sqlite")


def default_store_path() -> Path:
    """Return the store path: ``$KG_STORE``, else ``$XDG_DATA_HOME/career-kg/kg.sqlite``."""
    from pathlib import Path

    return Path(default_store_file())
