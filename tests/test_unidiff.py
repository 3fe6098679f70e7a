"""``fix --diff`` hunks are built from the fixed entries, with the file's line numbers.

On the real libraries they are exactly what difflib prints over the whole file
(lines ending at ``\\n`` only), without comparing every line with every other.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from citeman import parse, unidiff
from citeman.cli.fix_command import diff
from citeman.config import Config
from citeman.fix import fix_library
from tests.conftest import real_corpora, run


def _whole_file_diff(before: str, after: str, name: str) -> str:
    def lines(text: str) -> list[str]:
        parts = text.split("\n")
        return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])

    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in difflib.unified_diff(
            lines(before), lines(after), f"a/{name}", f"b/{name}"
        )
    )


@pytest.mark.parametrize("name", ["bbt-mendeley", "beebe-texbook3", "xampl"])
def test_real_library_diffs_match_difflib_over_the_whole_file(name: str) -> None:
    path = real_corpora() / f"{name}.bib"
    library = parse.load(path)
    outcome = fix_library(library, Config().active_rules(), unsafe=True)
    assert outcome.applied
    expected = _whole_file_diff(
        library.source, outcome.source, path.as_posix().lstrip("/")
    )
    assert diff(path, library, outcome) == expected


def test_form_feed_vertical_tab_and_line_separator_do_not_end_lines(
    workdir: Path,
) -> None:
    text = (
        "@misc{a, note = {one\ftwo\vthree\u2028four\u0085five\x1cs}}\n"
        "\n"
        "@book{b,\n"
        "  pages = {1-2},\n"
        "}\n"
    )
    (workdir / "ff.bib").write_text(text, encoding="utf-8")
    code, out, _ = run("fix", "--diff", "-q", "ff.bib", "--select", "CM203")
    assert code == 1
    assert out == (
        "--- a/ff.bib\n"
        "+++ b/ff.bib\n"
        "@@ -1,5 +1,5 @@\n"
        # Printed with the controls made visible (issue 9 S4), on one line.
        " @misc{a, note = {one\\x0ctwo\\x0bthree\\u2028four\\x85five\\x1cs}}\n"
        " \n"
        " @book{b,\n"
        "-  pages = {1-2},\n"
        "+  pages = {1--2},\n"
        " }\n"
    )


def test_entries_sharing_a_line_make_one_change() -> None:
    before = "x\n@a{k, p={1-2}} @a{l, p={3-4}}\ny\n"
    after = "x\n@a{k, p={1--2}} @a{l, p={3--4}}\ny\n"
    regions = [(2, 16, 2, 17), (17, 31, 18, 33)]
    assert unidiff.unified(before, after, regions, "a", "b") == (
        "--- a\n+++ b\n@@ -1,3 +1,3 @@\n x\n"
        "-@a{k, p={1-2}} @a{l, p={3-4}}\n"
        "+@a{k, p={1--2}} @a{l, p={3--4}}\n"
        " y\n"
    )


def test_distant_changes_make_separate_hunks_with_three_lines_of_context() -> None:
    before = "".join(f"line {n}\n" for n in range(1, 21))
    after = before.replace("line 2\n", "LINE 2\n").replace("line 18\n", "LINE 18\n")
    second = before.index("line 18")
    regions = [(7, 14, 7, 14), (second, second + 8, second, second + 8)]
    assert unidiff.unified(before, after, regions, "a", "b") == _whole_file_diff(
        before, after, "x"
    ).replace("a/x", "a").replace("b/x", "b")
    assert unidiff.unified(before, after, regions, "a", "b").count("@@ -") == 2


def test_unchanged_regions_give_no_diff() -> None:
    assert unidiff.unified("a\n", "a\n", [(0, 1, 0, 1)], "a", "b") == ""
