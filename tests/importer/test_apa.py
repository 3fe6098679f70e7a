"""Reading single APA references: shapes met in the real corpora and the seed list."""

from __future__ import annotations

import pytest

from citeman.importer import apa

CASES = [
    pytest.param(
        "Suzuki, H., & Miyahara, S. (1965). Magnetic susceptibilities of V, Zr, and"
        " Nb. J. Phys. Soc. Jpn., 20(11), 2102–2103."
        " https://doi.org/10.1143/JPSJ.20.2102",
        "article",
        {"journal": "J. Phys. Soc. Jpn.", "volume": "20", "number": "11",
         "pages": "2102--2103", "doi": "10.1143/JPSJ.20.2102"},
        id="bibliotex-abbreviated-journal",
    ),
    pytest.param(
        "Anonymous. (1999ad). Title page. TUGboat, 20(2), 81."
        " https://tug.org/TUGboat/tb20-2/titlepage.pdf",
        "article",
        {"author": "{Anonymous}", "year": "1999", "journal": "TUGboat",
         "url": "https://tug.org/TUGboat/tb20-2/titlepage.pdf"},
        id="tugboat-two-letter-year-suffix",
    ),
    pytest.param(
        "Tullius Cicero, M. (n.d.-ag). Partitiones oratoriae.",
        "online",
        {"author": "Tullius Cicero, M.", "title": "Partitiones oratoriae"},
        id="archaeologie-undated-with-letters",
    ),
    pytest.param(
        "Baral, P., Larsen, M., & Archer, M. (2019). Does money grow on trees?"
        " Restoration financing in Southeast Asia. Atlantic Council.",
        "techreport",
        {"title": "Does money grow on trees? Restoration financing in Southeast Asia",
         "institution": "Atlantic Council"},
        id="question-mark-inside-the-title",
    ),
    pytest.param(
        "Piaget, J., & Inhelder, B. (1969). The psychology of the child (H. Weaver,"
        " Trans.; 2nd ed.). Basic Books. (Original work published 1966)",
        "book",
        {"translator": "Weaver, H.", "edition": "2", "publisher": "Basic Books",
         "origyear": "1966"},
        id="translated-republished-book",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "expected"), CASES)
def test_reading(text: str, kind: str, expected: dict[str, str]) -> None:
    reading = apa.read(text)
    assert reading.type == kind
    assert {name: reading.fields.get(name) for name in expected} == expected
    assert not reading.troubles
