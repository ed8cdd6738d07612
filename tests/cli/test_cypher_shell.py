"""kg cypher --shell: statements over several lines, commands, errors that do not end the shell."""

from __future__ import annotations

import json

import pytest

from kg.cli.cypher_shell import run_shell
from kg.graph.cypher.ladybug import LadybugEngine
from kg.graph.examples import tiny_store

prompt_toolkit = pytest.importorskip("prompt_toolkit", reason="the shell extra (prompt-toolkit) is not installed")


def _shell(typed: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    store = tiny_store()
    engine = LadybugEngine(store)
    with create_pipe_input() as pipe:
        pipe.send_text(typed)
        pipe.close()
        session: PromptSession[str] = PromptSession(input=pipe, output=DummyOutput())
        run_shell(engine, store, session.prompt, "json")
    engine.close()
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_statements_commands_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = _shell("MATCH (r:Role)\nRETURN count(r) AS n;\n"  # a statement over two lines
                      "RETURN toInteger('1');\n"  # an error: printed, the shell goes on
                      ":param role=Engineer\n"
                      ":ask next-roles role=Engineer\n"  # a library question, the name resolved
                      "MATCH (r:Role {id: $role}) RETURN r.id AS id;\n"  # the :param is used (0 rows: not an id)
                      ":quit\nRETURN 1;\n", capsys)  # nothing after :quit runs
    answers = [json.loads(block) for block in out.replace("}\n{", "}\0{").split("\0")]
    assert [[r.get("n", r.get("id")) for r in a["rows"]] for a in answers] == [[3], ["manager"], []]
    assert "TOINTEGER" in err and "to_int64" in err and ":ask NAME" in err
