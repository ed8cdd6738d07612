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
def validate(rdf_file: Path | None, store_path: str | None, as_json: bool) -> None:
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
@params_option("Bind a parameter (repeatable). Library questions resolve node names and aliases; in a query "
               "text a value naming a node is its IRI, <iri> an IRI, \"text\" or anything else a string.")
@params_file_option
@list_option
@click.option("--engine", type=click.Choice(["auto", "oxigraph", "rdflib"]), default="auto", show_default=True,
              help="oxigraph: a persistent on-disk store beside the store file, built on the first call; "
                   "rdflib: the graph in memory, built on every call. auto is oxigraph when pyoxigraph is installed.")
@click.option("--backend", type=click.Choice(["auto", "oxigraph", "memory"]), default=None, hidden=True,
              help="Old name of --engine (memory is rdflib).")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True, help="SELECT/ASK output: a table, or W3C SPARQL results JSON, CSV or TSV.")
@store_option
@json_option
@kg_errors
def sparql(query: str | None, params: tuple[str, ...], params_file: Path | None, list_queries: bool, engine: str,
           backend: str | None, fmt: str, store_path: str | None, as_json: bool) -> None:
    """Run a library question by name, or a SELECT/ASK/CONSTRUCT/DESCRIBE text, over the whole graph.

    The graph holds exactly the triples of `kg export -f ttl`: nodes, qualified
    facts, evidence quotes and documents (so "which document says this?" can
    be asked). With the oxigraph engine it is loaded once into an on-disk store
    (STORE.oxigraph/) rebuilt only when the store changes; the first call
    after a change builds it, with progress on stderr.

    Output: a table by default (long cells cut; booleans true/false), or
    --format json|csv|tsv in the W3C SPARQL results formats; --json is
    --format json (SPARQL 1.1 results JSON). CONSTRUCT and DESCRIBE print
    Turtle. Values are bound as terms (a VALUES block Oxigraph writes, or
    rdflib's initBindings), never by pasting your text into the query.

    Example: kg sparql skill-gap --param from=ml-engineer --param to=cto

    Example: kg sparql 'SELECT ?e WHERE { ?e a ?c } LIMIT 3' --format csv
    """
    from kg.cli.questions_view import note_renamed, print_questions
    from kg.queries.library.questions import questions
    from kg.queries.library.sparql import library, refuse_remote
    from kg.queries.library.sparql_engine import ask, open_engine
    from kg.queries.library.sparql_format import render

    if list_queries:
        print_questions({n: q for n, q in questions().items() if n in library()}, "sparql", as_json)
        return
    if not query:
        raise click.UsageError("give a query name or text, or --list to see the library")
    if backend is not None:
        engine = {"memory": "rdflib"}.get(backend, backend)
    bound = read_params_file(params_file) | split_params(params)
    if re.match(r"^[A-Za-z][\w-]*$", query.strip()):
        note_renamed(query.strip())
    with open_store(store_path) as store:
        refuse_remote(query)  # before a store is built for it
        answer = ask(open_engine(store, engine, progress=warn), store, query, bound)
    click.echo(render(answer, "json" if as_json else fmt), nl=False)



COMMANDS = [validate, sparql]
