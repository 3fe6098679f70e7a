"""``citeman audit`` end to end: outputs, exit codes, --fix-list and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.audit.conftest import AUDIT, write_docx
from tests.conftest import DATA, ROOT, run

PAPER = """Recovery is quick (Kopta et al., 1995).
Therapy helps (Leichsenring & Rabung, 2011; Rabung, 2020).
"""


@pytest.fixture
def paper(workdir: Path) -> Path:
    shutil.copy(ROOT / "library.bib", workdir / "library.bib")
    path = workdir / "paper.md"
    path.write_text(PAPER, encoding="utf-8")
    return path


def test_text_output_and_exit_code_1(paper: Path) -> None:
    code, out, err = run("audit", "paper.md", "--ignore", "CM502")
    assert (code, err) == (1, "")
    assert out == (
        "paper.md:1:20: CM503 [citation-year-mismatch] no 1995 work by Kopta et al. in"
        ' the reference list; it has kopta1994 ("Kopta et al., 1994")\n'
        "paper.md:2:45: CM501 [citation-not-in-list] no work by Rabung in the"
        ' reference list for "Rabung, 2020"; add it to the list or correct the'
        " citation\n"
        "Found 2 problems (2 errors).\n"
    )


def test_uncited_entries_are_reported_in_the_bib(paper: Path) -> None:
    code, out, _ = run("audit", "paper.md", "--select", "CM502", "--quiet")
    assert code == 1
    assert out.splitlines() == [
        'library.bib:4:1: CM502 [reference-not-cited] "hirschfeld2024" (Hirschfeld'
        " et al., 2024) is never cited; cite it or remove it from the list",
        'library.bib:14:1: CM502 [reference-not-cited] "bellis2014" (Bellis et al.,'
        " 2014) is never cited; cite it or remove it from the list",
        'library.bib:24:1: CM502 [reference-not-cited] "gamieldien2021" (Gamieldien'
        " et al., 2021) is never cited; cite it or remove it from the list",
        'library.bib:34:1: CM502 [reference-not-cited] "kivimaki2020" (Kivimäki et'
        " al., 2020) is never cited; cite it or remove it from the list",
        'library.bib:54:1: CM502 [reference-not-cited] "leichsenring2013"'
        " (Leichsenring et al., 2013) is never cited; cite it or remove it from the"
        " list",
        'library.bib:74:1: CM502 [reference-not-cited] "lindfors2015" (Lindfors et'
        " al., 2015) is never cited; cite it or remove it from the list",
        'library.bib:83:1: CM502 [reference-not-cited] "santesteban2017"'
        " (Santesteban-Echarri et al., 2017) is never cited; cite it or remove it"
        " from the list",
        'library.bib:92:1: CM502 [reference-not-cited] "stansfeld2016" (Stansfeld et'
        " al., 2016) is never cited; cite it or remove it from the list",
    ]


def test_correct_manuscript_exits_0(workdir: Path) -> None:
    shutil.copy(AUDIT / "correct.md", workdir / "paper.md")
    code, out, err = run("audit", "paper.md", "--bib", str(ROOT / "library.bib"))
    assert (code, out, err) == (0, "No problems found.\n", "")


def test_docx_manuscript(workdir: Path) -> None:
    write_docx(
        workdir / "paper.docx", ["Title", "It helps (Leichsenring et al., 2011)."]
    )
    code, out, _ = run(
        "audit", "paper.docx", "--bib", str(ROOT / "library.bib"), "--select", "CM504"
    )
    assert (code, out) == (
        1,
        "paper.docx:2:11: CM504 [citation-author-form] two authors: write"
        ' "Leichsenring & Rabung, 2011"\nFound 1 problem (1 warning).\n',
    )


def test_json_output(paper: Path) -> None:
    code, out, _ = run("audit", "paper.md", "--select", "CM503", "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {
            "file": "paper.md",
            "line": 1,
            "column": 20,
            "end_line": 1,
            "end_column": 38,
            "key": "kopta1994",
            "field": None,
            "code": "CM503",
            "rule": "citation-year-mismatch",
            "severity": "error",
            "message": "no 1995 work by Kopta et al. in the reference list; it has"
            ' kopta1994 ("Kopta et al., 1994")',
            "fixable": False,
            "fix": None,
        }
    ]


def test_github_output(paper: Path) -> None:
    code, out, _ = run("audit", "paper.md", "--select", "CM501", "--format", "github")
    assert (code, out) == (
        1,
        "::error file=paper.md,line=2,col=45,endLine=2,endColumn=57,"
        "title=CM501 citation-not-in-list::no work by Rabung in the reference list"
        ' for "Rabung, 2020"; add it to the list or correct the citation\n',
    )


def test_sarif_describes_the_audit_rules(paper: Path) -> None:
    code, out, _ = run("audit", "paper.md", "--select", "CM501", "--format", "sarif")
    assert code == 1
    sarif_run = json.loads(out)["runs"][0]
    ids = [rule["id"] for rule in sarif_run["tool"]["driver"]["rules"]]
    assert {"CM501", "CM502", "CM503", "CM504", "CM505", "CM506"} <= set(ids)
    (result,) = sarif_run["results"]
    assert ids[result["ruleIndex"]] == "CM501"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "paper.md"
    assert location["region"] == {
        "startLine": 2, "startColumn": 45, "endLine": 2, "endColumn": 57,
    }  # fmt: skip


def test_fail_on_error_ignores_warnings(paper: Path) -> None:
    code, _, _ = run("audit", "paper.md", "--select", "CM502", "--fail-on", "error")
    assert code == 0


def test_fix_list_writes_the_cited_entries(paper: Path, workdir: Path) -> None:
    code, _, err = run("audit", "paper.md", "--fix-list", "cited.bib", "-q")
    assert (code, err) == (1, "wrote 2 of 10 entries to cited.bib\n")
    library = (workdir / "library.bib").read_text(encoding="utf-8")
    written = (workdir / "cited.bib").read_text(encoding="utf-8")
    blocks = written.split("\n\n")
    # The header, then kopta1994 (cited with the wrong year) and leichsenring2011.
    assert [block.split("{")[1].split(",")[0] for block in blocks[1:]] == [
        "kopta1994",
        "leichsenring2011",
    ]
    assert all(block.strip() in library for block in blocks)
    assert list(workdir.glob(".cited.bib.*")) == []


def test_fix_list_never_writes_over_a_manuscript(paper: Path) -> None:
    code, out, err = run("audit", "paper.md", "--fix-list", "paper.md")
    assert (code, out) == (2, "")
    assert (
        err == "citeman: error: --fix-list paper.md: is the input paper.md; writing"
        " it would destroy it, so name another file\n"
    )
    assert paper.read_text(encoding="utf-8") == PAPER


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.md"], "citeman: error: missing.md: no such file\n"),
        (
            ["paper.md", "--bib", "none.bib"],
            "citeman: error: none.bib: no such file\n",
        ),
        (
            ["paper.md", "--select", "CM599"],
            'citeman: error: --select names no rule: "CM599"; use a code (CM203), a'
            " code prefix (CM2), a name (page-range) or ALL; see"
            ' "citeman rules"\n',
        ),
    ],
    ids=["missing-manuscript", "missing-bib", "unknown-rule"],
)
def test_bad_input_exits_2_with_one_line(
    paper: Path, args: list[str], message: str
) -> None:
    assert run("audit", *args) == (2, "", message)


def test_corrupt_docx_exits_2(paper: Path, workdir: Path) -> None:
    (workdir / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    code, out, err = run("audit", "broken.docx")
    assert (code, out) == (2, "")
    assert err.startswith("citeman: error: broken.docx: is not a readable .docx file")
    assert len(err.splitlines()) == 1


def test_no_bib_and_no_library_bib(workdir: Path) -> None:
    (workdir / "paper.md").write_text(PAPER, encoding="utf-8")
    code, _, err = run("audit", "paper.md")
    assert code == 2
    assert "no file given and no library.bib in the current directory" in err


def test_rules_lists_the_audit_rules() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert "CM501  citation-not-in-list" in out
    assert "CM506  ambiguous-citation" in out
    code, out, _ = run("rules", "CM503")
    assert code == 0
    assert out.startswith("CM503 citation-year-mismatch (default severity: error)\n")
    assert "(Kopta et al., 1995)" in out


def test_readme_example_is_what_citeman_prints(workdir: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## `citeman audit`", 1)[1]
    paper = section.split("```markdown\n", 1)[1].split("```", 1)[0]
    shown = section.split("```\n$ citeman ", 1)[1].split("```", 1)[0]
    command, expected = shown.split("\n", 1)
    shutil.copy(ROOT / "library.bib", workdir / "library.bib")
    (workdir / "paper.md").write_text(paper, encoding="utf-8")
    code, out, _ = run(*command.split())
    assert (code, out) == (1, expected)


def test_unparsable_blocks_are_announced(workdir: Path) -> None:
    shutil.copy(DATA / "broken.bib", workdir / "broken.bib")
    (workdir / "paper.txt").write_text("(Nobody, 2020)\n", encoding="utf-8")
    code, out, err = run("audit", "paper.txt", "--bib", "broken.bib", "-q")
    assert code == 1
    assert err == (
        "citeman: warning: broken.bib: 1 block cannot be parsed and was skipped;"
        ' run "citeman check broken.bib"\n'
    )
    assert out.splitlines()[0].startswith("broken.bib:2:1: CM502")


def test_fix_list_into_a_missing_folder_exits_2(paper: Path) -> None:
    code, out, err = run("audit", "paper.md", "--fix-list", "no/such/dir/cited.bib")
    assert (code, out) == (2, "")
    assert err == (
        "citeman: error: no/such/dir/cited.bib: cannot write beside it in"
        f" {paper.parent / 'no/such/dir'} (No such file or directory);"
        " nothing changed\n"
    )


def test_a_manuscript_named_twice_is_read_once(paper: Path) -> None:
    (paper.parent / "again.md").symlink_to("paper.md")
    once = run("audit", "paper.md", "--ignore", "CM502")
    assert once[0] == 1  # it has problems, which must not be doubled
    assert run("audit", "paper.md", "./paper.md", "again.md", "--ignore", "CM502") == (
        once
    )
