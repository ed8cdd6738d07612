"""kg.graph.export: file exports (the format registry with atomic replace, JSON, GraphML)."""

__all__: list[str] = []
