"""Where kg keeps its store, read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["default_store_path"]


def default_store_path() -> Path:
    """Return the store path: ``$KG_STORE``, else ``$XDG_DATA_HOME/career-kg/kg.sqlite``."""
    explicit = os.environ.get("KG_STORE")
    if explicit:
        return Path(explicit).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "career-kg" / "kg.sqlite"
