"""The docs stay true: every command has help with an example and a README row; README --help excerpts match.

Run with KG_UPDATE_README=1 to rewrite the README's ``--help`` excerpts after changing a command.
"""

from __future__ import annotations

import os
import re

import click
import pytest
from click.testing import CliRunner

from kg.cli.main import COMMAND_REGISTRY, cli
from tests.data import REPO

README = REPO / "README.md"
#: <!-- help: path --> then a console block with `$ kg path --help` and its output
HELP_BLOCK = re.compile(r"<!-- help: ([a-z0-9 -]+) -->\n```console\n(.*?)```", re.DOTALL)


def _commands() -> list[tuple[str, click.Command]]:
    """Return (full name, command) for every registered command and every sub-command of a group."""
    out = []
    for name in COMMAND_REGISTRY:
        command = COMMAND_REGISTRY.load(name)
        out.append((name, command))
        if isinstance(command, click.Group):
            out += [(f"{name} {sub}", command.commands[sub]) for sub in sorted(command.commands)]
    return out


@pytest.mark.parametrize("name, command", _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_command_help_has_an_example(name: str, command: click.Command) -> None:
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    examples = [line.strip() for line in result.output.splitlines() if line.strip().startswith("Example:")]
    assert examples, f"`kg {name} --help` has no 'Example:' line"
    if not isinstance(command, click.Group):
        assert all(_without_env(e.removeprefix("Example:")).startswith(f"kg {name}") for e in examples), examples


def _without_env(example: str) -> str:
    """Drop leading ``NAME=value`` settings from an example command line."""
    words = example.split()
    while words and re.match(r"[A-Z_][A-Z0-9_]*=", words[0]):
        words.pop(0)
    return " ".join(words)


@pytest.mark.parametrize("name", list(COMMAND_REGISTRY))
def test_command_has_a_readme_row(name: str) -> None:
    rows = [line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("| `kg ")]
    assert any(f"`kg {name}" in row for row in rows), f"README's command table has no row for `kg {name}`"


def test_readme_help_excerpts_are_real() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = list(HELP_BLOCK.finditer(text))
    assert blocks, "README lost its --help excerpt"
    for match in reversed(blocks):
        name = match.group(1)
        result = CliRunner().invoke(cli, [*name.split(), "--help"], terminal_width=100, prog_name="kg")
        assert result.exit_code == 0, result.output
        expected = f"$ kg {name} --help\n{result.output}"
        if os.environ.get("KG_UPDATE_README"):
            text = text[: match.start(2)] + expected + text[match.end(2):]
            continue
        assert match.group(2) == expected, f"README's `kg {name} --help` is stale: rerun with KG_UPDATE_README=1"
    if os.environ.get("KG_UPDATE_README"):
        README.write_text(text, encoding="utf-8")
