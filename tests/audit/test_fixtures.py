"""Manuscripts citing library.bib, correctly and with every defect class.

The same defects written as plain text and as a Word document give the same
findings at the same places (a paragraph is a line), which is what a writer
checking a .docx file relies on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman import parse
from citeman.audit import manuscript, run
from citeman.config import Config
from tests.audit.conftest import AUDIT, write_docx
from tests.conftest import ROOT


def _audit(paper: Path, *bibs: Path) -> list[str]:
    libraries = [parse.load(path) for path in (ROOT / "library.bib", *bibs)]
    model = run.build([manuscript.read(paper)], libraries)
    problems = run.audit(model, Config().active_rules(manuscript=True))
    return [
        f"{Path(p.path).name}:{p.span.line}:{p.span.column}: {p.code} {p.message}"
        for p in problems
    ]


@pytest.mark.parametrize("name", ["correct.md", "correct.tex", "correct.txt"])
def test_correct_manuscript_gives_no_finding(name: str) -> None:
    assert _audit(AUDIT / name) == []


def test_correct_docx_gives_no_finding(tmp_path: Path) -> None:
    lines = (AUDIT / "correct.txt").read_text(encoding="utf-8").splitlines()
    assert _audit(write_docx(tmp_path / "correct.docx", lines)) == []


UNCITED = [
    'library.bib:24:1: CM502 "gamieldien2021" (Gamieldien et al., 2021) is never'
    " cited; cite it or remove it from the list",
    'library.bib:34:1: CM502 "kivimaki2020" (Kivimäki et al., 2020) is never cited;'
    " cite it or remove it from the list",
    'library.bib:83:1: CM502 "santesteban2017" (Santesteban-Echarri et al., 2017) is'
    " never cited; cite it or remove it from the list",
    'library.bib:92:1: CM502 "stansfeld2016" (Stansfeld et al., 2016) is never'
    " cited; cite it or remove it from the list",
]
DEFECTS = [
    ":1:57: CM503 no 1995 work by Kopta et al. in the reference list; it has"
    ' kopta1994 ("Kopta et al., 1994")',
    ':2:47: CM504 two authors: write "Leichsenring & Rabung, 2011"',
    ':3:1: CM501 no work by Rabung in the reference list for "Rabung (2020)"; add it'
    " to the list or correct the citation",
    ':3:53: CM506 "Leichsenring et al., 2013" could be any of leichsenring2013'
    # leichsenring2013b has three authors: "et al." would stand for one (APA 8.18).
    ' ("Leichsenring, Abbass, et al., 2013"), leichsenring2013b ("Leichsenring,'
    ' Salzer, & Beutel, 2013"); write the form of the one meant',
    ':4:57: CM505 order the works as in the reference list: "Bellis et al., 2014;'
    ' Kopta et al., 1994"',
    ':5:1: CM504 use "and" between names in running text: write "Leichsenring and'
    ' Rabung (2011)"',
    ':5:49: CM504 use "&" between names inside parentheses: write "Leichsenring &'
    ' Rabung, 2011"',
    ':6:24: CM504 three or more authors: write "Hirschfeld et al., 2024"',
    ":7:23: CM504 introduce the abbreviation at its first use: "
    '"National Institute of Mental Health [NIMH], 2020"',
    ":7:37: CM504 same authors and year as another work in the list: write"
    ' "Smith, 2019a" (smith2019a) or "Smith, 2019b" (smith2019b)',
    ":7:55: CM504 no other work by these authors that year: write"
    ' "Lindfors et al., 2015"',
]


def test_every_defect_class_in_plain_text() -> None:
    found = _audit(AUDIT / "defects.txt", AUDIT / "extra.bib")
    assert found == UNCITED + [f"defects.txt{line}" for line in DEFECTS]


def test_the_same_defects_in_a_word_document(tmp_path: Path) -> None:
    lines: list[str | list[str]] = list(
        (AUDIT / "defects.txt").read_text(encoding="utf-8").splitlines()
    )
    # Word splits text into runs where formatting changes; positions hold.
    first = str(lines[0])
    lines[0] = [first[:70], first[70:]]
    paper = write_docx(tmp_path / "defects.docx", lines)
    found = _audit(paper, AUDIT / "extra.bib")
    # Sorted: the temporary folder may sort before or after library.bib.
    expected = UNCITED + [f"defects.docx{line}" for line in DEFECTS]
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "defects.md",
            [
                'defects.md:3:33: CM501 no entry "kopta1995" in the reference list',
                'defects.md:4:16: CM504 two authors: write "Leichsenring & Rabung,'
                ' 2011"',
            ],
        ),
        (
            "defects.tex",
            [
                'defects.tex:2:42: CM501 no entry "kopta1995" in the reference list',
                'defects.tex:3:16: CM504 two authors: write "Leichsenring & Rabung,'
                ' 2011"',
            ],
        ),
    ],
)
def test_key_and_prose_defects(name: str, expected: list[str]) -> None:
    found = _audit(AUDIT / name)
    assert [line for line in found if "CM502" not in line] == expected


WORDS = st.sampled_from(
    ["(", ")", "; ", ", ", " ", "\n", " & ", " and ", " et al.", "e.g., ", "see ",
     "Kopta", "Leichsenring", "Rabung", "Bellis", "Kivimäki", "Lindfors", "NIMH",
     "National Institute of Mental Health", "[NIMH]", "Smith", "1994", "2011",
     "2013", "2014a", "2019", "n.d.", "in press", ", p. 3", "'s"]
)  # fmt: skip
LIBRARIES = [parse.load(ROOT / "library.bib"), parse.load(AUDIT / "extra.bib")]


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=40))
def test_any_text_is_audited_without_error(words: list[str]) -> None:
    paper = manuscript.from_text("p.txt", "".join(words), manuscript.Kind.TEXT)
    model = run.build([paper], LIBRARIES)
    for problem in run.audit(model, Config().active_rules(manuscript=True)):
        assert problem.message and problem.message == problem.message.strip()
