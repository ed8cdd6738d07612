"""Disk full (a real, small tmpfs) during build, Cypher cache build, export and viz.

Each must fail with one readable message, leave every previous file exactly as
it was and leave no temporary file behind; once space is freed, it works.
Needs root (to mount a tmpfs); skipped with the reason otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.data import LADDER_MD, SENIOR_MD
from tests.robustness.kgproc import assert_no_traceback, kg, store_content

pytest.importorskip("kg.loaders.extract")
pytestmark = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("mount") is None,
                                reason="needs root to mount a small tmpfs")


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs, unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True,
                          check=False)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """Fill the disk but ``leave`` bytes."""
    filler = disk / "filler"
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    with open(filler, "ab") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


def _docs(folder: Path, count: int = 2) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(count):
        (folder / f"doc-{i:04d}.md").write_text((LADDER_MD if i % 2 else SENIOR_MD) + f"\nPosting {i} asks for Rust.\n",
                                                encoding="utf-8")
    return folder


def _store(home: Path, path: Path) -> Path:
    proc = kg("build", _docs(home / "small"), "--store", path, home=home)
    assert proc.returncode == 0, proc.stderr
    return path


def test_disk_full_during_a_build_keeps_the_store_and_says_so(tmp_path: Path, disk: Path) -> None:
    store = _store(tmp_path, disk / "kg.sqlite")
    before = store_content(store)
    filler = _fill(disk, 64 * 1024)
    proc = kg("build", _docs(tmp_path / "many", 1500), "--store", store, home=tmp_path, timeout=300)
    assert_no_traceback(proc)
    assert proc.returncode == 1, proc.stderr
    assert "disk is full" in proc.stderr and "unchanged" in proc.stderr
    assert "cannot rollback" not in proc.stderr
    assert store_content(store) == before
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "kg.sqlite"]
    filler.unlink()
    (tmp_path / "one.md").write_text(LADDER_MD.replace("Platform", "Storage"), encoding="utf-8")
    again = kg("build", tmp_path / "one.md", "--store", store, home=tmp_path)  # space again: it writes
    assert again.returncode == 0, again.stderr


def test_disk_full_while_the_cypher_cache_builds_leaves_nothing_broken(tmp_path: Path, disk: Path) -> None:
    store = _store(tmp_path, disk / "kg.sqlite")
    filler = _fill(disk, 16 * 1024)
    proc = kg("cypher", "MATCH (r:Role) RETURN count(r) AS n", "--store", store, home=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert "disk is full" in proc.stderr
    cache = disk / "kg.sqlite.ladybug"
    assert not cache.exists() or list(cache.iterdir()) == []
    filler.unlink()
    again = kg("cypher", "MATCH (r:Role) RETURN count(r) AS n", "--json", "--store", store, home=tmp_path)
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize("command", [
    ["export", "-f", "json", "-o", "{out}"],
    ["export", "-f", "graphml", "-o", "{out}"],
    ["export", "-f", "ttl", "-o", "{out}"],
    ["viz", "-o", "{out}"],
], ids=["json", "graphml", "ttl", "viz"])
def test_disk_full_during_export_or_viz_keeps_the_previous_file(tmp_path: Path, disk: Path,
                                                               command: list[str]) -> None:
    store = _store(tmp_path, tmp_path / "kg.sqlite")
    out = disk / "out.file"
    out.write_text("the previous export\n", encoding="utf-8")
    filler = _fill(disk, 4 * 1024)
    proc = kg(*[c.format(out=out) for c in command], "--store", store, home=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 1, proc.stderr
    assert "disk is full" in proc.stderr
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "out.file"]
    filler.unlink()
    assert kg(*[c.format(out=out) for c in command], "--store", store, home=tmp_path).returncode == 0
