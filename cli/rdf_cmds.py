"""RDF commands: validate (SHACL) and sparql (the query library or a query of your own)."""

from __future__ import annotations

import re
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
from kg.cli.rows_output import params_file_option, read_params_file

__all__ = ["COMMANDS"]


@click.command()
@click.argument("rdf_file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@json_option
@kg_errors
def validate(rdf_file: Path | None, store_path: Path | None, as_json: bool) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); exit 1 on violations.

    Without RDF_FILE the store is exported and checked; with it, that Turtle,
    N-Triples or JSON-LD file is. Each violation names the node, the property
    and what is wrong.

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
@params_file_option
@list_option
@click.option("--backend", type=click.Choice(["auto", "oxigraph", "memory"]), default="auto", show_default=True,
              help="RDF store for the query: oxigraph when oxrdflib is installed, else rdflib's memory store.")
@store_option
@json_option
@kg_errors
def sparql(query: str | None, params: tuple[str, ...], params_file: Path | None, list_queries: bool, backend: str,
           store_path: Path | None, as_json: bool) -> None:
    """Run a library SPARQL query by name, or a SELECT/ASK query text, over the graph.

    Values are bound with initBindings, never pasted into the query text.

    Example: kg sparql skill-gap --param from=ml-engineer --param to=cto
    """
    from kg.cli.questions_view import note_renamed, print_questions
    from kg.queries.library.questions import questions
    from kg.queries.library.sparql import answer, library

    if list_queries:
        print_questions({n: q for n, q in questions().items() if n in library()}, "sparql", as_json)
        return
    if not query:
        raise click.UsageError("give a query name or text, or --list to see the library")
    bound = read_params_file(params_file) | split_params(params)
    if re.match(r"^[A-Za-z][\w-]*$", query.strip()):
        note_renamed(query.strip())
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


COMMANDS = [validate, sparql]
