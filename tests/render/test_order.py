"""APA reference-list order and year letters (Publication Manual §9.44–9.47)."""

from __future__ import annotations

import pytest

from citeman import parse
from citeman.authordate.keys import letters
from citeman.render import order
from citeman.render.reference import Reference
from tests.conftest import DATA

REFERENCES = [
    Reference(entry) for entry in parse.load(DATA / "render" / "order.bib").entries
]


def keys() -> list[str]:
    return [reference.key for reference in order.order(REFERENCES, "author-date")]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "anders2020", "anderson2019", id="9.44-nothing-precedes-something"
        ),
        pytest.param("brown2018one", "brown2015two", id="9.46-one-author-first"),
        pytest.param("brownnd", "brown2018one", id="9.46-undated-first"),
        pytest.param("brown2019b", "brownpress", id="9.46-in-press-last"),
        pytest.param("brown2019a", "brown2019b", id="9.47-same-year-by-title-not-the"),
        pytest.param("wilson", "worldbank", id="9.44-group-by-significant-word"),
        pytest.param("deboer", "devries", id="9.44-letter-by-letter"),
        pytest.param("kivi", "kivimaki", id="9.44-accents-ignored"),
        pytest.param("kivimaki", "notitle", id="9.12-title-in-author-position"),
    ],
)
def test_order(before: str, after: str) -> None:
    listed = keys()
    assert listed.index(before) < listed.index(after)


def test_none_keeps_the_given_order() -> None:
    assert order.order(REFERENCES, "none") == REFERENCES


def test_year_letters_follow_title_order() -> None:
    """§9.47: same author and year get a, b by title (ignoring "The")."""
    assert order.year_suffixes(REFERENCES) == {"brown2019a": "a", "brown2019b": "b"}


def test_letters_for_undated_works() -> None:
    undated = parse.loads(
        "@misc{x, author = {Lee, A.}, title = {B}}\n"
        "@misc{y, author = {Lee, A.}, title = {A}}\n"
    ).entries
    assert order.year_suffixes([Reference(e) for e in undated]) == {"y": "a", "x": "b"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Santesteban-Echarri", "santestebanecharri"), ("O'Neil", "oneil"), ("Ç", "c")],
)
def test_letters(value: str, expected: str) -> None:
    assert letters(value) == expected
