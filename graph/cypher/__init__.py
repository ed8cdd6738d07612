"""kg.graph.cypher: Cypher statements, row streams, the embedded ladybug engine, Neo4j, Cypher files."""

__all__: list[str] = []
