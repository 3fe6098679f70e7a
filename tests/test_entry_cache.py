"""check's entry cache: a re-check after an edit prints what a full check prints.

Every test compares against ``--no-cache`` on the same text. The file-level
result cache and kept states are removed before each re-check, so that the
entry cache (and not the replayed or spliced output of the whole file)
answers. The eleven real files are checked cold, warm and with one entry
edited in ``test_result_cache``.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import citeman
from citeman import entry_cache, incremental
from citeman.cli.check_cache import EntryCaches
from citeman.config import Config
from citeman.entry_cache import VERDICTS, EntryStore, Record, packed, unpacked
from citeman.lint import Fresh
from citeman.result_cache import key as result_key
from tests.conftest import run

BIB = (
    "@string{jtc = {Journal of Things and Cases}}\n\n"
    "@article{one, author = {Doe, J.}, title = {An Unusual Title Case},\n"
    "  journal = jtc, year = 2020, pages = {1-2}}\n\n"
    "@article{two, author = {Roe, R.}, title = {A title in sentence case},\n"
    "  journal = {J. Things Cases}, year = 2021, pages = {3--4}}\n\n"
    "@article{three, author = {Doe, J.}, title = {An unusual title case},\n"
    "  journal = jtc, year = 2020}\n"
)


def _cache() -> Path:
    return Path(os.environ["CITEMAN_CACHE_DIR"])


def _stores() -> list[Path]:
    return sorted((_cache() / "entries").glob("*.entries"))


def _check(*args: str) -> tuple[int, str, str]:
    """Check with the entry cache only: the whole-output cache and the kept
    states (``citeman.splice``) are dropped first."""
    for kept in ("results", "states"):
        shutil.rmtree(_cache() / kept, ignore_errors=True)
    return run("check", "--no-config", "--format", "json", *args)


def _full(*args: str) -> tuple[int, str, str]:
    return run("check", "--no-config", "--format", "json", "--no-cache", *args)


def edited(text: str) -> str:
    """Change one letter of a title in the middle and insert lines above it."""
    titles = list(re.finditer(r"title\s*=\s*[{\"]([A-Za-z])", text))
    if not titles:
        return "% a new first line\n" + text
    letter = titles[len(titles) // 2]
    at = letter.start(1)
    text = text[:at] + letter.group(1).swapcase() + text[at + 1 :]
    above = text.rfind("\n@", 0, at)
    return text[: above + 1] + "% inserted\n\n" + text[above + 1 :]


def _prepared(path: Path) -> incremental.Prepared:
    """Parse ``path`` as a re-check would, with the records of its store."""
    active = Config().active_rules(online=False)
    config = result_key([], active, {"cache": "entries"})
    (store,) = _stores()
    records = EntryStore(store.parent, store.name.removesuffix(".entries")).load()
    text = path.read_text(encoding="utf-8")
    prepared = incremental.prepare(path.name, text, records, config)
    assert prepared is not None
    return prepared


def test_only_the_edited_entry_is_parsed_again(workdir: Path) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    run("check", "a.bib")
    edited = BIB.replace("A title in sentence", "A Title In Title")
    (workdir / "a.bib").write_text("\n\n" + edited, encoding="utf-8")
    prepared = _prepared(workdir / "a.bib")
    assert [entry.key for entry in prepared.library.entries] == ["two"]
    assert [known.head.key for known in prepared.known] == ["one", "three"]
    assert [known.head.line for known in prepared.known] == [5, 11]
    assert _check("a.bib") == _full("a.bib")


def test_a_changed_string_is_seen_by_the_entries_that_use_it(workdir: Path) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    before = _check("a.bib")
    changed = BIB.replace("{Journal of Things and Cases}", "{J. Things Cases}")
    (workdir / "a.bib").write_text(changed, encoding="utf-8")
    prepared = _prepared(workdir / "a.bib")
    assert [entry.key for entry in prepared.library.entries] == ["one", "three"]
    after = _check("a.bib")
    assert after == _full("a.bib")
    assert after != before


def test_a_suppression_added_above_a_cached_entry_is_obeyed(workdir: Path) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    before = _check("a.bib")
    assert "CM202" in before[1]
    quiet = BIB.replace("@article{one", "% citeman: ignore[CM202]\n@article{one")
    (workdir / "a.bib").write_text(quiet, encoding="utf-8")
    after = _check("a.bib")
    assert after == _full("a.bib")
    assert after[1].count("CM202") < before[1].count("CM202")


def test_other_rules_use_another_store(workdir: Path) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    _check("a.bib")
    assert _check("--select", "CM202,CM401", "a.bib") == _full(
        "--select", "CM202,CM401", "a.bib"
    )
    assert len(_stores()) == 2


def test_no_cache_writes_no_store(workdir: Path) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    _full("a.bib")
    assert not (_cache() / "entries").exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),
        lambda data: data[:18] + b"0" * 64 + data[82:],
        lambda data: b"\xff\xfe" + data,
    ],
    ids=["empty", "truncated", "flipped-bit", "wrong-digest", "binary"],
)
def test_a_damaged_store_is_ignored_and_rewritten(
    workdir: Path, damage: object
) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    full = _full("a.bib")
    _check("a.bib")
    (store,) = _stores()
    assert callable(damage)
    store.write_bytes(damage(store.read_bytes()))
    assert EntryStore(store.parent, store.name.removesuffix(".entries")).load() == {}
    assert _check("a.bib") == full
    assert _prepared(workdir / "a.bib").known


class _Evil:
    """Unpickles by running a shell command."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.path}",))


def test_a_well_formed_store_of_other_things_is_refused(tmp_path: Path) -> None:
    # Written with a correct digest: only the unpickler and the checks stand.
    store = EntryStore(tmp_path, "x")
    evil = _Evil(tmp_path / "ran")
    for forged in ({"k": evil}, {"k": "not bytes"}):
        store.save(forged)  # type: ignore[dict-item]
        assert store.path.exists()
        assert store.load() == {}
    for record in (pickle.dumps(evil), pickle.dumps(("not", "a record"))):
        store.save({"k": record})
        assert unpacked(store.load()["k"]) is None
    assert not (tmp_path / "ran").exists()
    store.save({"k": packed(Record(1, 0, ()))})
    assert unpacked(store.load()["k"]) == Record(1, 0, ())


def test_concurrent_checks_all_print_the_full_output(workdir: Path) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    _check("a.bib")
    (workdir / "a.bib").write_text(BIB.replace("3--4", "3-4"), encoding="utf-8")
    full = _full("a.bib")
    # The children must run the code this process runs (and so share its store):
    # from an unpacked sdist, the tests import citeman from the source folder
    # while ``python -m citeman`` would find the installed copy.
    source = Path(citeman.__file__).parent.parent
    env = {**os.environ, "PYTHONPATH": str(source)}
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "citeman",
                "check",
                "--no-config",
                "--format",
                "json",
                "a.bib",
            ],
            cwd=workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert (child.returncode, out, err) == full
    assert _check("a.bib") == full
    assert _prepared(workdir / "a.bib").known


def test_an_unpicklable_summary_leaves_its_segment_uncached() -> None:
    prepared = incremental.prepare("a.bib", BIB, {}, "config")
    assert prepared is not None
    entries = prepared.library.entries
    fresh = {entry.offset: Fresh((), (lambda: None,)) for entry in entries[:1]}
    fresh.update({entry.offset: Fresh((), (None,)) for entry in entries[1:]})
    kept = incremental.records(prepared, fresh, {})
    assert len(kept) == len(entries)  # the verdicts, and every entry but the first
    assert VERDICTS in kept


def test_only_the_newest_stores_are_kept_within_the_size_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(entry_cache.KEEP + 2):
        EntryStore(tmp_path, f"s{index:02}").save({"k": b"x" * 1000})
        os.utime(tmp_path / f"s{index:02}.entries", ns=(index * 10**9, index * 10**9))
    EntryStore(tmp_path, "last").save({"k": b"x" * 1000})
    kept = sorted(path.stem for path in tmp_path.glob("*.entries"))
    assert len(kept) == entry_cache.KEEP and "last" in kept and "s00" not in kept
    monkeypatch.setattr(entry_cache, "MAX_BYTES", 2500)
    EntryStore(tmp_path, "newest").save({"k": b"x" * 1000})
    assert len(list(tmp_path.glob("*.entries"))) == 2


def test_strings_defined_between_entries_key_the_entries_below_them(
    workdir: Path,
) -> None:
    late = (
        "@article{early, journal = jl, title = {Early}, year = 2001}\n\n"
        "@string{jl = {Journal of Late Definitions}}\n\n"
        "@article{later, journal = jl, title = {Later}, year = 2002}\n\n"
        '@string{other = "Other"}\n\n'
        "@article{last, journal = jl # other, title = {Last}, year = 2003}\n"
    )
    (workdir / "a.bib").write_text(late, encoding="utf-8")
    assert _check("a.bib") == _full("a.bib")
    moved = late.replace("{Journal of Late Definitions}", "{J. Late Defs.}")
    (workdir / "a.bib").write_text("\n" + moved, encoding="utf-8")
    prepared = _prepared(workdir / "a.bib")
    assert [entry.key for entry in prepared.library.entries] == ["later", "last"]
    assert _check("a.bib") == _full("a.bib")


def test_a_broken_block_before_a_cached_entry_ends_where_a_full_parse_ends_it(
    workdir: Path,
) -> None:
    broken = (
        "@article{broken, title = {An open title, year = 2020,\n\n"
        "@article{fine, author = {Doe, J.}, title = {A Title In Title Case},\n"
        "  year = 2021}\n"
    )
    (workdir / "a.bib").write_text(broken, encoding="utf-8")
    assert _check("a.bib") == _full("a.bib")
    edited = broken.replace("open title", "opened title")
    (workdir / "a.bib").write_text(edited, encoding="utf-8")
    full = _full("a.bib")
    assert "CM001" in full[1]
    assert _check("a.bib") == full


def test_progress_counts_the_cached_entries_too(workdir: Path) -> None:
    (workdir / "a.bib").write_text(BIB, encoding="utf-8")
    _check("a.bib")
    caches = EntryCaches(Config().active_rules(online=False), wanted=True)
    library = caches.load(workdir / "a.bib", 10**6)
    assert (len(library.entries), caches.known()) == (0, 3)
