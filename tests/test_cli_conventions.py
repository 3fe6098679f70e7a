"""ruff's command-line conventions in ``citeman check``: stdin, directories, flags.

Each test runs the real command through click's runner on real files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeman.cli import main
from tests.conftest import DATA, run

PAGES = "@article{p, title = {T}, pages = {1-2}, doi = {10.1000/p}}\n"
NO_DOI = "@article{n, title = {T}}\n"


def _stdin(args: list[str], text: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, input=text.encode())
    return result.exit_code, result.stdout, result.stderr


def test_stdin_is_named_by_stdin_filename_in_every_format(workdir: Path) -> None:
    base = ["check", "-", "--stdin-filename", "refs/x.bib", "--select", "CM203"]
    code, out, _ = _stdin(base, PAGES)
    assert code == 1
    assert out.startswith("refs/x.bib:1:35: CM203 [page-range]")
    code, out, _ = _stdin([*base, "--format", "json"], PAGES)
    assert [item["file"] for item in json.loads(out)] == ["refs/x.bib"]
    code, out, _ = _stdin([*base, "--format", "github"], PAGES)
    assert out.startswith("::warning file=refs/x.bib,line=1,")
    code, out, _ = _stdin([*base, "--format", "sarif"], PAGES)
    location = json.loads(out)["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "refs/x.bib"


def test_stdin_without_a_name_is_called_dash(workdir: Path) -> None:
    code, out, _ = _stdin(["check", "-", "--select", "CM203", "-q"], PAGES)
    assert (code, out.split(":", 1)[0]) == (1, "-")


def test_stdin_filename_alone_reads_stdin(workdir: Path) -> None:
    code, out, _ = _stdin(["check", "--stdin-filename", "a.bib", "-q"], PAGES)
    assert code == 1 and out.startswith("a.bib:")


def test_stdin_filename_chooses_the_configuration(workdir: Path) -> None:
    (workdir / "sub").mkdir()
    (workdir / "sub" / "citeman.toml").write_text('ignore = ["CM101"]\n')
    args = ["check", "-", "-q", "--select", "CM101,CM203"]
    assert "CM101" in _stdin([*args, "--stdin-filename", "x.bib"], NO_DOI)[1]
    code, out, _ = _stdin(
        ["check", "-", "-q", "--stdin-filename", "sub/x.bib", "--select", "CM203"],
        NO_DOI,
    )
    assert (code, out) == (0, "")
    code, out, _ = _stdin(["check", "-", "-q", "--stdin-filename", "sub/x.bib"], NO_DOI)
    assert "CM101" not in out


def test_stdin_that_is_not_utf8_is_one_line(workdir: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", "-", "--stdin-filename", "x.bib"], input=b"@book{\xe4}"
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "citeman: error: x.bib: line 1: byte 0xe4 is not UTF-8 (save the file as UTF-8)"
    ]


def _tree(root: Path) -> None:
    files = {
        "a.bib": NO_DOI,
        "sub/deeper/b.bib": NO_DOI,
        "sub/notes.txt": "not bibtex",
        ".hidden/c.bib": NO_DOI,
        "env/pyvenv.cfg": "home = /usr\n",
        "env/lib/d.bib": NO_DOI,
        "node_modules/pkg/e.bib": NO_DOI,
        "build/f.bib": NO_DOI,
        "drafts/g.bib": NO_DOI,
        ".gitignore": "build/\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / ".git").mkdir()


def _files(args: list[str]) -> list[str]:
    code, out, err = run("check", *args, "--select", "CM101", "--format", "json")
    assert code in (0, 1), err
    return sorted({item["file"] for item in json.loads(out)})


def test_a_directory_is_searched_as_ruff_searches(workdir: Path) -> None:
    _tree(workdir)
    assert _files(["."]) == ["a.bib", "drafts/g.bib", "sub/deeper/b.bib"]
    assert _files(["sub"]) == ["sub/deeper/b.bib"]


def test_gitignore_files_above_and_below_apply(workdir: Path) -> None:
    _tree(workdir)
    (workdir / "sub" / "kept.bib").write_text(NO_DOI)
    (workdir / ".gitignore").write_text("build/\ndeeper/\n")
    # The repository's .gitignore applies when only a subfolder is searched.
    assert _files(["sub"]) == ["sub/kept.bib"]
    (workdir / ".gitignore").write_text("build/\n")
    (workdir / "sub" / ".gitignore").write_text("kept.bib\n")
    assert _files(["."]) == ["a.bib", "drafts/g.bib", "sub/deeper/b.bib"]


def test_exclude_and_extend_exclude_in_the_configuration(workdir: Path) -> None:
    _tree(workdir)
    (workdir / "citeman.toml").write_text('extend-exclude = ["drafts"]\n')
    assert _files(["."]) == ["a.bib", "sub/deeper/b.bib"]
    # exclude replaces the defaults: hidden folders are searched again.
    (workdir / "citeman.toml").write_text('exclude = ["sub/deeper"]\n')
    assert _files(["."]) == [".hidden/c.bib", "a.bib", "drafts/g.bib",
                             "node_modules/pkg/e.bib"]  # fmt: skip


def test_a_file_named_on_the_command_line_is_always_read(workdir: Path) -> None:
    _tree(workdir)
    assert _files([".hidden/c.bib", "build/f.bib"]) == [".hidden/c.bib", "build/f.bib"]


def test_a_glob_is_expanded(workdir: Path) -> None:
    _tree(workdir)
    assert _files(["sub/**/*.bib", "*.bib"]) == ["a.bib", "sub/deeper/b.bib"]


def test_a_folder_without_bib_files_is_an_error(workdir: Path) -> None:
    (workdir / "empty").mkdir()
    code, out, err = run("check", "empty", "*.nothing")
    assert (code, out) == (2, "")
    assert err.startswith("citeman: error: empty *.nothing: no .bib file found")


@pytest.fixture
def pages_bib(workdir: Path) -> Path:
    path = workdir / "pages.bib"
    path.write_text(PAGES + "@article{u, title = {T}, pages = {1009-16}}\n")
    return path


def test_exit_zero_keeps_findings_but_exits_0(pages_bib: Path) -> None:
    code, out, _ = run("check", "pages.bib", "--select", "CM203", "--exit-zero")
    assert code == 0 and "CM203" in out
    assert run("check", "pages.bib", "missing.bib", "--exit-zero")[0] == 2


def test_output_format_is_an_alias_of_format(pages_bib: Path) -> None:
    assert run("check", "pages.bib", "--output-format", "json") == run(
        "check", "pages.bib", "--format", "json"
    )


def test_show_fixes_prints_each_change(pages_bib: Path) -> None:
    out = run("check", "pages.bib", "--select", "CM203", "--show-fixes")[1]
    lines = out.splitlines()
    assert lines[1] == "    fix: '1-2' -> '1--2'"
    assert lines[3] == "    unsafe fix: '1009-16' -> '1009--1016'"
    plain = run("check", "pages.bib", "--select", "CM203")[1].splitlines()
    assert [line for line in lines if not line.startswith("    ")] == plain


ESC = "\x1b["


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {}, False),  # not a terminal
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": ""}, False),
    ],
)
def test_color_option_and_environment(
    pages_bib: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env: dict[str, str],
    coloured: bool,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = run("check", "pages.bib", "--select", "CM203", *args)[1]
    assert (ESC in out) == coloured
    json_out = run("check", "pages.bib", "--format", "json", *args)[1]
    assert ESC not in json_out


def test_command_line_select_beats_configured_ignore(workdir: Path) -> None:
    (workdir / "lib.bib").write_text(NO_DOI)
    (workdir / "citeman.toml").write_text('ignore = ["CM101"]\n')
    assert run("check", "lib.bib", "-q")[1].count("CM101") == 0
    assert run("check", "lib.bib", "-q", "--select", "CM101")[1].count("CM101") == 1
    out = run("check", "lib.bib", "-q", "--extend-select", "missing-doi")[1]
    assert "CM101" in out and "CM102" in out
    out = run("check", "lib.bib", "-q", "--select", "CM1", "--extend-ignore", "CM102")[
        1
    ]
    assert "CM101" in out and "CM102" not in out


def test_extend_select_and_extend_ignore_in_the_configuration(workdir: Path) -> None:
    (workdir / "lib.bib").write_text(NO_DOI)
    (workdir / "citeman.toml").write_text(
        'select = ["CM102"]\nextend-select = ["CM101"]\nextend-ignore = ["CM102"]\n'
    )
    out = run("check", "lib.bib", "-q")[1]
    assert "CM101" in out and "CM102" not in out


def test_per_file_ignores(workdir: Path) -> None:
    (workdir / "old").mkdir()
    for name in ("lib.bib", "old/a.bib", "old/b.bib"):
        (workdir / name).write_text(NO_DOI)
    (workdir / "citeman.toml").write_text(
        '[per-file-ignores]\n"old/*.bib" = ["missing-doi"]\n"b.bib" = ["CM1"]\n'
    )
    out = run("check", ".", "-q", "--select", "CM101,CM102", "--format", "json")[1]
    found = sorted({(item["file"], item["code"]) for item in json.loads(out)})
    assert found == [("lib.bib", "CM101"), ("lib.bib", "CM102"), ("old/a.bib", "CM102")]


def test_unknown_option_code_suggests_the_near_one(workdir: Path) -> None:
    code, _, err = run("check", "--select", "page-rnage,CM101")
    assert code == 2
    assert err.startswith(
        'citeman: error: --select names no rule: "page-rnage" (did you mean '
        '"page-range"?)'
    )
    assert '(did you mean "CM203"?)' in run("check", "--extend-ignore", "CM2O3")[2]


@pytest.mark.parametrize("output_format", ["json", "sarif", "text"])
def test_one_unreadable_file_does_not_stop_the_others(
    pages_bib: Path, output_format: str
) -> None:
    shutil.copy(DATA / "latin1.bib", "latin1.bib")
    code, out, err = run(
        "check", "latin1.bib", "pages.bib", "missing.bib", "--select", "CM203",
        "--format", output_format,
    )  # fmt: skip
    assert code == 2
    assert err.splitlines() == [
        "citeman: error: latin1.bib: line 2: byte 0xe4 is not UTF-8 (save the file"
        " as UTF-8)",
        "citeman: error: missing.bib: no such file",
    ]
    if output_format == "json":
        assert [item["key"] for item in json.loads(out)] == ["p", "u"]
    elif output_format == "sarif":
        assert len(json.loads(out)["runs"][0]["results"]) == 2
    else:
        assert out.count("pages.bib:") == 2


def test_fix_goes_on_past_an_unreadable_file(pages_bib: Path) -> None:
    code, _, err = run("fix", "missing.bib", "pages.bib", "--select", "CM203")
    assert code == 2
    assert err == "citeman: error: missing.bib: no such file\n"
    assert "{1--2}" in pages_bib.read_text()


def test_fix_diff_with_unsafe_fixes_names_the_flag(pages_bib: Path) -> None:
    code, _, err = run(
        "fix", "--diff", "--unsafe-fixes", "pages.bib", "--select", "CM203"
    )
    assert code == 1
    assert err.splitlines()[-1] == (
        "2 fixes pending in 1 file; run `citeman fix --unsafe-fixes` to apply them."
    )


@pytest.mark.parametrize("tool", [["git", "apply"], ["patch", "-p1"]])
def test_diff_of_an_absolute_path_applies_with_git_and_patch(
    pages_bib: Path, tool: list[str]
) -> None:
    absolute = str(pages_bib.resolve())
    code, out, _ = run("fix", "--diff", absolute, "--select", "CM203")
    assert code == 1
    assert out.splitlines()[:2] == ["--- a/pages.bib", "+++ b/pages.bib"]
    subprocess.run([*tool], input=out, text=True, check=True, capture_output=True)
    assert "{1--2}" in pages_bib.read_text()


def test_rules_suggests_the_near_name() -> None:
    assert run("rules", "titel-case") == (
        2,
        "",
        'citeman: error: no rule "titel-case" (did you mean "title-case"?);'
        ' run "citeman rules" for the list\n',
    )


def test_fix_show_fixes_lists_each_fix(pages_bib: Path) -> None:
    code, out, err = run("fix", "--diff", "pages.bib", "--select", "CM203",
                         "--show-fixes", "-q")  # fmt: skip
    assert code == 1 and out.startswith("--- a/pages.bib")
    assert err == "pages.bib:1:35: CM203 [page-range] '1-2' -> '1--2'\n"
    code, out, _ = run(
        "fix", "pages.bib", "--select", "CM203", "--unsafe-fixes", "--show-fixes"
    )
    assert code == 0
    assert out.splitlines()[1:3] == [
        "pages.bib:1:35: CM203 [page-range] '1-2' -> '1--2'",
        "pages.bib:2:35: CM203 [page-range] '1009-16' -> '1009--1016' (unsafe)",
    ]
