"""The facts ``--style vancouver`` reads from each form of Vancouver reference.

The round trip (test_roundtrip.py) shows the text comes back; these show the
text lands in the fields the rest of citeman expects.
"""

from __future__ import annotations

import pytest

from citeman.importer import vancouver


def _fields(text: str) -> tuple[str, dict[str, str]]:
    reading = vancouver.read(text)
    assert not reading.troubles, reading.troubles
    return reading.type, reading.fields


def test_in_press_article_keeps_its_journal_and_status() -> None:
    kind, fields = _fields(
        "Pachur T, Scheibehenne B. Unpacking buyer-seller differences."
        " Psychonomic Bulletin & Review. in press."
    )
    assert kind == "article"
    assert fields["journal"] == r"Psychonomic Bulletin \& Review"
    assert fields["year"] == "in press"
    assert fields["author"] == "Pachur, T. and Scheibehenne, B."


def test_article_title_with_question_mark_and_no_volume() -> None:
    kind, fields = _fields(
        "Carey B. Can we get better at forgetting? The New York Times. 2019."
        " Available from: https://www.nytimes.com/x.html"
    )
    assert (kind, fields["title"]) == ("article", "Can we get better at forgetting?")
    assert fields["journal"] == "The New York Times"
    assert fields["url"] == "https://www.nytimes.com/x.html"


def test_chapter_reads_editors_book_publisher_and_pages() -> None:
    kind, fields = _fields(
        "Aron L, Botella M. Culinary arts. In: Subotnik RF, Worrell FC, editors."
        " The psychology of high performance. Washington: American Psychological"
        " Association; 2019. p. 345-359. doi:10.1037/0000120-016"
    )
    assert kind == "incollection"
    assert fields["editor"] == "Subotnik, R. F. and Worrell, F. C."
    assert fields["booktitle"] == "The psychology of high performance"
    assert fields["address"] == "Washington"
    assert fields["publisher"] == "American Psychological Association"
    assert (fields["year"], fields["pages"]) == ("2019", "345--359")
    assert fields["doi"] == "10.1037/0000120-016"


def test_edited_book_with_edition() -> None:
    kind, fields = _fields(
        "Fiske ST, Lindzey G, editors. Handbook of social psychology. 5th ed."
        " John Wiley & Sons; 2010."
    )
    assert kind == "book"
    assert fields["editor"] == "Fiske, S. T. and Lindzey, G."
    assert "author" not in fields
    assert fields["edition"] == "5"
    assert fields["publisher"] == r"John Wiley \& Sons"


@pytest.mark.parametrize(
    ("text", "kind", "where"),
    [
        (
            "Harris L. Instructional leadership [Unpublished doctoral dissertation]."
            " University of Virginia; 2014.",
            "phdthesis",
            "school",
        ),
        (
            "Cutts S. Happiness [Video]. Vimeo; 2017."
            " Available from: https://vimeo.com/244405542",
            "misc",
            "organization",
        ),
        (
            "Bologna C. Why some people love horror movies. HuffPost; 2019."
            " Available from: https://www.huffpost.com/entry/x",
            "online",
            "organization",
        ),
        (
            "Stansfeld S. Common mental disorders. NHS Digital; 2016.",
            "book",
            "publisher",
        ),
    ],
)
def test_publisher_and_year_sources_get_a_type_from_their_evidence(
    text: str, kind: str, where: str
) -> None:
    read_kind, fields = _fields(text)
    assert read_kind == kind
    assert where in fields and "publisher" not in set(fields) - {where}


def test_group_author_with_initial_periods_and_unknown_date() -> None:
    kind, fields = _fields(
        "U.S. Census Bureau. U.S. and world population clock. U.S. Department of"
        " Commerce; date unknown. Available from: https://www.census.gov/popclock/"
    )
    assert kind == "online"
    assert fields["author"] == "{U.S. Census Bureau}"
    assert fields["title"].startswith("U.S. and world")
    assert "year" not in fields


def test_no_author_reference_starts_with_its_title() -> None:
    kind, fields = _fields(
        "Merriam-Webster's collegiate dictionary. Merriam-Webster; 2003."
    )
    assert (kind, "author" in fields) == ("book", False)
    assert fields["title"] == "Merriam-Webster's collegiate dictionary"
    assert (fields["publisher"], fields["year"]) == ("Merriam-Webster", "2003")


def test_unknown_source_is_kept_in_note_and_reported() -> None:
    reading = vancouver.read("Smith J. A title. Somewhere without a year.")
    assert reading.troubles
    assert "Somewhere without a year" in reading.fields["note"]


# Forms met rendering the real corpora (xampl.bib, bbt-jabref.bib, bbt-mendeley.bib).
def test_chapter_of_an_untitled_book_reads_its_publisher() -> None:
    kind, fields = _fields(
        "Knuth DE. Fundamental algorithms. In: Reading, Massachusetts:"
        " Addison-Wesley; 1973. p. 10-119."
    )
    assert kind == "incollection" and "booktitle" not in fields
    assert fields["address"] == "Reading, Massachusetts"
    assert (fields["publisher"], fields["pages"]) == ("Addison-Wesley", "10--119")


def test_proceedings_without_publisher_keeps_year_and_pages() -> None:
    kind, fields = _fields(
        "Chen A. Resistive switching. In: IEEE electron devices meeting, 2005."
        " IEDM technical digest. ; 2005. p. 746-749."
    )
    assert kind == "incollection" and "publisher" not in fields
    assert fields["booktitle"].endswith("IEDM technical digest")
    assert (fields["year"], fields["pages"]) == ("2005", "746--749")


def test_volume_without_pages_leaves_the_final_period() -> None:
    _kind, fields = _fields(
        "Marsden S. Writing about writers. Mémoires du livre. 2018;9."
    )
    assert (fields["year"], fields["volume"]) == ("2018", "9")
