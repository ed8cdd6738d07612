"""kg.queries.library: named, parameterised questions (Cypher and SPARQL files) and the engines they run on."""

__all__: list[str] = []
