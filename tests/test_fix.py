"""The fix engine: a round of ``apply``, and ``fix_library``'s rounds until settled."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeman import fix, parse, rules
from citeman.config import ActiveRule
from citeman.model import Entry, Library, Span
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, LibraryRule, RuleContext
from tests.conftest import real_corpora


def _squeeze(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield one fix per doubled space in ``title``: runs of 3+ spaces overlap."""
    field = entry.fields.get("title")
    if field is None or not field.is_delimited:
        return
    start = field.value_offset
    for index in range(len(field.value) - 1):
        if field.value[index : index + 2] == "  ":
            at = start + index
            yield Finding(
                Span(field.line, field.column, field.line, field.column + 1),
                "squeeze doubled spaces",
                entry.key,
                "title",
                Fix("title", at, "  ", " ", safe=True),
            )


SQUEEZE = EntryRule(
    code="CM299",
    name="squeeze",
    summary="doubled spaces (test rule)",
    severity=Severity.WARNING,
    doc="",
    check=_squeeze,
    fixes="a doubled space squeezed",  # later rounds run only rules that fix
)


def _active(*found: rules.AnyRule) -> list[ActiveRule]:
    return [ActiveRule(rule, rule.severity, dict(rule.defaults)) for rule in found]


PAGE_RANGE = rules.get("page-range")
assert PAGE_RANGE is not None


@pytest.mark.parametrize(
    ("fixes", "expected", "taken"),
    [
        pytest.param([Fix("f", 1, "b", "B", True)], "aBcd", 1, id="one"),
        pytest.param(
            [Fix("f", 2, "cd", "X", True), Fix("f", 0, "a", "", True)],
            "bX",
            2,
            id="two-any-order",
        ),
        pytest.param(
            [Fix("f", 1, "bc", "X", True), Fix("f", 2, "cd", "Y", True)],
            "aXd",
            1,
            id="overlap-earlier-wins",
        ),
        pytest.param([Fix("f", 1, "zz", "X", True)], "abcd", 0, id="stale-old-skipped"),
    ],
)
def test_apply(fixes: list[Fix], expected: str, taken: int) -> None:
    text, applied = fix.apply("abcd", fixes)
    assert (text, len(applied)) == (expected, taken)


def test_overlapping_fixes_settle_over_rounds() -> None:
    source = "@book{k, title = {a     b}, note = {x  y}}\n"
    outcome = fix.fix_library(parse.loads(source, "t.bib"), _active(SQUEEZE))
    assert outcome.source == "@book{k, title = {a b}, note = {x  y}}\n"
    assert [applied.key for applied in outcome.applied] == ["k"] * len(outcome.applied)
    assert len(outcome.applied) >= 3  # 5 spaces: at most 2 per round
    assert outcome.changed == {0: frozenset({"title"})}


def test_second_run_is_a_no_op() -> None:
    source = "@book{k, title = {a     b}, pages = {1-2}}\n"
    active = _active(SQUEEZE, PAGE_RANGE)
    first = fix.fix_library(parse.loads(source, "t.bib"), active)
    second = fix.fix_library(parse.loads(first.source, "t.bib"), active)
    assert (second.source, second.applied) == (first.source, ())


def test_rounds_track_entries_that_moved() -> None:
    # The first entry's fix shortens the text, so the second entry's offset moves
    # before its own second-round fix is applied.
    source = (
        "@book{a, title = {x      y}}\n"
        "% a comment\n"
        "@book{b, title = {p   q}, pages = {3-4}}\n"
        "@book{c, title = {clean}}\n"
    )
    outcome = fix.fix_library(
        parse.loads(source, "t.bib"), _active(SQUEEZE, PAGE_RANGE)
    )
    assert outcome.source == (
        "@book{a, title = {x y}}\n"
        "% a comment\n"
        "@book{b, title = {p q}, pages = {3--4}}\n"
        "@book{c, title = {clean}}\n"
    )
    assert outcome.changed == {
        0: frozenset({"title"}),
        1: frozenset({"title", "pages"}),
    }


@pytest.mark.parametrize(
    ("unsafe", "expected"),
    [
        pytest.param(False, "{1009-16, 3--4}", id="safe-only"),
        pytest.param(True, "{1009--1016, 3--4}", id="with-unsafe"),
    ],
)
def test_unsafe_fixes_only_when_asked(unsafe: bool, expected: str) -> None:
    source = "@article{k, pages = {1009-16, 3-4}}"
    outcome = fix.fix_library(
        parse.loads(source, "t.bib"), _active(PAGE_RANGE), unsafe=unsafe
    )
    assert outcome.source == f"@article{{k, pages = {expected}}}"


def test_broken_block_stays_byte_identical() -> None:
    source = (
        "@article{first, pages = {1-2}}\n\n"
        "@article{broken, title = {An unclosed title, pages = {5-6}\n"
        "@book{next, pages = {7-8}}\n"
    )
    library = parse.loads(source, "t.bib")
    assert library.failures
    outcome = fix.fix_library(library, _active(PAGE_RANGE))
    assert outcome.source == source.replace("{1-2}", "{1--2}").replace(
        "{7-8}", "{7--8}"
    )
    assert sorted(applied.key for applied in outcome.applied) == ["first", "next"]


def test_suppressed_entry_is_not_fixed() -> None:
    source = "% citeman: ignore[page-range]\n@article{k, pages = {1-2}}\n"
    outcome = fix.fix_library(parse.loads(source, "t.bib"), _active(PAGE_RANGE))
    assert (outcome.source, outcome.applied) == (source, ())


def _everywhere(
    libraries: Sequence[Library], context: RuleContext
) -> Iterator[Finding]:
    """Yield a fix for every "1-2" in the text, wherever it is (test rule)."""
    for library in libraries:
        for match in re.finditer("1-2", library.source):
            yield Finding(
                Span(1, 1, 1, 2),
                "everywhere",
                None,
                "pages",
                Fix("pages", match.start(), "1-2", "1--2", safe=True),
                library.path,
            )


EVERYWHERE = LibraryRule(
    code="CM298",
    name="everywhere",
    summary="fixes aimed outside entries too (test rule)",
    severity=Severity.WARNING,
    doc="",
    check=_everywhere,
)


def test_fixes_outside_entries_and_in_broken_blocks_are_dropped() -> None:
    source = (
        "% 1-2 in a comment\n"
        "@string{p = {1-2}}\n"
        "@article{ok, pages = {1-2}}\n"
        "@comment{1-2}\n"
        "@article{broken, title = {open, pages = {1-2}\n"
        "@book{next, pages = {1-2}}\n"
        "trailing 1-2\n"
    )
    library = parse.loads(source, "t.bib")
    outcome = fix.fix_library(library, _active(EVERYWHERE))
    assert [applied.key for applied in outcome.applied] == ["ok", "next"]
    assert outcome.source == source.replace(
        "@article{ok, pages = {1-2}}", "@article{ok, pages = {1--2}}"
    ).replace("@book{next, pages = {1-2}}", "@book{next, pages = {1--2}}")


@pytest.mark.parametrize("name", ["bbt-zotero.bib", "beebe-tugboat.bib"])
def test_blanked_text_parses_to_the_kept_entries_as_in_the_file(name: str) -> None:
    # Later rounds parse only the entries just fixed, in place: each must come
    # out exactly as in the whole file (offsets, lines, columns, fields).
    library = parse.load(real_corpora() / name)
    ranges = [
        (entry.offset, entry.offset + len(entry.raw)) for entry in library.entries
    ]
    kept = set(range(0, len(ranges), 3))
    blanked = parse.loads(fix._blank_except(library.source, ranges, kept), library.path)
    assert blanked.entries == tuple(library.entries[index] for index in sorted(kept))
    assert blanked.failures == library.failures == ()


@given(st.lists(st.text(alphabet="ab \t{}", max_size=6), min_size=1, max_size=8))
def test_a_blanked_entry_keeps_its_length_lines_and_last_line(lines: list[str]) -> None:
    # What follows a blanked entry on its last line keeps its column, and
    # every later entry its offset and line.
    text = "x\n" + "\n".join(lines) + "\ny"
    start, end = 2, len(text) - 2
    filler = fix._filler(text, start, end)
    assert len(filler) == end - start
    assert set(filler) <= {"-", "\n"}
    assert filler.split("\n")[-1] == "-" * len(lines[-1])
    assert filler.count("\n") == text.count("\n", start, end)
    # Blank text is parsed slowly: a first line is blank only if it was.
    assert filler.split("\n")[0] != "" or lines[0] == ""
