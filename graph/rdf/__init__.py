"""kg.graph.rdf: the RDF mirror of the store (terms, projection, writers, reader, SHACL validation)."""

__all__: list[str] = []
