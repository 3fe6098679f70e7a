"""Parsing: positions, raw and resolved values, macros, failures and suppressions."""

from __future__ import annotations

import pytest

from citeman import parse
from citeman.macros import Expander
from citeman.model import Span
from tests.conftest import DATA, ROOT

SOURCE = """@string{acm = "ACM"}
% citeman: ignore[CM101, title-case]
@Article{a1,
  author = {Doe, J.},
  title  = "Foo {DNA}",
  month  = jan # " 1",
  publisher = acm,
  year = 2020,
  pages =
     {1-2},
  year = {2021}
}
"""


@pytest.fixture(scope="module")
def library() -> parse.Library:
    return parse.loads(SOURCE, "t.bib")


def test_entry_identity_and_position(library: parse.Library) -> None:
    (entry,) = library.entries
    assert (entry.key, entry.type, entry.line, entry.column) == ("a1", "article", 3, 1)
    assert entry.raw.startswith("@Article{a1,") and entry.raw.endswith("}")
    assert SOURCE[entry.offset :].startswith("@Article{a1,")


@pytest.mark.parametrize(
    ("name", "value", "raw", "span"),
    [
        ("author", "Doe, J.", "{Doe, J.}", Span(4, 12, 4, 21)),
        ("title", "Foo {DNA}", '"Foo {DNA}"', Span(5, 12, 5, 23)),
        ("month", "January 1", 'jan # " 1"', Span(6, 12, 6, 22)),
        ("publisher", "ACM", "acm", Span(7, 15, 7, 18)),
        ("year", "2020", "2020", Span(8, 10, 8, 14)),
        ("pages", "1-2", "{1-2}", Span(10, 6, 10, 11)),
    ],
)
def test_field_values_and_spans(
    library: parse.Library, name: str, value: str, raw: str, span: Span
) -> None:
    field = library.entries[0].fields[name]
    assert (field.value, field.raw, field.span) == (value, raw, span)
    assert SOURCE[field.offset : field.offset + len(field.raw)] == field.raw


def test_value_offset_points_inside_delimiters(library: parse.Library) -> None:
    field = library.entries[0].fields["title"]
    assert field.is_delimited
    start = field.value_offset
    assert SOURCE[start : start + len(field.value)] == field.value
    assert not library.entries[0].fields["month"].is_delimited


def test_repeated_field_is_kept_apart(library: parse.Library) -> None:
    entry = library.entries[0]
    assert entry.get("year") == "2020"
    assert [(f.name, f.value, f.line) for f in entry.repeated] == [("year", "2021", 11)]


def test_string_macros_and_suppression(library: parse.Library) -> None:
    assert library.strings["acm"].value == "ACM"
    assert library.entries[0].suppressed == frozenset({"CM101", "title-case"})


def test_get_missing_field_is_empty(library: parse.Library) -> None:
    assert library.entries[0].get("doi") == ""


def test_broken_block_becomes_a_failure_and_parsing_goes_on() -> None:
    library = parse.load(DATA / "broken.bib")
    assert [entry.key for entry in library.entries] == ["first", "next"]
    (failure,) = library.failures
    assert (failure.line, failure.column) == (4, 1)
    assert failure.raw.startswith("@article{broken")
    assert "unexpected block start" in failure.message


def test_duplicate_key_entries_are_both_kept() -> None:
    library = parse.loads("@misc{a, title={x}}\n@misc{a, title={y}}\n")
    assert [entry.get("title") for entry in library.entries] == ["x", "y"]


def test_crlf_positions() -> None:
    library = parse.loads("@misc{a,\r\n  title = {x},\r\n}\r\n")
    field = library.entries[0].fields["title"]
    assert (field.line, field.column) == (2, 11)
    assert library.newline == "\r\n"


def test_library_bib_parses_whole() -> None:
    library = parse.load(ROOT / "library.bib")
    assert len(library.entries) == 10 and not library.failures
    lindfors = next(e for e in library.entries if e.key == "lindfors2015")
    assert lindfors.get("author").endswith("{the Helsinki Psychotherapy Study Group}")


def test_split_concatenation_respects_delimiters() -> None:
    assert parse.split_concatenation('{a # b} # "c # d" # e') == [
        "{a # b}",
        '"c # d"',
        "e",
    ]


def test_lines_are_counted_after_a_backslash_at_a_line_end() -> None:
    text = "@article{a, note = {one\\\\\ntwo\\\\\nthree}}\n\n@article{b,\n  year = 1}\n"
    library = parse.loads(text)
    assert [entry.line for entry in library.entries] == [1, 5]
    assert library.entries[1].fields["year"].span == Span(6, 10, 6, 11)


def test_percent_lines_inside_an_entry_are_comments_not_fields() -> None:
    text = (
        "@article{a,\n  doi = {10.1/x},\n  % note = {PMID: 1},\n"
        "  %eprint = {https://x.org/a%20b}\n  title = {50% {off}}, % was {T}\n}\n"
    )
    (entry,) = parse.loads(text).entries
    assert list(entry.fields) == ["doi", "title"]
    assert entry.fields["title"].value == "50% {off}"
    assert [comment for _, comment in entry.comments] == [
        "% note = {PMID: 1},",
        "%eprint = {https://x.org/a%20b}",
        "% was {T}",
    ]
    for offset, comment in entry.comments:
        assert text[offset : offset + len(comment)] == comment
    assert entry.raw == text[:-1]


def test_a_commented_entry_is_no_entry() -> None:
    text = "% @book{old,\n%   title = {T}}\n@book{new, title = {T}}\n"
    library = parse.loads(text)
    assert [entry.key for entry in library.entries] == ["new"]
    assert library.entries[0].line == 3


def test_every_field_of_a_name_holds_one_name_object() -> None:
    # A library has millions of fields and a few dozen names: one string each
    # would be memory held by every worker and pickled with every result.
    first, second = parse.loads(
        "@misc{a, Title = {A}, year = 2000}\n@misc{b, TITLE = {B}, year = {2001}}\n"
    ).entries
    assert first.fields["title"].name is second.fields["title"].name == "title"
    assert first.fields["year"].name is second.fields["year"].name


def test_a_comment_inside_a_value_stays_in_its_raw_text_on_both_paths() -> None:
    text = "@article{a,\n  title = {A} # % c\n {B},\n  year = 2000,\n}\n"
    assert parse._scan(text, 0) is not None  # the fast path reads it
    for fast in (True, False):
        (entry,), _ = parse.parse_window(
            text, "p", 0, text, Expander(len(text)), fast=fast
        )
        title = entry.fields["title"]
        assert (title.value, title.raw, title.offset) == ("AB", "{A} # % c\n {B}", 22)
        assert entry.fields["year"].raw == "2000"
        assert entry.comments == ((28, "% c"),)
