"""RDF commands: validate (SHACL) and sparql (the query library or a query of your own)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import click

from kg.cli.options import (
    emit_json,
    json_option,
    kg_errors,
    list_option,
    open_store,
    params_option,
    split_params,
    store_option,
    warn,
)

__all__ = ["COMMANDS"]


@click.command()
@click.argument("rdf_file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@json_option
@kg_errors
def validate(rdf_file: Path | None, store_path: Path | None, as_json: bool) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); exit 1 on violations.

    Without RDF_FILE the store is exported and checked a few thousand triples
    at a time (memory stays flat); with it, that Turtle, N-Triples or JSON-LD
    file is (JSON-LD read by a standard JSON-LD 1.1 processor). Each violation
    names the node, the property and what is wrong.

    Example: kg validate --json
    """
    from kg.graph.rdf.shacl import validate_graph, validate_store

    if rdf_file is not None:
        from kg.graph.rdf.read import read_rdf

        report = validate_graph(read_rdf(rdf_file))
    else:
        with open_store(store_path) as store:
            report = validate_store(store)
    if as_json:
        emit_json(report)
    else:
        for v in report.violations:
            click.echo(str(v))
        if report.conforms:
            click.echo(f"conforms: {report.triples} triples, no violations")
    if not report.conforms:
        warn(f"{len(report.violations)} violation(s) in {report.triples} triples; see ontology/shapes.ttl")
        click.get_current_context().exit(1)


@click.command()
@click.argument("query", required=False)
@params_option("Bind a query parameter (repeatable); roles and skills may be given by name.")
@list_option
@click.option("--backend", type=click.Choice(["auto", "oxigraph", "memory"]), default="auto", show_default=True,
              help="RDF store for the query: oxigraph when oxrdflib is installed, else rdflib's memory store.")
@store_option
@json_option
@kg_errors
def sparql(query: str | None, params: tuple[str, ...], list_queries: bool, backend: str,
           store_path: Path | None, as_json: bool) -> None:
    """Run a library SPARQL query by name, or a SELECT/ASK query text, over the graph.

    Values are bound with initBindings, never pasted into the query text.

    Example: kg sparql gap --param source=ml-engineer --param target=cto
    """
    from kg.queries.library.sparql import answer, library

    if list_queries:
        _list(library(), as_json)
        return
    if not query:
        raise click.UsageError("give a query name or text, or --list to see the library")
    bound = split_params(params)
    with open_store(store_path) as store:
        result = answer(store, query, bound, backend=backend)
    if as_json:
        emit_json(result)
    elif result.boolean is not None:
        click.echo("true" if result.boolean else "false")
    else:
        click.echo("\t".join(result.columns))
        for row in result.rows:
            click.echo("\t".join("" if row[c] is None else str(row[c]) for c in result.columns))


def _list(queries: Mapping[str, object], as_json: bool) -> None:
    from kg.queries.library.sparql import QueryDef

    defs = [q for q in queries.values() if isinstance(q, QueryDef)]
    if as_json:
        click.echo(json.dumps([{"name": q.name, "summary": q.summary,
                                "params": {p: {"kind": k, "description": d} for p, (k, d) in q.params.items()}}
                               for q in defs], indent=2, ensure_ascii=False))
        return
    for q in defs:
        args = " ".join(f"--param {p}=<{k}>" for p, (k, _) in q.params.items())
        click.echo(f"{q.name}: {q.summary}\n    kg sparql {q.name} {args}".rstrip())


COMMANDS = [validate, sparql]
