"""kg.loaders: read documents, segment them, extract roles, skills and the rest with evidence."""

from kg.regexcache import preload

preload()  # before any loader compiles its patterns: they come compiled from the cache (see kg.regexcache)

__all__: list[str] = []
