"""Commands that change or feed the store: build, extract, remove."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.options import kg_errors, open_store, store_option, warn

if TYPE_CHECKING:
    from kg.graph.ingest.build import BuildReport

__all__ = ["COMMANDS", "EXIT_SKIPPED"]

#: exit status when the command finished but skipped unreadable documents
EXIT_SKIPPED = 3


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Extraction processes [default: one per CPU core].")
@click.option("--title-column", metavar="NAME", help="Posting datasets (.csv, .tsv, .jsonl): the title column.")
@click.option("--text-column", metavar="NAME",
              help="Posting datasets: the column holding each posting's text (one document per row).")
@click.option("--id-column", metavar="NAME", help="Posting datasets: a column with a stable id per row "
                                                  "[default: the row number].")
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON.")
@kg_errors
def build(paths: tuple[Path, ...], workers: int | None, title_column: str | None, text_column: str | None,
          id_column: str | None, store_path: str | None, as_json: bool) -> None:
    """Load documents (.txt, .md, .html, .pdf, .docx) or folders, or posting datasets, into the store.

    With no PATHS, loads the bundled sample corpus. Re-loading an unchanged
    document changes nothing; a changed file replaces its earlier facts; a
    document loaded from a given folder whose file is gone is removed. With
    --text-column, each PATH is a CSV or JSON Lines file of postings and each
    row is one document (source FILE#ID), read as a stream. The build is one
    transaction: if it fails, the store stays as it was; while it runs, other
    commands read the last committed state. Unreadable files and rows are
    skipped and named on stderr (exit status 3).

    Example: kg build ../shared/seeds
    """
    from kg.graph.store import SQLiteStore
    from kg.settings import default_store_path

    path = Path(store_path) if store_path else default_store_path()
    if text_column or title_column or id_column:
        report = _build_datasets(path, paths, title_column, text_column, id_column, workers, list_rows=as_json)
    else:
        from kg.graph.ingest.build import build as build_store
        from kg.graph.ingest.build import bundled_corpus_paths
        from kg.loaders.readers import iter_document_paths

        files = iter_document_paths(list(paths)) if paths else bundled_corpus_paths()
        if not files:
            raise click.UsageError("no .txt, .md, .html, .pdf or .docx documents found in the given paths")
        with SQLiteStore(path) as store, click.progressbar(
            length=len(files), label="Loading documents", file=sys.stderr
        ) as bar:
            report = build_store(store, files, workers=workers, progress=bar.update)
    for source, reason in report.skipped:
        warn(f"skipped {source}: {reason}")
    if as_json:
        click.echo(json.dumps({
            "store": str(path),
            "added": report.count("added"), "replaced": report.count("replaced"),
            "unchanged": report.count("unchanged"), "removed": report.count("removed"),
            "skipped": [{"source": s, "reason": r} for s, r in report.skipped],
            "documents": [{"id": o.doc_id, "source": o.source, "status": o.status} for o in report.loaded],
        }, indent=2))
    else:
        removed = f", {report.count('removed')} removed (files gone)" if report.count("removed") else ""
        warn(f"{path}: {report.count('added')} added, {report.count('replaced')} replaced, "
             f"{report.count('unchanged')} unchanged, {len(report.skipped)} skipped{removed}")
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


def _build_datasets(path: Path, paths: tuple[Path, ...], title_column: str | None, text_column: str | None,
                    id_column: str | None, workers: int | None, list_rows: bool) -> BuildReport:
    """Build each posting dataset, counting rows on stderr as they stream."""
    from kg.graph.ingest.build import BuildReport
    from kg.graph.ingest.datasets import build_dataset
    from kg.graph.store import SQLiteStore
    from kg.loaders.datasets import DATASET_SUFFIXES, DatasetSpec

    if not text_column or not paths:
        raise click.UsageError("posting datasets need PATHS and --text-column (and usually --title-column)")
    wrong = [p for p in paths if p.suffix.lower() not in DATASET_SUFFIXES]
    if wrong:
        raise click.BadParameter(f"{wrong[0]} is not a posting dataset; use {', '.join(DATASET_SUFFIXES)} files "
                                 "with --text-column", param_hint="PATHS")
    spec = DatasetSpec(title_column or text_column, text_column, id_column)
    total = BuildReport()
    rows = [0]

    def tick(n: int) -> None:
        rows[0] += n
        if rows[0] % 500 == 0:
            click.echo(f"\rLoading postings: {rows[0]:,} rows", err=True, nl=False)

    with SQLiteStore(path) as store:
        for dataset in paths:
            report = build_dataset(store, dataset, spec, workers=workers, progress=tick, list_rows=list_rows)
            total.loaded.extend(report.loaded)
            total.skipped.extend(report.skipped)
            total.tallies.update(report.tallies)
    click.echo(f"\rLoading postings: {rows[0]:,} rows", err=True)
    return total


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per document (JSON Lines).")
@kg_errors
def extract(files: tuple[Path, ...], as_json: bool) -> None:
    """Extract roles, skills, certifications, moves, salaries, years and degrees from documents.

    Nothing is stored. With --json, prints one JSON object per document, each
    item with its label, aliases and the exact evidence quote.

    Example: kg extract ../shared/seeds/*.txt --json > extractions.jsonl
    """
    from kg.graph.ingest.build import extract_paths
    from kg.loaders.readers import iter_document_paths

    skipped = 0
    for result in extract_paths(iter_document_paths(list(files)), workers=1):
        if isinstance(result, Exception):
            skipped += 1
            warn(f"skipped {result}")
            continue
        if as_json:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False, sort_keys=True))
            continue
        primary = result.primary_role.label if result.primary_role else "(no primary role)"
        click.echo(f"{result.doc.name}: {primary}")
        click.echo(f"  roles: {', '.join(m.label for m in result.roles)}")
        click.echo(f"  skills: {', '.join(m.label for m in result.skills)}")
        click.echo(f"  certifications: {', '.join(m.label for m in result.certifications)}")
        for p in result.progressions:
            click.echo(f"  move: {p.from_label} → {p.to_label}  «{p.quote}»")
    if skipped:
        sys.exit(EXIT_SKIPPED)


@click.command()
@click.argument("document")
@store_option
@kg_errors
def remove(document: str, store_path: str | None) -> None:
    """Remove a document and retract the facts only it supported.

    DOCUMENT is its id (or a unique prefix), its path or its file name;
    `kg stats --json` lists them. Facts other documents also state are kept.

    Example: kg remove cto.md
    """
    with open_store(store_path, autobuild=False) as store:
        info = store.remove_document(document)
    warn(f"removed {info.name} ({info.id}) from {Path(store_path) if store_path else 'the default store'}")


COMMANDS = [build, extract, remove]
