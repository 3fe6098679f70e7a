"""Trimming a reference list to the works cited, byte for byte."""

from __future__ import annotations

import pytest

from citeman import parse
from citeman.audit import trim
from citeman.errors import CitemanError
from citeman.model import Library
from tests.audit.conftest import AUDIT
from tests.conftest import ROOT


def _offsets(library: Library, *keys: str) -> set[tuple[str, int]]:
    return {(e.path, e.offset) for e in library.entries if e.key in keys}


def test_keeps_entries_their_strings_parents_preamble_and_comments() -> None:
    library = parse.load(AUDIT / "trim.bib")
    text, kept = trim.trim([library], _offsets(library, "kopta1994", "child2001"))
    assert text == (AUDIT / "trim.expected.bib").read_text(encoding="utf-8")
    assert kept == 3


def test_library_bib_entries_are_copied_exactly() -> None:
    library = parse.load(ROOT / "library.bib")
    text, kept = trim.trim([library], _offsets(library, "bellis2014", "kopta1994"))
    source = library.source
    header = source[: source.index("@article")].rstrip() + "\n"
    blocks = [
        e.raw + "\n" for e in library.entries if e.key in ("bellis2014", "kopta1994")
    ]
    assert (text, kept) == (header + "\n" + "\n".join(blocks), 2)


def test_nothing_cited_keeps_the_header_only() -> None:
    library = parse.load(ROOT / "library.bib")
    text, kept = trim.trim([library], set())
    assert kept == 0
    assert parse.loads(text).entries == ()
    assert text.startswith("% The reference list of a published blog post")


def test_a_result_that_does_not_parse_back_is_refused() -> None:
    # Two blocks on one line would be copied twice: refused, not written.
    library = parse.loads("@misc{a, title = {A}} @misc{b, title = {B}}\n", "x.bib")
    with pytest.raises(CitemanError, match="did not parse back"):
        trim.trim([library], _offsets(library, "a", "b"))
