"""Hostile and broken input: each file gets a clear error naming it, and the rest of the build goes on.

Every case is a real file in tmp_path; the build runs through the real CLI and
exits 3 when it skipped anything.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli
from kg.errors import DocumentError
from kg.graph.export.registry import export
from kg.graph.ingest.facts import facts_from_extraction
from kg.graph.store import SQLiteStore
from kg.loaders.models import Extraction, LoadedDocument, Mention
from kg.loaders.readers import MAX_LINE_CHARS, read_path
from kg.ontology.names import normalize
from tests.data import LADDER_MD

GOOD_ROLE = "# Data Engineer\n\n## Required skills\n- Proficiency in Python and SQL\n"


def _sparse(size: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with open(path, "wb") as fh:
            fh.truncate(size)  # sparse: instant, no disk used

    return write


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data) and None


BAD = [
    # (file name, how to write it, what the error says)
    ("empty.txt", _bytes(b""), "empty file"),
    ("blank.md", _bytes(b" \n\t\n"), "empty file"),
    ("image.txt", _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8), "binary file"),
    ("latin1.txt", _bytes("Ingénieur en données, Zürich".encode("latin-1")), "not valid UTF-8 at byte 3"),
    ("broken16.md", _bytes(b"\xff\xfe" + "Data".encode("utf-16-le") + b"\x00\xd8"), "invalid UTF-16"),
    ("huge.txt", _sparse(200 * 1024 * 1024), "too large"),
    ("one-line.txt", _bytes(b"Python, " * (10 * 1024 * 1024 // 8)), f"limit {MAX_LINE_CHARS:,}"),
    ("only-script.html", _bytes(b"<html><script>var roles = ['CTO'];</script><style>p{}</style></html>"),
     "no text"),
    ("slides.pptx", _bytes(b"PK\x03\x04"), "unsupported file type"),
    ("slides.pdf", _bytes(b"%PDF-1.7"), "not a readable PDF"),
]


@pytest.mark.parametrize(("name", "write", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_raises_document_error_naming_it(tmp_path: Path, name: str, write: Callable[[Path], None],
                                                  message: str) -> None:
    path = tmp_path / name
    write(path)
    started = time.perf_counter()
    with pytest.raises(DocumentError, match=message) as info:
        read_path(path)
    assert info.value.source == str(path) and str(path) in str(info.value)
    assert time.perf_counter() - started < 5  # refused quickly, not after chewing on it


GOOD = [
    # (file name, content, a phrase the plain text keeps, a phrase it must drop)
    ("utf16-bom.txt", "\ufeffData Engineer needs Python".encode("utf-16"), "Data Engineer", "\x00"),
    ("utf16-le-no-bom.txt", "Data Engineer needs Python".encode("utf-16-le"), "needs Python", "\x00"),
    ("scripts.html", b"<p>Data <b>Engineer</b></p><script>alert('<p>x</p>')</script><p>needs SQL</p>",
     "needs SQL", "alert"),
    ("deep.html", b"<div>" * 100_000 + b"Data Engineer" + b"</div>" * 100_000, "Data Engineer", "<div>"),
    ("unclosed.html", b"<ul><li>Python<li>SQL <!-- never closed", "- SQL", "never closed"),
    ("no-sections.txt", b"a data engineer writes python all day", "python all day", "#"),
]


@pytest.mark.parametrize(("name", "content", "kept", "dropped"), GOOD, ids=[g[0] for g in GOOD])
def test_odd_but_valid_file_is_read(tmp_path: Path, name: str, content: bytes, kept: str, dropped: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    doc = read_path(path)
    assert kept in doc.text and dropped not in doc.text


def test_build_skips_bad_files_by_name_loads_the_rest_and_exits_3(tmp_path: Path) -> None:
    pytest.importorskip("kg.loaders.extract")
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, write, _ in BAD:
        if name.endswith((".txt", ".md", ".html")):
            write(folder / name)
    for name, content, _, _ in GOOD:
        (folder / name).write_bytes(content)
    (folder / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    (folder / "data.md").write_text(GOOD_ROLE, encoding="utf-8")
    store = tmp_path / "kg.sqlite"
    result = CliRunner().invoke(cli, ["build", str(folder), "--store", str(store), "--json"])
    assert result.exit_code == 3, result.output
    report = json.loads(result.stdout)
    skipped = {Path(s["source"]).name for s in report["skipped"]}
    assert skipped == {n for n, _, _ in BAD if n.endswith((".txt", ".md", ".html"))}
    for name in skipped:
        assert f"skipped {folder / name}:" in result.stderr
    assert report["added"] == len(GOOD) + 2
    with SQLiteStore(store, create=False) as s:
        assert s.node("platform-engineer") is not None


def test_build_of_only_good_files_exits_0(tmp_path: Path) -> None:
    pytest.importorskip("kg.loaders.extract")
    (tmp_path / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "platform.md"), "--store", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output


NASTY_NAMES = [
    'The "Quoted" Engineer',
    "Back`tick` Lead",
    "{{template}} ${var} Architect",
    "<script>alert('x')</script> Manager",
    "MATCH (n) DETACH DELETE n //",
    "'; DROP TABLE node; --",
    "} WHERE { ?s ?p ?o } #",
    "Robert'); DELETE FROM evidence; --",
]


def test_names_with_markup_and_query_syntax_are_stored_verbatim(tmp_path: Path) -> None:
    text = "Roles: " + " | ".join(NASTY_NAMES)
    doc = LoadedDocument("0123456789abcdef", "nasty.txt", "nasty.txt", "Nasty", text, "text")
    mentions = []
    for i, name in enumerate(NASTY_NAMES):
        start = text.index(name)
        mentions.append(Mention(f"nasty-{i}", "role", name, (name.upper(),), name, start, start + len(name),
                                curated=False))
    store_path = tmp_path / "kg.sqlite"
    with SQLiteStore(store_path) as store:
        store.add_facts(facts_from_extraction(Extraction(doc, mentions[0], roles=tuple(mentions))))
        assert store.counts()["totals"]["documents"] == 1
        for i, name in enumerate(NASTY_NAMES):
            node = store.node(f"nasty-{i}")
            assert node is not None and node.name == name
            assert f"nasty-{i}" in [n.id for n in store.nodes_by_key(normalize(name))]
        export(store, "json", tmp_path / "out.json")
    names = {n["name"] for n in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["nodes"]}
    assert set(NASTY_NAMES) <= names
    result = CliRunner().invoke(cli, ["unlock", "nasty-1", "--store", str(store_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["role"]["name"] == "Back`tick` Lead"


# Lines just under the reader's limit in shapes that once made a regex backtrack over the whole line for
# every position (each took minutes): Markdown links that never close, a Mermaid line of one long id or of
# brackets that never close, and a sentence naming thousands of roles.
LONG_LINES = {
    "links.md": "# Data Engineer\n\n" + "[a](" * (MAX_LINE_CHARS // 4 - 10) + "\n",
    "mermaid-id.md": "# Ladder\n\n```mermaid\ngraph TD\n" + "x" * (MAX_LINE_CHARS - 100) + "\n```\n",
    "mermaid-brackets.md": "# Ladder\n\n```mermaid\ngraph TD\n" + "A[" * (MAX_LINE_CHARS // 2 - 50) + "\n```\n",
    "mermaid-labels.md": "# Ladder\n\n```mermaid\ngraph TD\n" + "a-->|" * (MAX_LINE_CHARS // 5 - 20) + "\n```\n",
    "roles.txt": "Data Engineer\n\n" + "Senior Engineer to " * (MAX_LINE_CHARS // 19 - 10) + "\n",
}


def test_long_hostile_lines_are_read_without_hanging(tmp_path: Path) -> None:
    import subprocess
    import sys

    for name, text in LONG_LINES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    script = ("import sys; from pathlib import Path; from kg.loaders.readers import read_path; "
              "from kg.loaders.extract import extract; "
              "[extract(read_path(Path(p))) for p in sys.argv[1:]]; print('read', len(sys.argv) - 1)")
    files = [str(tmp_path / name) for name in LONG_LINES]
    # minutes each before the regexes were bounded, about a second each after: a hang guard, not a speed test
    done = subprocess.run([sys.executable, "-c", script, *files], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"read {len(LONG_LINES)}"
