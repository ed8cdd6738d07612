"""What a cold `kg path` and `kg unlock` load: the structural half of their start-up budget.

Start-up time is mostly module loading, so these tests pin what the two commands import, run as the
console script runs them (``kg.cli:main`` in a fresh interpreter). The timed half lives in
``benchmarks/`` (``python -c "import sqlite3"`` ratios), never in a test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

#: standard-library modules the two commands once loaded and no longer need (each costs start-up time)
NOT_LOADED = ("pathlib", "urllib", "urllib.parse", "ipaddress", "ntpath", "fnmatch", "dataclasses", "copy",
              "unicodedata", "shutil", "tempfile", "textwrap", "hashlib", "logging")
#: kg modules a reading command does not need: other commands' definitions, the write path, --have
NOT_LOADED_KG = ("kg.cli.query_cmds", "kg.cli.plan_cmds", "kg.cli.rows_output", "kg.graph.store.claims",
                 "kg.graph.ingest", "kg.queries.have", "kg.queries.plan", "kg.loaders")

# An editable install's path hook loads pathlib and friends while the interpreter starts: the probe
# forgets them first, so that an import by kg loads them again and shows.
_PROBE = """
import atexit, gc, json, sys
for name in NOT_LOADED:
    sys.modules.pop(name, None)
def report():
    print(json.dumps({"modules": sorted(sys.modules), "frozen": gc.get_freeze_count()}), file=sys.__stderr__)
atexit.register(report)
sys.argv = ["kg", *sys.argv[1:]]
from kg.cli import main
main()
""".replace("NOT_LOADED", repr(NOT_LOADED))


def _loaded(args: list[str]) -> tuple[list[str], int]:
    import json

    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd="/")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["modules"], report["frozen"]


@pytest.mark.parametrize(("args", "command_module", "query_module"), [
    (["path", "ml-engineer", "cto"], "kg.cli.path_cmd", "kg.queries.path"),
    (["unlock", "cto"], "kg.cli.unlock_cmd", "kg.queries.unlock"),
])
def test_path_and_unlock_load_only_what_they_use(corpus_store_path: Path, args: list[str], command_module: str,
                                                 query_module: str) -> None:
    modules, frozen = _loaded([*args, "--store", str(corpus_store_path)])
    assert [m for m in NOT_LOADED if m in modules] == []
    assert [m for m in modules if m.startswith(NOT_LOADED_KG)] == []
    assert sorted(m for m in modules if m.startswith("kg.cli.")) == sorted(
        ["kg.cli.main", "kg.cli.options", command_module])
    assert query_module in modules
    assert frozen > 10_000, "kg.cli:main freezes what the command group loaded (gc.freeze)"


def test_the_console_script_is_kg_cli_main() -> None:
    import tomllib

    from tests.data import REPO

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"kg": "kg.cli:main"}
