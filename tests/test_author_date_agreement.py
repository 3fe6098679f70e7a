"""cite and audit agree on names, initials and "in press" (issue 11, one model).

What ``citeman cite`` prints, written into a manuscript, is what ``citeman
audit`` accepts: first authors sharing a family name get their initials
(APA 8.20) in both, and ``pubstate = {inpress}`` is "in press" in both even
when the entry also has a year.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import DATA, run

LIBRARY = DATA / "authordate" / "library.bib"


def test_what_cite_prints_audit_accepts(tmp_path: Path) -> None:
    code, cited, err = run("cite", "--bib", str(LIBRARY), "chris", "anna", "jones")
    assert (code, err) == (0, "")
    assert cited == "(Jones, in press; A. Smith, 2020; C. Smith, 2020)\n"
    manuscript = tmp_path / "paper.md"
    manuscript.write_text(f"As shown {cited.strip()}, it works.\n")
    code, out, _ = run("audit", str(manuscript), "--bib", str(LIBRARY))
    assert (code, out.strip()) == (0, "No problems found.")
