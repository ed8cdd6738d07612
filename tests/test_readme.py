"""The README stays true: its `kg path` output is the real output on the bundled corpus.

Run with KG_UPDATE_README=1 to rewrite the block after the corpus or extractor changed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli
from tests.data import REPO

README = REPO / "README.md"
BLOCK = re.compile(r"(<!-- path-output -->\n```console\n)(.*?)(```)", re.DOTALL)


def test_readme_path_output_is_real(corpus_store_path: Path) -> None:
    result = CliRunner().invoke(cli, ["path", "ml-engineer", "cto", "--store", str(corpus_store_path)])
    assert result.exit_code == 0, result.stderr
    expected = "$ kg path ml-engineer cto\n" + result.stdout
    text = README.read_text(encoding="utf-8")
    match = BLOCK.search(text)
    assert match, "README lost its path-output block"
    if os.environ.get("KG_UPDATE_README"):
        README.write_text(text[: match.start(2)] + expected + text[match.end(2):], encoding="utf-8")
        return
    assert match.group(2) == expected, "README's kg path output is stale: rerun with KG_UPDATE_README=1"


def test_readme_starts_with_the_two_setup_commands() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks[0].strip() == "pip install . && kg path ml-engineer cto"
    assert blocks[1].strip() == "pip install '.[test]' && python -m pytest"


def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [code] = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert code.startswith("import kg\n") and "from kg" not in code, "the example uses the facade only"
    monkeypatch.chdir(tmp_path)
    printed: list[str] = []
    exec(compile(code, "README.md", "exec"), {"print": lambda *a: printed.append(" ".join(map(str, a)))})
    assert printed[0].startswith("Machine Learning Engineer → ") and "Chief Technology Officer" in printed[0]
    assert (tmp_path / "career.sqlite").exists()


def test_readme_sparql_examples_run(corpus_store_path: Path) -> None:
    import shlex

    text = README.read_text(encoding="utf-8")
    block = text[text.index("## RDF, SHACL and SPARQL"):]
    block = block[block.index("```bash\n") + 8:block.index("```", block.index("```bash\n") + 8)]
    commands = re.split(r"\n(?=kg )", block.strip())
    sparql = [shlex.split(c, comments=True) for c in commands if c.startswith("kg sparql")]
    assert len(sparql) >= 3
    for args in sparql:
        result = CliRunner().invoke(cli, [*args[1:], "--store", str(corpus_store_path)])
        assert result.exit_code == 0, (args, result.stderr)
        assert len(result.stdout.splitlines()) >= 2, (args, result.stdout)
