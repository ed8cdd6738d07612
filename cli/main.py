"""The ``kg`` command group: one sub-command per question, each a thin call into the library."""

from __future__ import annotations

import click
from kg import __version__
from kg.cli import build_cmds, export_cmds, query_cmds

__all__ = ["cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: a career knowledge graph of roles, skills, certifications and progression.

    Every fact carries the documents and the exact words it came from. Query
    commands build the store from the bundled sample corpus the first time.

    Example: kg path ml-engineer cto
    """


for _module in (query_cmds, build_cmds, export_cmds):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
