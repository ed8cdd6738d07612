"""Files kg writes: never through a planted link, and a read-only store gives a message, not a traceback."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.data import LADDER_MD, SENIOR_MD
from tests.robustness.kgproc import assert_no_traceback, kg

pytest.importorskip("kg.loaders.extract")


@pytest.fixture
def built(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    (docs / "senior.md").write_text(SENIOR_MD, encoding="utf-8")
    store = tmp_path / "kg.sqlite"
    assert kg("build", docs, "--store", store, home=tmp_path).returncode == 0
    return store


@pytest.mark.parametrize(("command", "planted"), [
    (["export", "-f", "json", "-o", "{dir}/out.json"], "out.json.part"),
    (["export", "-f", "nt", "-o", "{dir}/out.nt"], "out.nt.part"),
    (["viz", "-o", "{dir}/g.html"], "g.html.tmp"),
])
def test_a_planted_link_at_the_temporary_name_is_not_followed(built: Path, command: list[str], planted: str) -> None:
    home = built.parent
    victim = home / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (home / planted).symlink_to(victim)
    proc = kg(*[c.format(dir=home) for c in command], "--store", built, home=home)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert (home / planted).is_symlink()  # left alone, not replaced or removed
    out = Path(command[-1].format(dir=home))
    assert out.exists() and not out.is_symlink()


@pytest.mark.parametrize("command", [["export", "-f", "json", "-o", "{out}"], ["viz", "-o", "{out}"]],
                         ids=["export", "viz"])
def test_an_output_that_is_a_device_or_pipe_is_never_replaced(built: Path, command: list[str]) -> None:
    fifo = built.parent / "out.fifo"
    os.mkfifo(fifo)  # stands for /dev/full or /dev/null: root could replace the device node itself
    proc = kg(*[c.format(out=fifo) for c in command], "--store", built, home=built.parent, timeout=30)
    assert_no_traceback(proc)
    assert proc.returncode == 1 and "not a regular file" in proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in built.parent.iterdir() if "kg-part" in p.name] == []


@pytest.fixture
def read_only(built: Path) -> Iterator[Path]:
    """The store copied onto a tmpfs remounted read-only (root ignores file modes, not a read-only mount)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a read-only tmpfs")
    mount = built.parent / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], check=False).returncode:
        pytest.skip("cannot mount a tmpfs")
    try:
        shutil.copyfile(built, mount / "kg.sqlite")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount / "kg.sqlite"
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("command", [
    ["build", "{docs}"], ["remove", "platform.md"], ["cypher", "MATCH (r:Role) RETURN count(r) AS n"],
])
def test_a_read_only_store_is_refused_with_a_message(read_only: Path, command: list[str]) -> None:
    docs = read_only.parent.parent / "docs"
    proc = kg(*[c.format(docs=docs) for c in command], "--store", read_only, home=read_only.parent.parent)
    assert_no_traceback(proc)
    if command[0] == "cypher":  # a read: it works, its cache goes elsewhere
        assert proc.returncode == 0, proc.stderr
        return
    assert proc.returncode == 1
    assert "read-only" in proc.stderr


def test_reads_of_a_read_only_store_work(read_only: Path) -> None:
    proc = kg("path", "platform-engineer", "platform-engineering-manager", "--store", read_only,
              home=read_only.parent.parent)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr


def test_a_cypher_cache_build_killed_midway_leaves_no_folder_for_good(tmp_path: Path) -> None:
    store = tmp_path / "kg.sqlite"
    assert kg("build", "--store", store, home=tmp_path).returncode == 0  # the bundled corpus
    cache = tmp_path / "kg.sqlite.ladybug"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")} | {"HOME": str(tmp_path)}
    proc = subprocess.Popen([str(Path(os.sys.executable).with_name("kg")), "cypher", "MATCH (r:Role) RETURN count(r)",
                             "--store", str(store)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not list(cache.glob(".build-*")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        if proc.poll() is not None:
            pytest.skip("the cache was built before it could be killed")
        proc.kill()  # SIGKILL: no clean-up code runs
    finally:
        proc.wait()
    assert list(cache.glob(".build-*")), "the killed build left its folder (as it should, being killed)"
    again = kg("cypher", "MATCH (r:Role) RETURN count(r) AS n", "--json", "--store", store, home=tmp_path)
    assert again.returncode == 0, again.stderr
    assert list(cache.glob(".build-*")) == []  # the next build cleared what the dead one left
