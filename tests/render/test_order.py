"""APA reference-list order and year letters (Publication Manual §9.44–9.47)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman import names, parse
from citeman.authordate import work
from citeman.authordate.keys import fold_family, letters
from citeman.latex import to_text
from citeman.render import order
from citeman.render.reference import Reference
from tests.conftest import DATA, REAL_FILES

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


NAME_WORDS = st.one_of(
    st.sampled_from(["van", "Van", "der", "de", "J.", "J.-P.", "Ch.", "al", "El", "y"]),
    st.text(
        st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]),
        min_size=1,
        max_size=8,
    ),
)


@settings(deadline=None)
@given(st.lists(NAME_WORDS, min_size=0, max_size=4))
def test_a_family_folds_as_fold_family_folds_it(words: list[str]) -> None:
    """The shortcut (letters for a plain ASCII name) folds as fold_family does."""
    family = " ".join(" ".join(words).split())
    assert work._folded_family(family, letters(family)) == fold_family(family)


@settings(deadline=None)
@given(
    st.lists(
        st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from(["{", "}", "\\emph{", "\\'e", "~", "$x$", "--", "\u2003"]),
        ),
        max_size=30,
    ).map("".join)
)
def test_decoded_text_has_its_whitespace_collapsed(value: str) -> None:
    """Work.of takes to_text's text as is: its spaces are single and trimmed."""
    text = to_text(value)
    assert text == " ".join(text.split())


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.stem)
def test_creators_of_real_files_fold_as_fold_family_folds(path: Path) -> None:
    """Every author and editor of the real files: folded as fold_family folds."""
    library = parse.load(path)
    for entry in library.entries:
        for field in ("author", "editor"):
            for person in names.split_names(entry.get(field)):
                creator = work.Creator.of(person)
                assert creator.family == " ".join(creator.family.split())
                if not creator.is_group:
                    assert creator.folded == fold_family(creator.family)
