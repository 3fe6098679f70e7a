"""audit follows \\input and \\include inside the manuscript's folder, and no further.

Citations in verbatim text and in ``\\iffalse … \\fi`` do not count.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, run

THESIS = DATA / "audit" / "thesis"


@pytest.fixture
def thesis(workdir: Path) -> Path:
    shutil.copytree(THESIS, workdir / "thesis")
    shutil.copy(ROOT / "library.bib", workdir / "library.bib")
    shutil.copy(DATA / "audit" / "correct.tex", workdir / "correct.tex")
    return workdir / "thesis" / "main.tex"


def test_chapters_count_and_hidden_citations_do_not(thesis: Path) -> None:
    code, out, err = run(
        "audit", "thesis/main.tex", "--bib", "library.bib", "--select", "CM501,CM502"
    )
    assert code == 1
    uncited = [line.split('"')[1] for line in out.splitlines() if "CM502" in line]
    # kopta1994, leichsenring2011/2013, hirschfeld2024, kivimaki2020 are cited
    # in chapters; lindfors2015 only in verbatim, stansfeld2016 only in \iffalse.
    assert uncited == [
        "gamieldien2021",
        "lindfors2015",
        "santesteban2017",
        "stansfeld2016",
    ]
    assert err.splitlines() == [
        'citeman: warning: thesis/main.tex:9: "../correct" is outside the'
        f" manuscript's folder {thesis.parent.resolve()}; not followed, its"
        " citations are not counted",
        "citeman: warning: thesis/main.tex:10: thesis/chapters/missing.tex:"
        " no such file; its citations are not counted",
    ]


def test_fix_list_keeps_works_cited_only_in_chapters(thesis: Path) -> None:
    code, _, _ = run(
        "audit", "thesis/main.tex", "--bib", "library.bib", "--fix-list", "kept.bib"
    )
    assert code == 1
    kept = (thesis.parent.parent / "kept.bib").read_text(encoding="utf-8")
    for key in ("bellis2014", "kopta1994", "kivimaki2020", "leichsenring2013"):
        assert f"{{{key}," in kept
    assert "{lindfors2015," not in kept


def test_a_linked_chapter_leading_out_is_not_read(thesis: Path) -> None:
    secret = thesis.parent.parent / "secret.tex"
    secret.write_text("\\cite{gamieldien2021}\n", encoding="utf-8")
    (thesis.parent / "chapters" / "missing.tex").symlink_to(secret)
    code, out, err = run(
        "audit", "thesis/main.tex", "--bib", "library.bib", "--select", "CM502"
    )
    assert code == 1
    assert '"gamieldien2021"' in out
    assert '"chapters/missing" is outside the manuscript\'s folder' in err
