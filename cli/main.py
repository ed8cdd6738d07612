"""The ``kg`` command group: one sub-command per question, each a thin call into the library.

Commands are registered by name as ``module:attribute`` and imported only when
used, so ``kg path`` loads the query commands and nothing else.
"""

from __future__ import annotations

import click

from kg import __version__
from kg.plugins import Registry

__all__ = ["cli", "COMMAND_REGISTRY"]

#: command name -> "module:attribute" (explicit registry; each module also lists its COMMANDS)
COMMAND_REGISTRY = Registry("command", {
    "build": "kg.cli.build_cmds:build",
    "extract": "kg.cli.build_cmds:extract",
    "remove": "kg.cli.build_cmds:remove",
    "path": "kg.cli.path_cmd:path",
    "unlock": "kg.cli.unlock_cmd:unlock",
    "gap": "kg.cli.query_cmds:gap",
    "next": "kg.cli.query_cmds:next_",
    "similar": "kg.cli.query_cmds:similar",
    "pivotal": "kg.cli.query_cmds:pivotal",
    "match": "kg.cli.plan_cmds:match",
    "plan": "kg.cli.plan_cmds:plan",
    "levers": "kg.cli.plan_cmds:levers",
    "show": "kg.cli.query_cmds:show",
    "roles": "kg.cli.query_cmds:roles",
    "skills": "kg.cli.query_cmds:skills",
    "stats": "kg.cli.query_cmds:stats",
    "export": "kg.cli.export_cmds:export",
    "viz": "kg.cli.viz_cmd:viz",
    "cypher": "kg.cli.cypher_cmds:cypher",
    "neo4j": "kg.cli.cypher_cmds:neo4j",
    "validate": "kg.cli.rdf_cmds:validate",
    "sparql": "kg.cli.rdf_cmds:sparql",
})


class LazyGroup(click.Group):
    """A group that imports a command's module the first time the command is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_REGISTRY)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMAND_REGISTRY:
            return None
        command: click.Command = COMMAND_REGISTRY.load(cmd_name)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: a career knowledge graph of roles, skills, certifications and progression.

    Every fact carries the documents and the exact words it came from. Query
    commands build the store from the bundled sample corpus the first time.

    Example: kg path ml-engineer cto
    """
    from kg.cli.options import guard_stdout

    guard_stdout()
