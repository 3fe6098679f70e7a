"""A re-check spliced from the last check's state prints what a full check prints.

Each test checks a file (which keeps its state), edits it and compares the
spliced re-check with ``--no-cache``. ``_spliced`` asks the state directly,
so that a test knows the splice answered and did not fall back to the entry
cache; ``_check`` goes through the command line as a user would.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import citeman
from citeman import check_state, common_ends
from citeman.cli import check_cache
from citeman.cli.inputs import selected_config
from tests.conftest import REAL_FILES, run
from tests.test_entry_cache import _cache, _full

ARTICLES = (
    "@string{jtc = {Journal of Things and Cases}}\n\n"
    "@article{one, author = {Doe, Jane}, title = {Reactions of Muonium with gases},\n"
    "  journal = jtc, year = 2020, volume = 1, pages = {1-2}}\n\n"
    "@article{two, author = {Roe, Rick}, title = {Spin relaxation of muonium},\n"
    "  journal = {J. Things Cases}, year = 2021, volume = 2, pages = {3--4}}\n\n"
    "@article{three, author = {Poe, Pat}, title = {A study of muonium in metals},\n"
    "  journal = jtc, year = 2019, volume = 3, keywords = {a}, keywords = {b}}\n\n"
    "@article{four, author = {Loe, Lou}, title = {Fast muonium in thin films},\n"
    "  journal = {Journal of Things and Cases}, year = 2018, volume = 4}\n"
)


def _spliced(name: str) -> tuple[str, frozenset[int]] | None:
    """Return what a re-check of ``name`` works out from its state, if it can."""
    config = selected_config(
        None, True, None, None, None, extend_select=None, extend_ignore=None
    )
    active = config.active_rules(online=False)
    printed = {"format": "json", "statistics": False, "quiet": False,
               "show_fixes": False}  # fmt: skip
    cached = check_cache.open_entry([Path(name)], config, active, printed, wanted=True)
    assert cached is not None
    found = cached.spliced()
    return None if found is None else (found[0].decode("utf-8"), found[1])


def _check(*args: str) -> tuple[int, str, str]:
    """Check through the command line, the whole-output cache dropped first."""
    shutil.rmtree(_cache() / "results", ignore_errors=True)
    return run("check", "--no-config", "--format", "json", *args)


def _states() -> list[Path]:
    return sorted((_cache() / "states").glob("*.state"))


def _same_as_full(name: str) -> str:
    """Assert the splice answers for ``name`` exactly as a full check; return it."""
    found = _spliced(name)
    full = _full(name)
    assert found is not None, "the splice fell back"
    assert found[0] == full[1]
    assert (1 if found[1] else 0) == full[0]
    return found[0]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Reactions of Muonium", "Reactions of muonium"),  # casing census
        ("Spin relaxation of muonium}", "Spin relaxation of electrons}"),
        ("@article{four", "@article{one"),  # a duplicate key
        ("Fast muonium in thin films", "Reactions of Muonium with gases"),
        ("{J. Things Cases}", "{Journal of Things and Cases}"),  # journal census
        ("year = 2020,", "year = 2020,\n  note = {x},\n"),  # lines added
        ("keywords = {a}, ", ""),  # a repeated field gone
        ("pages = {1-2}", "pages = {1--2}"),  # a fix gone
    ],
)
def test_an_edit_is_spliced_exactly(workdir: Path, old: str, new: str) -> None:
    (workdir / "a.bib").write_text(ARTICLES, encoding="utf-8")
    before = _check("a.bib")
    assert _states()
    assert old in ARTICLES
    (workdir / "a.bib").write_text(ARTICLES.replace(old, new, 1), encoding="utf-8")
    _same_as_full("a.bib")
    (workdir / "a.bib").write_text(ARTICLES, encoding="utf-8")  # and back
    assert _same_as_full("a.bib") == before[1]


def _entries(text: str) -> list[str]:
    starts = [match.start() for match in re.finditer(r"(?m)^@article", text)]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def test_deleting_reordering_and_adding_entries_are_spliced(workdir: Path) -> None:
    path = workdir / "a.bib"
    path.write_text(ARTICLES, encoding="utf-8")
    _check("a.bib")
    head = ARTICLES[: ARTICLES.index("@article")]
    one, two, three, four = _entries(ARTICLES)
    for entries in ([one, three, four], [one, three, two, four],
                    [one, two, three, four, two.replace("two", "five")],
                    [one, three, two, four, four.replace("four", "six")]):  # fmt: skip
        path.write_text(head + "".join(entries), encoding="utf-8")
        _same_as_full("a.bib")


def test_an_edit_next_to_a_string_is_checked_in_full(workdir: Path) -> None:
    path = workdir / "a.bib"
    path.write_text(ARTICLES, encoding="utf-8")
    _check("a.bib")
    path.write_text(ARTICLES.replace("Things and Cases}}", "Things}}"), "utf-8")
    assert _spliced("a.bib") is None
    assert _check("a.bib") == _full("a.bib")


def test_a_suppression_comment_is_checked_in_full(workdir: Path) -> None:
    path = workdir / "a.bib"
    path.write_text(ARTICLES, encoding="utf-8")
    _check("a.bib")
    quiet = ARTICLES.replace("@article{two", "% citeman: ignore[CM211]\n@article{two")
    path.write_text(quiet, encoding="utf-8")
    assert _spliced("a.bib") is None
    assert _check("a.bib") == _full("a.bib")


def _edits(text: str, seed: int) -> list[str]:
    """Return edits of a real file: a letter's case, lines, entries gone or new."""
    rnd = random.Random(seed)
    titles = [m.start(1) for m in re.finditer(r"title\s*=\s*[{\"]([A-Za-z])", text)]
    starts = [m.start() for m in re.finditer(r"(?m)^@", text)]
    found = []
    if titles:
        at = rnd.choice(titles)
        found.append(text[:at] + text[at].swapcase() + text[at + 1 :])
        at = rnd.choice(titles)
        found.append(text[:at] + "Xx\n " + text[at:])
    if len(starts) > 3:
        one, two = sorted(rnd.sample(range(1, len(starts) - 1), 2))
        found.append(text[: starts[one]] + text[starts[one + 1] :])
        entry = text[starts[two] : starts[two + 1]]
        found.append(text[: starts[one]] + entry + text[starts[one] :])
    found.append(text + "\n@misc{zz_new, title = {A New Thing}, year = 2020}\n")
    return found


@pytest.mark.parametrize("path", REAL_FILES, ids=[path.stem for path in REAL_FILES])
def test_spliced_output_is_byte_identical_on_every_real_file(
    path: Path, workdir: Path
) -> None:
    """Each edit, then back to the original: identical to a full check."""
    text = path.read_text(encoding="utf-8")
    copy = workdir / path.name
    copy.write_text(text, encoding="utf-8")
    original = _check(copy.name)
    for edited in _edits(text, 12):
        copy.write_text(edited, encoding="utf-8")
        found = _spliced(copy.name)
        if found is None:  # an @string near the edit: the entry cache answers
            assert _check(copy.name) == _full(copy.name)
        else:
            assert found[0] == _full(copy.name)[1]
        copy.write_text(text, encoding="utf-8")
        assert _check(copy.name) == original


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),
        lambda data: data[:30] + bytes([data[30] ^ 1]) + data[31:],  # a CRC digit
        lambda data: data[:45] + bytes([data[45] ^ 1]) + data[46:],  # the blob's name
    ],
    ids=["empty", "truncated", "flipped-bit", "wrong-check", "wrong-blob"],
)
def test_a_damaged_state_is_ignored(workdir: Path, damage: object) -> None:
    path = workdir / "a.bib"
    path.write_text(ARTICLES, encoding="utf-8")
    _check("a.bib")
    (state,) = _states()
    assert callable(damage)
    state.write_bytes(damage(state.read_bytes()))
    path.write_text(ARTICLES.replace("Spin", "Fast spin"), encoding="utf-8")
    assert _spliced("a.bib") is None
    assert _check("a.bib") == _full("a.bib")
    _same_as_full("a.bib")  # the full check kept a new state


def test_concurrent_spliced_checks_all_print_the_full_output(workdir: Path) -> None:
    path = workdir / "a.bib"
    path.write_text(ARTICLES, encoding="utf-8")
    _check("a.bib")
    path.write_text(ARTICLES.replace("Spin relaxation", "Spin Relaxation"), "utf-8")
    full = _full("a.bib")
    source = Path(citeman.__file__).parent.parent
    env = {**os.environ, "PYTHONPATH": str(source)}
    command = [sys.executable, "-m", "citeman", "check", "--no-config",
               "--format", "json", "a.bib"]  # fmt: skip
    shutil.rmtree(_cache() / "results", ignore_errors=True)
    children = [
        subprocess.Popen(
            command,
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
    _same_as_full("a.bib")


def test_printed_problems_are_cut_and_joined_back() -> None:
    for found in ("[]\n", run("check", "--no-cache", "--format", "json", "-")[1]):
        parts = check_state.chunks(found)
        assert parts is not None
        joined = "[\n" + ",\n".join(parts) + "\n]\n" if parts else "[]\n"
        assert joined == found
    text = '[\n  {\n    "message": "a\\n  },\\n"\n  },\n  {\n    "x": 1\n  }\n]\n'
    assert check_state.chunks(text) == ['  {\n    "message": "a\\n  },\\n"\n  }',
                                         '  {\n    "x": 1\n  }']  # fmt: skip
    assert check_state.chunks("not json") is None


def test_the_common_ends_of_two_texts_are_found() -> None:
    rnd = random.Random(3)
    for size in (0, 1, 7, 100, 70_000, 200_000):
        for _ in range(30):
            one = "".join(rnd.choice("ab") for _ in range(min(size, 300))) * (
                size // 300 + 1
            )
            two = list(one)
            if one:
                at = rnd.randrange(len(one))
                two[at : at + rnd.randrange(3)] = "xyz"[: rnd.randrange(4)]
            other = "".join(two)
            same = common_ends.common_prefix(one, other)
            assert same == len(
                os.path.commonprefix(  # noqa: RUF071
                    [one, other]
                )
            )
            limit = min(len(one), len(other)) - same
            tail = len(
                os.path.commonprefix(  # noqa: RUF071
                    [one[::-1], other[::-1]]
                )
            )
            assert common_ends.common_suffix(one, other, limit) == min(tail, limit)
