"""The parsed-TOML cache of kg's data files: same tables as tomllib, stale or broken entries never read."""

from __future__ import annotations

import marshal
import os
import tomllib
from pathlib import Path

import pytest

from kg.datafile import cache_dir, data_path, load_toml
from kg.ontology import vocab

TABLE = '[ml-engineer]\nname = "Machine Learning Engineer"\naliases = ["ML Engineer"]\nseniority = 2\n'


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.marshal")) if folder.exists() else []


def test_the_cache_gives_what_tomllib_gives_and_is_read_the_second_time(tmp_path: Path, cache: Path) -> None:
    source = tmp_path / "roles.toml"
    source.write_text(TABLE, encoding="utf-8")
    assert load_toml(str(source)) == tomllib.loads(TABLE)
    [entry] = _entries(cache)
    assert entry.name.startswith("roles.toml.")
    entry.write_bytes(marshal.dumps({"read": "from the cache"}))  # proves the next load reads the entry
    assert load_toml(str(source)) == {"read": "from the cache"}


def test_an_edited_file_is_parsed_afresh_and_its_old_entry_removed(tmp_path: Path, cache: Path) -> None:
    source = tmp_path / "roles.toml"
    source.write_text(TABLE, encoding="utf-8")
    load_toml(str(source))
    [old] = _entries(cache)
    source.write_text(TABLE.replace("seniority = 2", "seniority = 3"), encoding="utf-8")
    assert load_toml(str(source))["ml-engineer"]["seniority"] == 3
    [new] = _entries(cache)
    assert new != old


@pytest.mark.parametrize("cached", [True, False])
def test_each_load_is_new_objects_a_caller_may_take_apart(tmp_path: Path, cache: Path,
                                                          monkeypatch: pytest.MonkeyPatch, cached: bool) -> None:
    if not cached:
        monkeypatch.setenv("KG_CACHE_DIR", "off")
    source = tmp_path / "roles.toml"
    source.write_text(TABLE, encoding="utf-8")
    for _ in range(3):  # parsed and stored, read from the cache, read again
        table = load_toml(str(source))
        assert table == tomllib.loads(TABLE)
        table["ml-engineer"].pop("name")  # what kg.ontology.vocab does with each entry
        table.clear()


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", marshal.dumps(["not", "a", "table"])])
def test_a_broken_entry_is_parsed_over(tmp_path: Path, cache: Path, damage: bytes) -> None:
    source = tmp_path / "roles.toml"
    source.write_text(TABLE, encoding="utf-8")
    load_toml(str(source))
    [entry] = _entries(cache)
    entry.write_bytes(damage)
    assert load_toml(str(source)) == tomllib.loads(TABLE)
    assert marshal.loads(entry.read_bytes()) == tomllib.loads(TABLE)  # and mended


def test_off_writes_nothing_and_an_unwritable_folder_is_ignored(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "roles.toml"
    source.write_text(TABLE, encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", "off")
    assert cache_dir() is None
    assert load_toml(str(source)) == tomllib.loads(TABLE)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))
    assert load_toml(str(source)) == tomllib.loads(TABLE)


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == os.path.join(str(tmp_path), "career-kg")


def test_the_vocabulary_reads_the_same_with_and_without_the_cache(cache: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = data_path(vocab.__file__, "vocab", "skills.toml")
    with open(path, "rb") as fh:
        expected = tomllib.load(fh)
    assert load_toml(path) == expected  # written
    assert load_toml(path) == expected  # read back
    monkeypatch.setenv("KG_CACHE_DIR", "off")
    assert load_toml(path) == expected


def test_a_derived_value_is_rebuilt_when_one_of_its_sources_changes(tmp_path: Path, cache: Path) -> None:
    from kg.datafile import derived

    data, code = tmp_path / "words.txt", tmp_path / "reader.py"
    data.write_text("alpha beta", encoding="utf-8")
    code.write_text("# version 1", encoding="utf-8")
    calls: list[int] = []

    def build() -> list[object]:
        calls.append(1)
        return [[w, len(w)] for w in data.read_text(encoding="utf-8").split()]

    assert derived("words", [str(data), str(code)], build) == [["alpha", 5], ["beta", 4]]
    assert derived("words", [str(data), str(code)], build) == [["alpha", 5], ["beta", 4]]
    assert len(calls) == 1  # the second came from the cache
    code.write_text("# version 2", encoding="utf-8")  # the code that derives it changed: built again
    assert derived("words", [str(data), str(code)], build) == [["alpha", 5], ["beta", 4]]
    assert len(calls) == 2
    assert len(list(cache.glob("words.*.marshal"))) == 1  # the stale entry is gone


def test_the_concept_index_is_the_same_from_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.loaders import recognise

    fresh = recognise._key_tables.__wrapped__  # (not the process's lru_cache)
    built = fresh()  # computed and written
    assert fresh() == built  # read back
    monkeypatch.setenv("KG_CACHE_DIR", "off")
    assert fresh() == built
    rows = built[0]
    assert any(kind == "role" and key == ("machine", "learning", "engineer") for kind, _, key, _ in rows)
    keys = {key for _, _, key, _ in rows}
    assert built[4] == {key[:k] for key in keys for k in range(1, len(key) + 1)}  # the prefixes
