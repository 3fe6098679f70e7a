"""``citeman fix`` end to end: writing, --diff, --check, exit codes, goldens.

The goldens in tests/data/golden/fix/ are ``citeman fix`` run on a copy of
library.bib. After a deliberate change to a rule's fixes, regenerate them with
``python -m tests.test_cli_fix`` and review the diff.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from citeman.cli import main
from tests.conftest import DATA, ROOT, run

GOLDEN = DATA / "golden" / "fix"

PAGES = """% pages to fix
@article{a,
  title = {A title},
  pages = {1-2, 5 \u2013 9},
  doi   = {10.1000/a},
}

@book{b, title = {B}, pages = "3\u20144"}
"""
PAGES_FIXED = (
    PAGES.replace("1-2", "1--2")
    .replace("5 \u2013 9", "5--9")
    .replace("3\u20144", "3--4")
)


@pytest.fixture
def pages_bib(workdir: Path) -> Path:
    path = workdir / "pages.bib"
    path.write_text(PAGES, encoding="utf-8")
    return path


def test_fix_rewrites_and_summarises(pages_bib: Path) -> None:
    assert run("fix", "pages.bib", "--select", "CM203") == (
        0,
        "pages.bib: fixed 3 problems in 2 entries: a (pages), b (pages)\n"
        "Fixed 3 problems in 1 file. No problems remain.\n",
        "",
    )
    assert pages_bib.read_text(encoding="utf-8") == PAGES_FIXED


def test_second_run_changes_nothing(pages_bib: Path) -> None:
    run("fix", "pages.bib", "--select", "CM203")
    assert run("fix", "pages.bib", "--select", "CM203") == (
        0,
        "Nothing fixed. No problems remain.\n",
        "",
    )
    assert pages_bib.read_text(encoding="utf-8") == PAGES_FIXED


def test_check_writes_nothing_and_exits_1(pages_bib: Path) -> None:
    assert run("fix", "--check", "pages.bib", "--select", "CM203") == (
        1,
        "pages.bib: would fix 3 problems in 2 entries: a (pages), b (pages)\n"
        "3 fixes pending in 1 file; run `citeman fix` to apply them.\n",
        "",
    )
    assert pages_bib.read_text(encoding="utf-8") == PAGES


def test_check_on_a_clean_file_exits_0(workdir: Path) -> None:
    (workdir / "clean.bib").write_text("@book{b, pages = {1--2}}\n", encoding="utf-8")
    assert run("fix", "--check", "clean.bib", "--select", "CM203") == (
        0,
        "Nothing to fix.\n",
        "",
    )


def test_diff_prints_a_unified_diff_and_writes_nothing(pages_bib: Path) -> None:
    code, out, err = run("fix", "--diff", "pages.bib", "--select", "CM203")
    assert (code, err) == (
        1,
        "pages.bib: would fix 3 problems in 2 entries: a (pages), b (pages)\n"
        "3 fixes pending in 1 file; run `citeman fix` to apply them.\n",
    )
    assert out == (
        "--- a/pages.bib\n"
        "+++ b/pages.bib\n"
        "@@ -1,8 +1,8 @@\n"
        " % pages to fix\n"
        " @article{a,\n"
        "   title = {A title},\n"
        "-  pages = {1-2, 5 \u2013 9},\n"
        "+  pages = {1--2, 5--9},\n"
        "   doi   = {10.1000/a},\n"
        " }\n"
        " \n"
        '-@book{b, title = {B}, pages = "3\u20144"}\n'
        '+@book{b, title = {B}, pages = "3--4"}\n'
    )
    assert pages_bib.read_text(encoding="utf-8") == PAGES


def test_diff_marks_a_missing_final_newline(workdir: Path) -> None:
    (workdir / "n.bib").write_text("@book{b, pages = {1-2}}", encoding="utf-8")
    code, out, _ = run("fix", "--diff", "-q", "n.bib", "--select", "CM203")
    assert (code, out) == (
        1,
        "--- a/n.bib\n"
        "+++ b/n.bib\n"
        "@@ -1 +1 @@\n"
        "-@book{b, pages = {1-2}}\n"
        "\\ No newline at end of file\n"
        "+@book{b, pages = {1--2}}\n"
        "\\ No newline at end of file\n",
    )


def test_unsafe_fixes_need_the_flag(workdir: Path) -> None:
    path = workdir / "u.bib"
    path.write_text("@article{k, pages = {1009-16}}\n", encoding="utf-8")
    assert run("fix", "u.bib", "--select", "CM203") == (
        1,
        "Nothing fixed. 1 problem remains; run `citeman check` to see them."
        " 1 more problem can be fixed with `--unsafe-fixes`.\n",
        "",
    )
    assert run("fix", "u.bib", "--select", "CM203", "--unsafe-fixes") == (
        0,
        "u.bib: fixed 1 problem in 1 entry: k (pages)\n"
        "Fixed 1 problem in 1 file. No problems remain.\n",
        "",
    )
    assert path.read_text(encoding="utf-8") == "@article{k, pages = {1009--1016}}\n"


def test_remaining_problems_exit_1_unless_below_fail_on(pages_bib: Path) -> None:
    pages_bib.write_text(PAGES + "@article{c, pages = {9-3}}\n", encoding="utf-8")
    code, out, _ = run("fix", "pages.bib", "--select", "CM203")
    assert (code, out.splitlines()[-1]) == (
        1,
        "Fixed 3 problems in 1 file. 1 problem remains;"
        " run `citeman check` to see them.",
    )
    pages_bib.write_text(PAGES + "@article{c, pages = {9-3}}\n", encoding="utf-8")
    code, _, _ = run("fix", "pages.bib", "--select", "CM203", "--fail-on", "error")
    assert code == 0


def test_quiet_prints_nothing(pages_bib: Path) -> None:
    assert run("fix", "-q", "pages.bib", "--select", "CM203") == (0, "", "")
    assert pages_bib.read_text(encoding="utf-8") == PAGES_FIXED


def test_crlf_and_bom_survive(workdir: Path) -> None:
    path = workdir / "w.bib"
    path.write_bytes(b"\xef\xbb\xbf% c\r\n@book{b,\r\n  pages = {1-2}\r\n}\r\n")
    code, _, _ = run("fix", "w.bib", "--select", "CM203")
    assert code == 0
    assert (
        path.read_bytes() == b"\xef\xbb\xbf% c\r\n@book{b,\r\n  pages = {1--2}\r\n}\r\n"
    )


def test_read_only_file_exits_2_and_other_files_are_still_fixed(
    pages_bib: Path, workdir: Path
) -> None:
    locked = workdir / "locked.bib"
    locked.write_text("@book{k, pages = {1-2}}\n", encoding="utf-8")
    locked.chmod(0o444)
    assert run("fix", "locked.bib", "pages.bib", "--select", "CM203") == (
        2,
        "pages.bib: fixed 3 problems in 2 entries: a (pages), b (pages)\n"
        "Fixed 3 problems in 1 file. 1 problem remains;"
        " run `citeman check` to see them.\n",
        "citeman: error: locked.bib: is read-only; nothing changed\n",
    )
    assert locked.read_text(encoding="utf-8") == "@book{k, pages = {1-2}}\n"
    assert pages_bib.read_text(encoding="utf-8") == PAGES_FIXED


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["missing.bib"], "citeman: error: missing.bib: no such file\n", id="missing"
        ),
        pytest.param(
            ["pages.bib", "--select", "CM999"],
            'citeman: error: --select names no rule: "CM999"; use a code (CM203), a'
            ' code prefix (CM2), a name (page-range) or ALL; see "citeman rules"\n',
            id="unknown-rule",
        ),
    ],
)
def test_bad_input_exits_2(pages_bib: Path, args: list[str], message: str) -> None:
    assert run("fix", *args) == (2, "", message)
    assert pages_bib.read_text(encoding="utf-8") == PAGES


def test_broken_file_is_fixed_outside_the_broken_block(workdir: Path) -> None:
    source = (DATA / "broken.bib").read_text(encoding="utf-8")
    path = workdir / "broken.bib"
    path.write_text(source.replace("year = {2021}", "pages = {1-2}"), encoding="utf-8")
    code, out, _ = run("fix", "broken.bib", "--select", "CM001,CM203")
    assert (code, out.splitlines()[0]) == (
        1,
        "broken.bib: fixed 1 problem in 1 entry: next (pages)",
    )
    assert path.read_text(encoding="utf-8") == source.replace(
        "year = {2021}", "pages = {1--2}"
    )


# The goldens: library.bib as shipped, fixed with every rule.
GOLDEN_RUNS = [([], "library.fixed.bib"), (["--unsafe-fixes"], "library.unsafe.bib")]


def _library(workdir: Path) -> Path:
    return Path(shutil.copy(ROOT / "library.bib", workdir / "library.bib"))


@pytest.mark.parametrize(("flags", "golden"), GOLDEN_RUNS, ids=["safe", "unsafe"])
def test_library_golden(workdir: Path, flags: list[str], golden: str) -> None:
    path = _library(workdir)
    code, _, err = run("fix", "--no-config", "library.bib", *flags)
    assert (code, err) == (1, "")
    assert path.read_bytes() == (GOLDEN / golden).read_bytes()
    assert run("fix", "--check", "--no-config", "library.bib", *flags)[0] == 0


def test_library_diff_golden(workdir: Path) -> None:
    path = _library(workdir)
    code, out, _ = run("fix", "--diff", "--unsafe-fixes", "--no-config", "library.bib")
    assert code == 1
    assert out == (GOLDEN / "library.diff").read_text(encoding="utf-8")
    assert path.read_bytes() == (ROOT / "library.bib").read_bytes()


def _regenerate() -> None:
    """Rewrite the goldens from the current rules (run from the repository root)."""
    import os
    import tempfile

    GOLDEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        for flags, golden in GOLDEN_RUNS:
            path = _library(Path(folder))
            CliRunner().invoke(main, ["fix", "--no-config", "library.bib", *flags])
            shutil.copy(path, GOLDEN / golden)
        _library(Path(folder))
        result = CliRunner().invoke(
            main, ["fix", "--diff", "--unsafe-fixes", "--no-config", "library.bib"]
        )
        (GOLDEN / "library.diff").write_text(result.stdout, encoding="utf-8")
    sys.stdout.write(f"wrote the goldens in {GOLDEN}\n")


if __name__ == "__main__":
    _regenerate()


def test_pre_commit_hooks_run_real_commands() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [hook["id"] for hook in hooks] == ["citeman-check", "citeman-fix"]
    for hook in hooks:
        program, command = hook["entry"].split()
        assert (program, hook["language"]) == ("citeman", "python")
        assert command in main.commands  # type: ignore[attr-defined]
        assert re.search(hook["files"], "refs/main.bib")
        assert not re.search(hook["files"], "main.tex")


def test_identical_files_are_reported_each_for_itself(workdir: Path) -> None:
    """Two files of one text: the one that cannot be written fails alone."""
    text = "@book{a, title = {T}, pages = {1-2}}\n"
    for name in ("a.bib", "b.bib"):
        (workdir / name).write_text(text, encoding="utf-8")
    (workdir / "a.bib").chmod(0o444)
    assert run("fix", "a.bib", "b.bib", "--select", "CM203") == (
        2,
        "b.bib: fixed 1 problem in 1 entry: a (pages)\n"
        "Fixed 1 problem in 1 file. 1 problem remains; run `citeman check` to"
        " see them.\n",
        "citeman: error: a.bib: is read-only; nothing changed\n",
    )
    assert (workdir / "b.bib").read_text(encoding="utf-8") == text.replace(
        "1-2", "1--2"
    )


def test_one_file_named_several_ways_is_fixed_once(workdir: Path) -> None:
    (workdir / "a.bib").write_text(PAGES, encoding="utf-8")
    (workdir / "link.bib").symlink_to("a.bib")
    (workdir / "sub").mkdir()
    assert run(
        "fix", "a.bib", "./a.bib", "sub/../a.bib", "link.bib", "--select", "CM203"
    ) == (
        0,
        "a.bib: fixed 3 problems in 2 entries: a (pages), b (pages)\n"
        "Fixed 3 problems in 1 file. No problems remain.\n",
        "",
    )
    assert (workdir / "a.bib").read_text(encoding="utf-8") == PAGES_FIXED


@pytest.mark.parametrize(
    ("option", "value"),
    [("--min-confidence", "nan"), ("--min-confidence", "-5.0"), ("--timeout", "nan")],
    ids=["confidence-nan", "confidence-negative", "timeout-nan"],
)
def test_number_options_refuse_nan_and_out_of_range(
    pages_bib: Path, option: str, value: str
) -> None:
    code, out, err = run("fix", "pages.bib", "--check", option, value)
    assert (code, out) == (2, "")
    assert f"Invalid value for '{option}': {value} is not" in err
    assert pages_bib.read_text(encoding="utf-8") == PAGES
