"""kg.ontology: the ontology (kg.ttl, shapes.ttl), curated vocabularies and name resolution."""

__all__: list[str] = []
