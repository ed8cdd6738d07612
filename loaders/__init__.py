"""kg.loaders: read documents, segment them, extract roles, skills and the rest with evidence."""

__all__: list[str] = []
