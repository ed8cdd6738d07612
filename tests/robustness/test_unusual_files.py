"""Files that are not plain documents: odd names, pipes, devices, /proc, odd encodings, absurd sizes.

Each is refused by name (a named skip, exit status 3) or read correctly, quickly,
and the good documents beside it still load. Real files, real ``kg`` processes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from kg.errors import DocumentError
from kg.loaders.readers import read_path
from tests.robustness.kgproc import assert_no_traceback, kg, store_content, write_role

pytest.importorskip("kg.loaders.extract")


def _build_json(home: Path, *paths: Path, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], dict]:
    proc = kg("build", *paths, "--store", home / "kg.sqlite", "--json", home=home, timeout=timeout)
    assert_no_traceback(proc)
    return proc, (json.loads(proc.stdout) if proc.stdout.strip() else {})


def _skipped(report: dict) -> dict[str, str]:
    return {Path(s["source"]).name: s["reason"] for s in report["skipped"]}


def test_a_file_name_that_is_not_utf8_is_skipped_by_name_and_the_rest_loads(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_role(docs / "good.md", "Data Engineer", ["Python"])
    bad = os.fsencode(docs) + b"/r\xe9sum\xe9.txt"  # Latin-1 bytes: not a UTF-8 name
    with open(bad, "wb") as fh:
        fh.write(b"# Platform Engineer\n\n## Required skills\n- Go\n")
    proc, report = _build_json(tmp_path, docs)
    assert proc.returncode == 3, proc.stderr
    assert report["added"] == 1
    (reason,) = [s["reason"] for s in report["skipped"]]
    assert "not valid UTF-8" in reason and "rename" in reason
    assert "r\\xe9sum\\xe9.txt" in proc.stderr  # named, printably


def test_a_fifo_is_refused_at_once_not_read_forever(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    proc, report = _build_json(tmp_path, tmp_path / "pipe.txt", timeout=20)
    assert proc.returncode == 3
    assert "not a regular file (a named pipe)" in _skipped(report)["pipe.txt"]


def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    started = time.monotonic()
    with pytest.raises(DocumentError, match=r"not a regular file \(a character device\)"):
        read_path(tmp_path / "zero.txt")
    assert time.monotonic() - started < 2


def test_pipes_devices_proc_files_and_unlistable_folders_in_a_folder_are_named(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_role(docs / "good.md", "Data Engineer", ["Python"])
    os.mkfifo(docs / "pipe.md")
    (docs / "null.txt").symlink_to("/dev/null")
    (docs / "environ.txt").symlink_to("/proc/self/environ")
    proc, report = _build_json(tmp_path, docs, timeout=30)
    assert proc.returncode == 3
    skipped = _skipped(report)
    assert set(skipped) == {"pipe.md", "null.txt", "environ.txt"}, skipped
    assert "system file" in skipped["environ.txt"]
    assert report["added"] == 1
    dumped = json.dumps(store_content(tmp_path / "kg.sqlite"))
    assert "HOME=" not in dumped and "PATH=" not in dumped  # nothing of the environment was stored


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                    reason="needs root and setpriv to run kg as an unprivileged user")
def test_a_folder_kg_cannot_list_is_named() -> None:
    with tempfile.TemporaryDirectory() as tmp:  # pytest's own folders are closed to other users
        Path(tmp).chmod(0o755)
        _build_as_nobody(Path(tmp))


def _build_as_nobody(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_role(docs / "good.md", "Data Engineer", ["Python"])
    write_role(docs / "private" / "secret.md", "Platform Engineer", ["Go"])
    (docs / "private").chmod(0o000)
    home = tmp_path / "home"
    home.mkdir()
    shutil.chown(home, "nobody")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")} | {"HOME": str(home)}
    proc = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                           str(Path(os.sys.executable).with_name("kg")), "build", str(docs), "--store",
                           str(home / "kg.sqlite"), "--json"], capture_output=True, text=True, env=env, timeout=60,
                          check=False)
    assert_no_traceback(proc)
    assert proc.returncode == 3, proc.stderr
    report = json.loads(proc.stdout)
    assert _skipped(report) == {"private": "cannot list this folder (Permission denied); its documents were "
                                           "not loaded"}
    assert report["added"] == 1
    (docs / "private").chmod(0o700)


@pytest.mark.parametrize(("name", "data", "kept"), [
    # UTF-32 with a BOM: read as UTF-32, not as UTF-16 into nothing
    ("utf32.txt", "# Data Engineer\nRequired: Python\n".encode("utf-32"), "Required: Python"),
    ("utf32-be.txt", b"\x00\x00\xfe\xff" + "# Data Engineer\n".encode("utf-32-be"), "Data Engineer"),
])
def test_utf32_documents_are_read_as_utf32(tmp_path: Path, name: str, data: bytes, kept: str) -> None:
    (tmp_path / name).write_bytes(data)
    doc = read_path(tmp_path / name)
    assert kept in doc.text and "\x00" not in doc.text


@pytest.mark.parametrize(("name", "data", "message"), [
    # UTF-16 whose text holds NUL characters is binary, not a role guide
    ("nul16.txt", "\ufeff# Data Engineer\x00\x00\x00 needs Python".encode("utf-16-le"), "NUL character"),
    # a NUL byte far past the first 8 KB of UTF-8 text
    ("late-nul.txt", b"Data Engineer needs Python.\n" * 1000 + b"\x00\x1b[2J" + b"more\n", "NUL byte at byte 28,000"),
])
def test_nul_anywhere_in_the_text_is_refused(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(DocumentError, match=message):
        read_path(tmp_path / name)


def _many_lines(path: Path) -> None:
    path.write_bytes(b"a\n" * (10 * 1024 * 1024))  # 20 MB of 10M one-letter lines


def _tiny_tags(path: Path) -> None:
    path.write_bytes(b"<html><body>" + b"<b>x</b>" * (16 * 1024 * 1024 // 8) + b"</body></html>")  # 16 MB, 4M tags


@pytest.mark.parametrize(("name", "write", "message"), [
    ("lines.txt", _many_lines, "lines (limit"),
    ("tags.html", _tiny_tags, "tags (limit"),
])
def test_a_document_too_costly_to_extract_is_skipped_by_name_quickly(tmp_path: Path, name: str, write, message: str
                                                                      ) -> None:
    write(tmp_path / name)
    write_role(tmp_path / "good.md", "Data Engineer", ["Python"])
    proc, report = _build_json(tmp_path, tmp_path / name, tmp_path / "good.md", timeout=60)
    assert proc.returncode == 3
    assert message in _skipped(report)[name]
    assert report["added"] == 1


@pytest.mark.parametrize("command", [["remove", "docs/r{bad}sum{bad}.txt"], ["show", "caf{bad}"],
                                     ["path", "caf{bad}", "cto"], ["unlock", "cto", "--have", "caf{bad}"]],
                         ids=["remove", "show", "path", "have"])
def test_an_argument_that_is_not_utf8_is_a_usage_error(tmp_path: Path, command: list[str]) -> None:
    bad = os.fsdecode(b"\xe9")  # a Latin-1 byte typed in a UTF-8 terminal
    proc = kg(*[c.format(bad=bad) for c in command], "--store", tmp_path / "kg.sqlite", home=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert "is not valid UTF-8" in proc.stderr and "\\xe9" in proc.stderr
