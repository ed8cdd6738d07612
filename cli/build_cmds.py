"""Commands that change or feed the store: build, extract, remove."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.options import kg_errors, open_store, store_option, warn

__all__ = ["COMMANDS", "EXIT_SKIPPED"]

#: exit status when the command finished but skipped unreadable documents
EXIT_SKIPPED = 3


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Extraction processes [default: one per CPU core].")
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON.")
@kg_errors
def build(paths: tuple[Path, ...], workers: int | None, store_path: Path | None, as_json: bool) -> None:
    """Load .txt, .md and .html files or folders into the store.

    With no PATHS, loads the bundled sample corpus. Re-loading an unchanged
    document changes nothing; a changed file replaces its earlier facts; a
    document loaded from a given folder whose file is gone is removed. The
    build is one transaction: if it fails, the store stays as it was; while
    it runs, other commands read the last committed state. Unreadable files
    are skipped and named on stderr (exit status 3).

    Example: kg build ../shared/seeds
    """
    from kg.graph.ingest.build import build as build_store
    from kg.graph.ingest.build import bundled_corpus_paths
    from kg.graph.store import SQLiteStore
    from kg.loaders.readers import iter_document_paths
    from kg.settings import default_store_path

    path = store_path or default_store_path()
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
def remove(document: str, store_path: Path | None) -> None:
    """Remove a document and retract the facts only it supported.

    DOCUMENT is its id (or a unique prefix), its path or its file name;
    `kg stats --json` lists them. Facts other documents also state are kept.

    Example: kg remove cto.md
    """
    with open_store(store_path, autobuild=False) as store:
        info = store.remove_document(document)
    warn(f"removed {info.name} ({info.id}) from {store_path or 'the default store'}")


COMMANDS = [build, extract, remove]
