"""kg.graph: the data model, the embedded SQLite store, build pipeline, projections and exports."""

__all__: list[str] = []
