"""``citeman check`` end to end: exit codes, formats, options and bad input."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, run

PAGES = """@article{a,
  title = {A title},
  pages = {1-2},
  doi = {10.1000/a},
  author = {Kopta, S. M.},
  journal = {Journal of Consulting and Clinical Psychology},
  year = {1994},
  volume = {62},
}
"""


@pytest.fixture
def pages_bib(workdir: Path) -> Path:
    path = workdir / "pages.bib"
    path.write_text(PAGES, encoding="utf-8")
    return path


def test_text_output_and_exit_code_1(pages_bib: Path) -> None:
    code, out, err = run("check", "pages.bib", "--select", "CM203")
    assert (code, err) == (1, "")
    assert out == (
        'pages.bib:3:12: CM203 [page-range] [*] use "--" for page ranges, found "-"\n'
        "Found 1 problem (1 warning). 1 fixable with `citeman fix`.\n"
    )


def test_clean_file_exits_0(workdir: Path) -> None:
    (workdir / "clean.bib").write_text("@book{b, title = {T}}\n", encoding="utf-8")
    assert run("check", "clean.bib", "--select", "CM203") == (
        0,
        "No problems found.\n",
        "",
    )


def test_quiet_prints_problems_only(pages_bib: Path) -> None:
    code, out, _ = run("check", "pages.bib", "--select", "CM203", "--quiet")
    assert code == 1
    assert out.splitlines() == [
        'pages.bib:3:12: CM203 [page-range] [*] use "--" for page ranges, found "-"'
    ]


def test_json_output_has_every_field(pages_bib: Path) -> None:
    code, out, _ = run(
        "check", "pages.bib", "--select", "page-range", "--format", "json"
    )
    assert code == 1
    assert json.loads(out) == [
        {
            "file": "pages.bib",
            "line": 3,
            "column": 12,
            "end_line": 3,
            "end_column": 15,
            "key": "a",
            "field": "pages",
            "code": "CM203",
            "rule": "page-range",
            "severity": "warning",
            "message": 'use "--" for page ranges, found "-"',
            "fixable": True,
            "fix": {"field": "pages", "old": "1-2", "new": "1--2", "safe": True},
        }
    ]


def test_github_output(pages_bib: Path) -> None:
    code, out, _ = run("check", "pages.bib", "--select", "CM203", "--format", "github")
    assert code == 1
    assert out == (
        "::warning file=pages.bib,line=3,col=12,endLine=3,endColumn=15,"
        'title=CM203 page-range::use "--" for page ranges, found "-"\n'
    )


def test_sarif_output_describes_rules_and_results(pages_bib: Path) -> None:
    code, out, _ = run("check", "pages.bib", "--select", "CM203", "--format", "sarif")
    assert code == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    rule_ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert "CM203" in rule_ids and rule_ids == sorted(rule_ids)
    (result,) = run_["results"]
    assert result["ruleId"] == "CM203"
    assert rule_ids[result["ruleIndex"]] == "CM203"
    assert result["level"] == "warning"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 15}


def test_fail_on_error_ignores_warnings(pages_bib: Path) -> None:
    code, _, _ = run("check", "pages.bib", "--select", "CM203", "--fail-on", "error")
    assert code == 0


def test_ignore_by_prefix(pages_bib: Path) -> None:
    code, out, _ = run("check", "pages.bib", "--ignore", "CM2")
    assert (code, out) == (0, "No problems found.\n")


def test_unknown_selector_is_a_usage_error(pages_bib: Path) -> None:
    code, out, err = run("check", "pages.bib", "--select", "CM999")
    assert (code, out) == (2, "")
    assert 'citeman: error: --select names no rule: "CM999"' in err


def test_statistics(pages_bib: Path) -> None:
    code, out, _ = run("check", "pages.bib", "--select", "CM203", "--statistics")
    assert code == 1
    assert out == (
        "     1  CM203  page-range\n"
        "Found 1 problem (1 warning). 1 fixable with `citeman fix`.\n"
    )


def test_statistics_needs_text_format(pages_bib: Path) -> None:
    code, _, err = run("check", "pages.bib", "--statistics", "--format", "json")
    assert code == 2
    assert "--statistics works with --format text only" in err


def test_suppression_comment(workdir: Path) -> None:
    (workdir / "s.bib").write_text(
        "% citeman: ignore[page-range]\n" + PAGES, encoding="utf-8"
    )
    assert run("check", "s.bib", "--select", "CM203")[0] == 0


def test_default_path_is_library_bib(workdir: Path) -> None:
    shutil.copy(ROOT / "library.bib", workdir / "library.bib")
    code, out, _ = run("check", "--select", "CM101")
    assert code == 1
    assert out.count("CM101") == 9


def test_no_default_file_is_an_error(workdir: Path) -> None:
    code, _, err = run("check")
    assert code == 2
    assert "no file given and no library.bib in the current directory" in err


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing.bib", "missing.bib: no such file"),
        ("binary.bib", "binary.bib: is a binary file, not BibTeX text"),
        ("latin1.bib", "latin1.bib: line 2: byte 0xe4 is not UTF-8"),
        ("empty", "empty: no .bib file found"),
    ],
    ids=["missing", "binary", "latin-1", "directory-without-bib"],
)
def test_unreadable_input_exits_2_with_one_line(
    workdir: Path, name: str, reason: str
) -> None:
    for fixture in ("binary.bib", "latin1.bib"):
        shutil.copy(DATA / fixture, workdir / fixture)
    (workdir / "empty").mkdir()
    code, out, err = run("check", name)
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"citeman: error: {reason}"] or reason in err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_syntax_error_is_reported_and_rest_checked(workdir: Path) -> None:
    shutil.copy(DATA / "broken.bib", workdir / "broken.bib")
    code, out, _ = run("check", "broken.bib", "--select", "CM001,CM101")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("broken.bib:2:1: CM101 [missing-doi]")
    assert lines[1].startswith(
        "broken.bib:4:1: CM001 [syntax-error] block cannot be parsed and was skipped"
    )
    assert lines[2:] == ["Found 2 problems (1 error, 1 warning)."]


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("citeman, version ")


def test_rules_lists_and_explains() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "CM203  page-range" in out
    code, out, _ = run("rules", "page-range")
    assert code == 0
    assert out.startswith("CM203 page-range (default severity: warning)\n")
    assert "FAIL:" in out and "Fix: " in out
    code, _, err = run("rules", "nope")
    assert code == 2 and 'no rule "nope"' in err


def test_a_file_given_twice_is_checked_once(workdir: Path) -> None:
    (workdir / "x.bib").write_text(
        "@book{a, author = {A, B.}, title = {T}, year = {2001}, publisher = {P}}\n",
        encoding="utf-8",
    )
    os.link(workdir / "x.bib", workdir / "hard.bib")
    assert run("check", "x.bib", "x.bib", "hard.bib") == (
        0,
        "No problems found.\n",
        "",
    )
