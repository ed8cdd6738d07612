"""kg.graph.ingest: documents into the store (extraction mapped to facts, the parallel build pipeline)."""

__all__: list[str] = []
