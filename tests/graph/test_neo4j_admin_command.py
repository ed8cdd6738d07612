"""The neo4j-admin command in the CSV export's README.txt follows Neo4j 5's documented syntax.

The grammar below is the synopsis of ``neo4j-admin database import full`` in the Neo4j 5 Operations
Manual ("Import > Full import > Syntax"): options, then ``--nodes=[<label>[:<label>]...=]<files>...``
and ``--relationships=[<type>=]<files>...`` (each taking one or more values), and the ``<database>``
positional. Since Neo4j 5.19 the database must come before the variadic options (the documentation's
own examples were changed to ``import full neo4j --nodes=...``), or it is read as one more file.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from kg.graph.cypher.files import import_command
from kg.graph.examples import tiny_store
from kg.graph.export.registry import export

#: documented options of `neo4j-admin database import full` that take ``=<value>`` (or ``[=true|false]``)
DOCUMENTED_OPTIONS = {
    "--expand-commands", "--verbose", "--auto-skip-subsequent-headers", "--compress", "--dry-run",
    "--ignore-empty-strings", "--ignore-extra-columns", "--legacy-style-quoting", "--multiline-fields",
    "--normalize-types", "--overwrite-destination", "--profile", "--skip-bad-entries-logging",
    "--skip-bad-relationships", "--skip-duplicate-nodes", "--strict", "--trim-strings", "--additional-config",
    "--array-delimiter", "--bad-tolerance", "--delimiter", "--format", "--high-parallel-io", "--id-type",
    "--input-encoding", "--input-type", "--max-off-heap-memory", "--quote", "--read-buffer-size",
    "--report-file", "--schema", "--threads", "--nodes", "--relationships",
}
NODES = re.compile(r"--nodes=(?:\w+(?::\w+)*=)?[^\s=,]+(?:,[^\s=,]+)*")
RELATIONSHIPS = re.compile(r"--relationships=(?:\w+=)?[^\s=,]+(?:,[^\s=,]+)*")
DATABASE = re.compile(r"[A-Za-z][A-Za-z0-9.\-]{2,62}")


def parse(command: str) -> tuple[str, list[str]]:
    """Split a command by the documented grammar; return (database, options) or fail saying what is wrong."""
    words = shlex.split(command.replace("\\\n", " "))
    assert words[:4] == ["neo4j-admin", "database", "import", "full"], words[:4]
    rest = words[4:]
    assert rest and DATABASE.fullmatch(rest[0]), f"the database name must come right after `full`: {rest[:1]}"
    database, options = rest[0], rest[1:]
    for word in options:
        assert word.startswith("--"), f"{word!r} after the options would be read as a file of the last --nodes"
        name = word.split("=", 1)[0]
        assert name in DOCUMENTED_OPTIONS, f"{name} is not an option of neo4j-admin database import full"
        if name == "--nodes":
            assert NODES.fullmatch(word), word
        if name == "--relationships":
            assert RELATIONSHIPS.fullmatch(word), word
    return database, options


@pytest.mark.parametrize("bad", [
    "neo4j-admin database import full --nodes=Role=nodes-Role.csv neo4j",  # the pre-5.19 order
    "neo4j-admin database import full neo4j --nodes=Role=nodes-Role.csv extra.csv",
    "neo4j-admin database import full neo4j --node=Role=nodes-Role.csv",
])
def test_the_grammar_refuses_what_neo4j_5_refuses(bad: str) -> None:
    with pytest.raises(AssertionError):
        parse(bad)


def test_import_command_follows_the_documented_syntax() -> None:
    database, options = parse(import_command("careers"))
    assert database == "careers"
    assert "--multiline-fields=true" not in options
    assert any(o.startswith("--nodes=Role=") for o in options)
    assert "--multiline-fields=true" in parse(import_command(multiline=True))[1]


def test_readme_asks_for_multiline_fields_only_when_a_field_spans_lines(tmp_path: Path) -> None:
    store = tiny_store()
    export(store, "neo4j-csv", tmp_path / "plain")
    readme = (tmp_path / "plain" / "README.txt").read_text(encoding="utf-8")
    command = readme.split("\n\n")[2]
    assert parse(command)[0] == "neo4j"
    assert "--multiline-fields" not in readme and "no field spans lines" in readme
    store.conn.execute("UPDATE node SET name='two\nlines' WHERE id='python'")
    export(store, "neo4j-csv", tmp_path / "multi")
    readme = (tmp_path / "multi" / "README.txt").read_text(encoding="utf-8")
    assert "--multiline-fields=true" in parse(readme.split("\n\n")[2])[1]
