"""kg.regexcache: compiled patterns kept across processes are exactly what re compiles, and a bad cache is ignored."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

#: extracts a small document (compiling the loaders' patterns), saves the cache, prints the extraction
_EXTRACT = """
import json
from kg.loaders.readers import read_text
from kg.loaders.extract import extract
from kg import regexcache
doc = read_text("# Senior Data Engineer\\n\\nPython, SQL and Airflow required. AWS certification a plus.\\n"
                "Salary: $120,000 - $150,000 per year. 5+ years of experience.", "t", "t.md", "markdown")
print(json.dumps(extract(doc).to_json(), sort_keys=True))
regexcache.save()
"""

#: checks that every cached pattern in re's cache equals a fresh compile of it
_COMPARE = """
import re
from re import _compiler
import kg.loaders
from kg import regexcache
n = 0
for (pattern, flags) in regexcache._loaded:
    assert re._cache[type(pattern), pattern, flags] == _compiler.compile(pattern, flags), pattern
    n += 1
print(n)
"""


def _run(code: str, cache: Path | str, **more: str) -> str:
    env = {**os.environ, "KG_CACHE_DIR": str(cache), **more}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return done.stdout


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("regex.*.marshal")) if folder.exists() else []


def _entries(path: Path) -> list[tuple[object, ...]]:
    header, entries = marshal.loads(path.read_bytes())
    assert header[1] == sys.version  # made by this interpreter, and says so
    return list(entries)


def test_a_second_process_extracts_the_same_from_cached_patterns_equal_to_fresh_ones(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first = _run(_EXTRACT, folder)
    files = _cache_files(folder)
    assert len(files) == 1
    entries = _entries(files[0])
    assert len(entries) > 50  # the loaders' rules, not a handful
    before = files[0].stat().st_mtime_ns
    assert _run(_EXTRACT, folder) == first
    assert {s["id"] for s in json.loads(first)["skills"]} >= {"python", "sql"}
    assert files[0].stat().st_mtime_ns == before  # nothing new compiled: the file is not written again
    assert int(_run(_COMPARE, folder)) == len(entries)


def test_a_damaged_cache_is_ignored_and_the_patterns_compile_as_before(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = _run(_EXTRACT, folder)
    path = _cache_files(folder)[0]
    header, entries = marshal.loads(path.read_bytes())
    # an entry whose program is not valid SRE code, one whose program is not whole words, one of the wrong
    # shape, then the rest
    first = entries[0]
    bad = [(*first[:3], bytes(12) + b"\xff" * 4, 0, {}, ()), (*first[:3], first[3][:-1], *first[4:]), ("x",),
           *entries[1:]]
    path.write_bytes(marshal.dumps((header, bad)))
    assert _run(_EXTRACT, folder) == expected
    path.write_bytes(marshal.dumps(((*header[:1], "another Python", *header[2:]), entries)))
    assert _run(_EXTRACT, folder) == expected
    path.write_bytes(b"not marshal data at all")
    assert _run(_EXTRACT, folder) == expected


def test_the_cache_turned_off_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _run(_EXTRACT, "off", HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    assert not list(tmp_path.rglob("regex.*"))
    _run(_EXTRACT, "", HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))  # the default folder, as a check
    assert _cache_files(home / ".cache" / "career-kg")


#: extracts a posting whose role head and discovered tools are invented words, then saves the cache
_INVENTED = """
from kg.loaders.readers import read_text
from kg.loaders.extract import extract
from kg import regexcache
doc = read_text("# Senior Data Engineer\\n\\nYou will use tools such as Zorblax, Frindle and Grommet; a zorblax\\n"
                "habit helps. Data Engineers move into Staff Data Engineer roles.\\n", "t", "t.md", "markdown")
x = extract(doc)
print(sorted(s.label for s in x.skills), x.primary_role.label if x.primary_role else None)
regexcache.save()
"""


def test_no_pattern_made_from_a_documents_words_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    out = _run(_INVENTED, folder)
    # read: Zorblax, also written as an ordinary word, is not a skill (so the common-word test ran on it)
    assert "Frindle" in out and "Zorblax" not in out and "Senior Data Engineer" in out
    kept = " ".join(str(entry[0]) for entry in _entries(_cache_files(folder)[0]))
    for word in ("zorblax", "frindle", "grommet"):
        assert word not in kept.lower()


#: runs `kg --version` after kg.cli preloaded, counting the patterns re had to compile itself
_CLI = """
import sys
from re import _compiler
compiled = []
real = _compiler.compile
_compiler.compile = lambda p, flags=0: compiled.append(p) or real(p, flags)
sys.argv = ["kg", "--version"]
from kg.cli import main
try:
    main()
except SystemExit:
    pass
print(len(compiled), file=sys.stderr)
"""


def test_the_kg_command_takes_the_standard_librarys_patterns_from_the_cache_too(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    env = {**os.environ, "KG_CACHE_DIR": str(folder)}

    def compiled() -> int:
        done = subprocess.run([sys.executable, "-c", _CLI], env=env, capture_output=True, text=True, check=True)
        return int(done.stderr.strip().splitlines()[-1])

    cold = compiled()  # click and the modules it loads compile theirs
    assert cold > 0
    _run(_EXTRACT + "\nimport kg.cli.main\nregexcache.save()\n", folder)  # (click's patterns are saved too)
    assert compiled() == 0  # all of them come from the cache, kg's and the standard library's
    kinds = {type(entry[0]) for entry in _entries(_cache_files(folder)[0])}
    assert kinds == {str, bytes}  # lxml's and the readers' bytes patterns are kept as well


def test_a_full_cache_keeps_its_patterns_and_is_not_rewritten(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    fill = "import re\nimport kg.loaders\nfrom kg import regexcache\n" \
           "for n in range(regexcache.MAX_ENTRIES + 50):\n    re.compile(f'kgfill{n}[a-z]+')\nregexcache.save()\n"
    _run(fill, folder)
    [path] = _cache_files(folder)
    kept = _entries(path)
    assert len(kept) == 400
    before = path.stat().st_mtime_ns
    _run("import re\nimport kg.loaders\nfrom kg import regexcache\nre.compile('kgnewcomer[0-9]+')\nregexcache.save()\n",
         folder)
    assert path.stat().st_mtime_ns == before and _entries(path) == kept  # the newcomer pushed nothing out
