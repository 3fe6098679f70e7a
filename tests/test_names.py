"""BibTeX name splitting and APA initials, against BibTeX's own reading."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.names import Person, initials, name_bounds, split_list, split_names


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Kopta, S. M.", Person("S. M.", "", "Kopta", "")),
        ('Kivim{\\"a}ki, M.', Person("M.", "", 'Kivim{\\"a}ki', "")),
        ("Kivimäki, M.", Person("M.", "", "Kivimäki", "")),
        ("van der Berg, Jan", Person("Jan", "van der", "Berg", "")),
        ("Jan van der Berg", Person("Jan", "van der", "Berg", "")),
        ("Smith, Jr., John", Person("John", "", "Smith", "Jr.")),
        ("Santesteban-Echarri, O.", Person("O.", "", "Santesteban-Echarri", "")),
        ("Ludwig van Beethoven", Person("Ludwig", "van", "Beethoven", "")),
        ("Charles Louis Xavier Joseph de la Vallee Poussin",
         Person("Charles Louis Xavier Joseph", "de la", "Vallee Poussin", "")),
        ("{Barnes and Noble}, Inc.", Person("Inc.", "", "{Barnes and Noble}", "")),
        ("Jean~Dupont", Person("Jean", "", "Dupont", "")),
        ("{\\'E}mile Zola", Person("{\\'E}mile", "", "Zola", "")),
        ("Smith", Person("", "", "Smith", "")),
        ("{the Helsinki Psychotherapy Study Group}",
         Person("", "", "the Helsinki Psychotherapy Study Group", "", True)),
        ("{World Health Organization}",
         Person("", "", "World Health Organization", "", True)),
        ("World Health Organization", Person("World Health", "", "Organization", "")),
        ("others", Person("", "", "others", "")),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)  # fmt: skip
def test_one_name_reads_as_bibtex_does(value: str, expected: Person) -> None:
    assert split_names(value) == (expected,)


@pytest.mark.parametrize(
    ("value", "lasts"),
    [
        ("Lindfors, O. and Virtala, E. and {the Helsinki Psychotherapy Study Group}",
         ["Lindfors", "Virtala", "the Helsinki Psychotherapy Study Group"]),
        ("A, B. AND C, D. And E, F.", ["A", "C", "E"]),
        ("{Simon and Schuster} and Smith, J.", ["Simon and Schuster", "Smith"]),
        ("Smith, J. and others", ["Smith", "others"]),
        ("Anderson, K. and Sandberg, L.", ["Anderson", "Sandberg"]),
        ("Smith, J.\n  and Jones, K.", ["Smith", "Jones"]),
        ("", []),
    ],
)  # fmt: skip
def test_name_lists_split_on_and_outside_braces(value: str, lasts: list[str]) -> None:
    assert [person.last for person in split_names(value)] == lasts


def test_and_others_is_detectable() -> None:
    people = split_names("Smith, J. and others")
    assert [person.is_others for person in people] == [False, True]


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("A and B", ["A", "B"]),
        ("and A", ["", "A"]),
        ("A and", ["A", ""]),
        ("A and and B", ["A", "", "B"]),
        ("Band and Sand", ["Band", "Sand"]),
    ],
)
def test_split_list_keeps_empty_names_for_stray_ands(
    value: str, parts: list[str]
) -> None:
    assert split_list(value) == parts


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("Jean-Paul", "J.-P."),
        ("Mark A", "M. A."),
        ("E. L.", "E. L."),
        ("G. David", "G. D."),
        ("{Ch}ristopher", "Ch."),
        ("{\\'E}mile", "É."),
        ("\\'Emile", "É."),
        ("Örjan", "Ö."),
        ("S. M.", "S. M."),
        ("John~Ronald Reuel", "J. R. R."),
        ("", ""),
    ],
)
def test_initials(first: str, expected: str) -> None:
    assert initials(first) == expected


NAME_PIECES = st.sampled_from(
    [*'aAzZ ,.-{}\\"~ä', " and ", "AND ", "and", "van ", "Jr.", '{\\"a}', "others"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME_PIECES, max_size=25).map("".join))
def test_name_lists_never_raise_and_bounds_cover_the_names(value: str) -> None:
    split_names(value)
    bounds = name_bounds(value)
    assert [value[start:end] for start, end in bounds] == split_list(value)
    assert all(value[start:end] == value[start:end].strip() for start, end in bounds)
    for person in split_names(value):
        initials(person.first)
