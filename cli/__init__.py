"""kg.cli: the click command line (parse, call one library function, render text or --json)."""

__all__: list[str] = []
