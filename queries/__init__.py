"""kg.queries: career questions (path, unlock, gap, next, similar, show), Cypher/SPARQL libraries and views."""

__all__: list[str] = []
