"""check's result cache: a re-check prints exactly what a full check prints.

The cache is read only when every input and option is the same, and whatever
is in its folder is distrusted: corrupt, foreign or half-written entries, or a
folder that is a file, leave the output and exit code of a full check.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from citeman import result_cache
from tests.conftest import REAL_FILES, run
from tests.test_entry_cache import edited

BIB = "@article{a, title = {An Unusual Title Case}, year = 2020, pages = {1-2}}\n"


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "results").glob("*.json"))


@pytest.mark.parametrize("path", REAL_FILES, ids=[path.stem for path in REAL_FILES])
def test_cached_output_is_byte_identical_on_every_real_file(
    path: Path, workdir: Path
) -> None:
    """Whole output replayed, every entry from the entry cache, one entry edited.

    Two full checks per file (the suite's time): the first fills both caches;
    the edited file is checked with --no-cache and, separately, from the cache.
    """
    cache = Path(os.environ["CITEMAN_CACHE_DIR"])
    assert _entries(cache) == []
    copy = workdir / path.name
    shutil.copy(path, copy)
    check = ("check", "--no-config", "--format", "json", copy.name)
    full = run(*check)  # writes
    assert len(_entries(cache)) == 1
    assert run(*check) == full
    shutil.rmtree(cache / "results")
    assert run(*check) == full  # spliced from the kept state (citeman.splice)
    copy.write_text(edited(path.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.rmtree(cache / "results", ignore_errors=True)  # a splice writes none
    assert run(*check) == run(*check[:-1], "--no-cache", copy.name)


def test_text_report_with_summary_and_fixes_is_identical_when_cached(
    workdir: Path,
) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    fresh = run("check", "--no-cache", "--show-fixes", "a.bib")
    assert fresh[0] == 1 and "Found" in fresh[1]
    assert run("check", "--show-fixes", "a.bib") == fresh
    assert run("check", "--show-fixes", "a.bib") == fresh


def test_a_stored_entry_is_what_a_re_check_prints(workdir: Path) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    run("check", "a.bib")
    (entry,) = _entries(Path(os.environ["CITEMAN_CACHE_DIR"]))
    cache = result_cache.ResultCache(entry.parent)
    cache.put(entry.stem, "stored\n", [0])
    assert run("check", "a.bib") == (0, "stored\n", "")
    # Any change to the file or the rules is another entry.
    assert run("check", "--select", "CM203", "a.bib")[1] != "stored\n"
    (workdir / "a.bib").write_text(BIB + "\n", encoding="utf-8")
    assert run("check", "a.bib")[1] != "stored\n"


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"text": "forged\\n", "ranks": [0], "digest": "0"}',
        b'{"text": 5, "ranks": "x", "digest": null}',
        b"[1, 2]",
        b"\xff\xfe",
    ],
    ids=["empty", "truncated", "wrong-digest", "wrong-types", "wrong-shape", "binary"],
)
def test_a_damaged_entry_is_ignored_and_rewritten(workdir: Path, damage: bytes) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    fresh = run("check", "a.bib")
    (entry,) = _entries(Path(os.environ["CITEMAN_CACHE_DIR"]))
    entry.write_bytes(damage)
    assert run("check", "a.bib") == fresh
    assert result_cache.ResultCache(entry.parent).get(entry.stem) is not None


def test_a_cache_folder_that_is_a_file_is_ignored(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    (workdir / "cache").write_text("a file", encoding="utf-8")
    monkeypatch.setenv("CITEMAN_CACHE_DIR", str(workdir / "cache"))
    fresh = run("check", "--no-cache", "a.bib")
    assert run("check", "a.bib") == fresh
    assert run("check", "a.bib") == fresh


def test_no_cache_neither_reads_nor_writes(workdir: Path) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    run("check", "--no-cache", "a.bib")
    assert _entries(Path(os.environ["CITEMAN_CACHE_DIR"])) == []


def test_concurrent_runs_on_one_cache_both_print_the_full_check(workdir: Path) -> None:
    text = "".join(
        f"@article{{k{n}, title = {{A Title In Title Case {n}}}, pages = {{1-2}}}}\n"
        for n in range(400)
    )
    (workdir / "a.bib").write_text(text, encoding="utf-8")
    fresh = run("check", "--no-cache", "a.bib")
    command = [sys.executable, "-m", "citeman", "check", "a.bib"]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=workdir)
        for _ in range(3)
    ]
    outputs = [process.communicate()[0] for process in runs]
    assert outputs == [fresh[1]] * 3
    assert [process.returncode for process in runs] == [fresh[0]] * 3
    assert run("check", "a.bib") == fresh
    assert not list((Path(os.environ["CITEMAN_CACHE_DIR"]) / "results").glob("*.tmp"))


def test_only_the_most_recent_entries_are_kept(tmp_path: Path) -> None:
    cache = result_cache.ResultCache(tmp_path)
    for number in range(result_cache.KEEP + 5):
        cache.put(f"{number:064x}", f"{number}\n", [1])
        os.utime(tmp_path / f"{number:064x}.json", ns=(number, number))
    kept = sorted(path.stem for path in tmp_path.glob("*.json"))
    assert len(kept) == result_cache.KEEP
    assert cache.get(f"{result_cache.KEEP + 4:064x}") == ("20\n", frozenset({1}))


def test_edited_code_of_the_same_version_misses_the_cache(tmp_path: Path) -> None:
    """An editable install keeps its version while its rules change."""
    code = tmp_path / "citeman"
    (code / "rules").mkdir(parents=True)
    module = code / "rules" / "title_case.py"
    module.write_text("RULE = 1\n")
    files = [("a.bib", BIB.encode())]
    before = result_cache.key(files, [], {}, code)
    assert result_cache.key(files, [], {}, code) == before
    module.write_text("RULE = 22\n")
    assert result_cache.key(files, [], {}, code) != before


def test_the_key_covers_citeman_s_own_modules() -> None:
    state = result_cache.code_state(result_cache.PACKAGE)
    assert "code result_cache.py " in state
    assert "code rules/title_case.py " in state


def test_a_code_folder_that_cannot_be_listed_still_gives_a_key(tmp_path: Path) -> None:
    """The sdist's tests run the package from a folder others may not enter.

    A forked child that is not the folder's owner (root's child becomes
    nobody) lists a folder of mode 000 and reports what it read through a pipe.
    """
    code = tmp_path / "citeman"
    code.mkdir()
    (code / "lint.py").write_text("x = 1\n")
    code.chmod(0o000)
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            os.write(writing, result_cache.code_state(code).encode())
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading) as pipe:
        state = pipe.read()
    os.waitpid(child, 0)
    code.chmod(0o700)
    assert state == f"code {code} unreadable\n"
