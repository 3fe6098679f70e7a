"""The segment scanner agrees with bibtexparser: segments parse alone as in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from bibtexparser import model as bp
from bibtexparser.splitter import Splitter

from citeman import entry_comments
from citeman.parse import _blanked
from citeman.segments import Segment, parse_window, segments
from tests.conftest import REAL_FILES

HOSTILE = {
    "unbalanced": "@article{a, title = {open\n  year = 2000,\n}\n@book{b, title={x}}\n",
    "at in values": (
        "@misc{a, note = {mail me @ home}, howpublished = {\n@online stuff}}\n"
        "@misc{b, title = {inner\n  @book{c, title = {t}}\n"
    ),
    "comment block": "@comment{ free @text\n@ not a block }\n@comment{x\n@misc{d,}\n",
    "percent lines": (
        "% @article{x, title = {off}}\n@article{y,\n  %eprint = {1},\n"
        "  title = {50% of @ it},\n}\n   % citeman: ignore[CM101]\n@book{z,}\n"
    ),
    "unterminated at eof": '@article{a, title = {x}}\n@article{b, title = "open',
    "crlf": (
        '@article{a,\r\n  title = {x},\r\n}\r\n\r\n@book{b,\r\n  year = "2001"\r\n}\r\n'
    ),
    "mid-line blocks": "@a{x, t={1}} @b{y, t={2}}\n@c{z,} @string{s = {v}}\n",
    "one line": "@a{x, t={1}} @b{y, t={2}} @c{z, t = {3}}",
    "parentheses": (
        '@article(k, title = "a)b", note = {c)d})\n@book(open, title = {x}\n'
    ),
    "prelude with a block": "junk @article{p, title={t}}\n@book{q,}\n",
    "unicode blanks": "@a{x,}\n\u00a0@b{y,}\n\x0c@c{z,}\n\u2003 @d{w,}\n",
    "escaped and odd": (
        "\\@article{e,}\n@ article{f,}\n@article {g,}\n@{h,}\n@x y{i,}\n"
    ),
    "strings": (
        '@string{jx = "J. X"}\n@STRING(b = {B} # jx)\n@article{k, journal = jx}\n'
    ),
    "no block": "just text, no entries % here\n",
}


def _signature(block: bp.Block) -> tuple[object, ...]:
    """Everything citeman reads from a block, except its line number."""
    if isinstance(block, bp.DuplicateBlockKeyBlock):
        block = block.ignore_error_block  # a duplicate only across chunks' edges
    fields = tuple((field.key, field.value) for field in getattr(block, "fields", ()))
    error = getattr(block, "error", None)
    reason = getattr(error, "abort_reason", None)
    key = getattr(block, "key", None)
    return (type(block).__name__, block.raw, key, fields, reason)


def _blocks(text: str) -> list[tuple[object, ...]]:
    return [
        _signature(block)
        for block in Splitter(text).split().blocks
        if not isinstance(block, bp.ImplicitComment)
    ]


def _piecewise(
    text: str, parts: list[Segment], blank: bool
) -> list[tuple[object, ...]]:
    """Parse each segment alone (with the next one's head) and join the blocks."""
    found: list[tuple[object, ...]] = []
    for index in range(len(parts)):
        _, window = parse_window(text, parts, index, index)
        if blank:
            window = _blanked(window, entry_comments.find(window))
        blocks = _blocks(window)
        if index + 1 < len(parts):
            head = blocks.pop()  # the next segment's `@type{`, cut off by the window
            assert head[0] == "ParsingFailedBlock"
        found += blocks
    return found


def _check(text: str, blank: bool = True) -> None:
    parts = segments(text)
    whole = _blocks(text)
    if not parts:
        assert whole == []
        return
    assert [part.end for part in parts[:-1]] == [part.at for part in parts[1:]]
    assert parts[-1].end == len(text)
    assert _piecewise(text, parts, blank=False) == whole
    if not blank:
        return
    blanked = _blanked(text, entry_comments.find(text))
    assert _piecewise(text, parts, blank=True) == _blocks(blanked)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_splits_alike_whole_and_by_segment(name: str) -> None:
    _check(HOSTILE[name])


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.name)
def test_real_files_split_alike_whole_and_by_segment(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    parts = segments(text)
    # Nearly every block of a real file starts its own line.
    assert len(parts) >= 0.9 * text.count("\n@")
    # Blanked `%` comments are covered by the parallel check's test (test_parallel).
    _check(text, blank=False)


def test_segments_start_at_line_start_blocks_only() -> None:
    text = HOSTILE["mid-line blocks"] + HOSTILE["unicode blanks"]
    starts = [(text[part.at : part.head_end], part.kind) for part in segments(text)]
    assert starts == [
        ("@a", "a"), ("@c", "c"), ("@a", "a"), ("@b", "b"), ("@c", "c"), ("@d", "d"),
    ]  # fmt: skip


def test_odd_heads_and_kinds() -> None:
    text = HOSTILE["escaped and odd"] + HOSTILE["strings"]
    kinds = [part.kind for part in segments(text)]
    # `\@article` is not at a line start; `@ article{` and `@x y{` are no
    # block starts (a blank must be followed by the delimiter); `@{` is one.
    assert kinds == ["article", "", "string", "string", "article"]


def test_a_window_keeps_the_prelude_and_adds_the_next_head() -> None:
    text = HOSTILE["prelude with a block"] + "@misc{r,}\n"
    parts = segments(text)
    start, window = parse_window(text, parts, 0, 0)
    assert (start, window) == (0, "junk @article{p, title={t}}\n@book{q,}\n@misc{")
    start, window = parse_window(text, parts, 1, 1)
    assert (start, window) == (parts[1].at, "@misc{r,}\n")
