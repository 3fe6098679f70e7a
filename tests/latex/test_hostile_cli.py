"""Issue 9, C1/C2 and odd name lists: every command reads hostile LaTeX and names.

``\\href``, ``\\input``, ``\\verb`` and a bare ``\\sqrt`` crashed check, fix, render
and cite inside pylatexenc; 300 nested braces with a backslash hit Python's
recursion limit; ``author = {and}`` raised IndexError.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DATA, run

HOSTILE = DATA / "latex" / "hostile.bib"


def test_check_reports_the_empty_name_list_and_exits_1() -> None:
    code, out, err = run("check", str(HOSTILE))
    assert code == 1, err
    assert "Traceback" not in out + err
    assert (
        f'{HOSTILE}:29:13: CM204 [author-format] author holds no name, only "and"; '
        "write the names or remove it"
    ) in out


def test_render_prints_every_entry_decoded() -> None:
    code, out, err = run("render", str(HOSTILE))
    assert code == 0, err
    assert "Lowe, A. (2020). See the site for http://x.org. Journal, 1, 1–2." in out
    assert "Lowe, B. (2021). A title with input and and √. Journal, 1, 1–2." in out
    assert "Lowe, C. (2022). x. Journal, 1, 1–2." in out
    assert "Nobody wrote this. (2023). Journal, 1, 1–2." in out


def test_cite_cites_every_entry() -> None:
    code, out, err = run(
        "cite", "--bib", str(HOSTILE), "href", "input", "deep", "noname"
    )
    assert code == 0
    # Three different Lowes: their initials tell them apart (APA 8.20).
    assert out == (
        '(A. Lowe, 2020; B. Lowe, 2021; C. Lowe, 2022; "Nobody wrote this", 2023)\n'
    )
    assert err == (
        f"citeman: warning: {HOSTILE}:12:25: input: CM210 [unrendered-latex] "
        '"\\input" is not LaTeX that citeman can render; write it in standard LaTeX '
        "or Unicode (its argument is printed as plain text); printed as best it can\n"
        f"citeman: warning: {HOSTILE}:29:13: noname: CM204 [author-format] author "
        'holds no name, only "and"; write the names or remove it; printed as best '
        "it can\n"
    )


def test_fix_reads_the_file_without_error(tmp_path: Path) -> None:
    copy = tmp_path / "hostile.bib"
    shutil.copy(HOSTILE, copy)
    code, out, err = run("fix", str(copy), "--diff")
    assert code in (0, 1), err
    assert "Traceback" not in out + err
    assert "@@" in out
