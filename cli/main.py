"""The ``kg`` command group: one sub-command per question, each a thin call into the library."""

from __future__ import annotations

import importlib

import click

from kg import __version__

__all__ = ["cli"]

#: modules whose COMMANDS list is added to the group (explicit registry, one line each)
_COMMAND_MODULES = [
    "kg.cli.query_cmds",
    "kg.cli.build_cmds",
    "kg.cli.export_cmds",
    "kg.cli.rdf_cmds",
    "kg.cli.cypher_cmds",
    "kg.cli.viz_cmd",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: a career knowledge graph of roles, skills, certifications and progression.

    Every fact carries the documents and the exact words it came from. Query
    commands build the store from the bundled sample corpus the first time.

    Example: kg path ml-engineer cto
    """


for _module_name in _COMMAND_MODULES:
    for _command in importlib.import_module(_module_name).COMMANDS:
        cli.add_command(_command)
