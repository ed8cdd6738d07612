"""kg.queries.viz: the offline HTML view (select a subgraph, turn it into view data, render the page)."""

__all__: list[str] = []
