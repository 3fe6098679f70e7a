"""The fast entry reader gives exactly what the bibtexparser path gives, or refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman import collector, fast_entry, parse
from citeman.macros import Expander
from citeman.model import Library
from citeman.segments import parse_window as segment_window
from citeman.segments import segments
from tests.conftest import REAL_FILES


def _library(text: str, fast: bool) -> Library:
    """Parse ``text`` as one window, with or without the fast path."""
    with collector.paused():
        expander = Expander(len(text))
        entries, failures = parse.parse_window(text, "f.bib", 0, text, expander,
                                               fast=fast)  # fmt: skip
    return Library("f.bib", text, tuple(entries), expander.strings,
                   tuple(failures), "\n", tuple(expander.overflows))  # fmt: skip


def _windows(text: str, fast: bool) -> list[object]:
    """Parse ``text`` segment by segment, each window as the parallel check does."""
    parts = segments(text)
    expander = Expander(len(text))
    found: list[object] = []
    for index in range(len(parts)):
        start, window = segment_window(text, parts, index, index)
        line = text.count("\n", 0, start) + 1
        stop = parts[index].end if index + 1 < len(parts) else None
        found += parse.parse_window(text, "f.bib", start, window, expander,
                                    line=line, stop=stop, fast=fast)  # fmt: skip
    return [*found, expander.strings, expander.overflows]


def _read(text: str) -> list[bool]:
    """Return, per segment, whether the fast path read it."""
    return [parse._scan(text[p.at : p.end], p.at) is not None for p in segments(text)]


def _same(text: str) -> None:
    assert _library(text, fast=True) == _library(text, fast=False)
    assert _windows(text, fast=True) == _windows(text, fast=False)


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.name)
def test_real_files_parse_alike_with_and_without_the_fast_path(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _library(text, fast=True) == _library(text, fast=False)
    # The fast path reads nearly every entry of a real file: only `@string`
    # and the other non-entries, and `(`-delimited blocks, go to bibtexparser.
    parts = segments(text)
    read = _read(text)
    plain = [
        ok
        for part, ok in zip(parts, read, strict=True)
        if part.kind not in ("string", "preamble", "comment")
        and text[part.head_end] == "{"
    ]
    assert sum(plain) >= 0.99 * len(plain)


HOSTILE = {
    "escaped braces": "@a{k, t = {a \\} b}, u = {x\\{y}, v = {\\{}}\n",
    "quote brace quote": '@a{k, t = "say {"} hi", u = {x}}\n',
    "escaped quote": '@a{k, t = "M\\"uller", u = "a\\\\ "}\n',
    "escaped closing quote": '@a{k, t = "a\\\\"}\n@b{m, t = {1}}\n',
    "quote in braces": '@a{k, t = {a "b} c"}, u = {"}}\n',
    "comma in quotes": '@a{k, t = "a, b", u = "x {,} y"}\n',
    "braces in quotes": '@a{k, t = "a {b", u = "}c"}\n',
    "concatenation": '@string{s = "S"}\n@a{k, t = s # " x" # {y}, m = jan, y = 2001}\n',
    "empty values": '@a{k, t = , u =,\n v = {}, w = ""}\n',
    "no trailing comma": "@a{k,\n t = {x}\n}\n",
    "trailing comma and blanks": "@a{k,\n t = {x},\n\n  }  \n",
    "duplicate fields": "@a{k, t = {1}, T = {2}, t = {3}}\n",
    "duplicate keys": "@a{k, t = {1}}\n@b{k, t = {2}}\n",
    "percent comments": (
        "@a{k,\n  %eprint = {1},\n  t = {50% off},\n  % note = {x @b{c}}\n}\n"
        "% after @c{d,}\n@e{f, u = {%}}\n"
    ),
    "at in values": "@a{k, e = {me@x.org}, f = me@y, g = {x @b{c}}}\n",
    "at after the entry": "@a{k, t = {1}} @b{m, t = {2}}\n@c{n,} mail @ me\n",
    "deep braces": "@a{k, t = {{{{four}}}}, u = {{{three}}}, v = {a{b}c{d{e}}}}\n",
    "unbalanced open": "@a{k, t = {open,\n u = {x}}\n@b{m, t = {1}}\n",
    "unbalanced close": "@a{k, t = {x}}}, u = {y}}\n@b{m,}\n",
    "missing comma": "@a{k, t = {x} u = {y}}\n@b{m, t = 1 2}\n",
    "equals in values": '@a{k, t = {a = b}, u = a=b, v = "x=y"}\n',
    "unicode blanks": "@a{\u00a0k\u2003,\u2003t\u00a0=\u00a0{x}\u2003,}\n",
    "crlf and tabs": '@a{k,\r\n\tt\t=\t{x},\r\n\tu = "y"\r\n}\r\n',
    "odd keys": "@a{k:1/2+x.y-z_(w), t = {1}}\n@b{k{, t = {1}}\n@c{ , t = {1}}\n",
    "not entries": (
        "@commentary{k, t = {1}}\n@stringent{s = {1}}\n@Preambles{k, t = {1}}\n"
        '@comment{x}\n@preamble{"p"}\n'
    ),
    "no fields": "@a{k}\n@b{m,}\n@c{n, }\n",
    "dangling name": "@a{k, t = {1}, u}\n@b{m, , t = {1}}\n",
    "parentheses": '@a(k, t = {1})\n@b(m, t = "x)y")\n',
    "prelude": "junk @a{p, t = {1}}\n@b{q, t = {2}}\n",
    "unterminated at eof": '@a{k, t = {x}}\n@b{m, t = "open',
    "bare words": "@a{k, t = some words, u = 12, v = a#b, w = {x}#{y}}\n",
    "suppression": "% citeman: ignore[CM101]\n@a{k, t = {x}}\n",
    "mid-line start": "x\n  @a{k, t = {1}}\n\t@b{m, t = {2}}\n",
    "upper type": "@ARTICLE {K, TITLE = {x}}\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_texts_parse_alike_with_and_without_the_fast_path(name: str) -> None:
    _same(HOSTILE[name])


def test_the_fast_path_reads_plain_entries_and_refuses_the_doubtful() -> None:
    assert _read(HOSTILE["percent comments"]) == [True, True]
    assert _read(HOSTILE["deep braces"]) == [True]
    assert _read(HOSTILE["escaped quote"]) == [True]
    assert _read(HOSTILE["quote brace quote"]) == [False]
    assert _read(HOSTILE["at after the entry"]) == [False, True]
    assert _read(HOSTILE["unbalanced open"]) == [False, True]
    assert _read(HOSTILE["not entries"]) == [False] * 5
    assert _read(HOSTILE["parentheses"]) == [False, False]
    # A block in the prelude (before the first segment) is bibtexparser's.
    assert _read(HOSTILE["prelude"]) == [True]
    prelude = _library(HOSTILE["prelude"], fast=True)
    assert [entry.key for entry in prelude.entries] == ["p", "q"]
    entry = _library(HOSTILE["percent comments"], fast=True).entries[0]
    assert [text for _, text in entry.comments] == [
        "%eprint = {1},",
        "% note = {x @b{c}}",
    ]
    assert list(entry.fields) == ["t"]


# Pieces that stress the splitter's rules: delimiters, escapes, separators.
_CHARS = st.sampled_from([*'ab {}",=\\%@#\n\t', '{\\"o}', "\\&", '{"}', "@b{"])
_TEXT = st.lists(_CHARS, max_size=12).map("".join)
_VALUE = st.one_of(
    _TEXT.map(lambda text: "{" + text + "}"),
    _TEXT.map(lambda text: '"' + text + '"'),
    st.sampled_from(["jan", "2001", "s", "s # {x}", '"a" # s', ""]),
    _TEXT,
)
_NAME = st.sampled_from(["title", "Title", "a b", "x%", "", "t{", "year"])
_FIELD = st.tuples(_NAME, st.sampled_from(["=", " = ", "=\n  "]), _VALUE)
_ENTRY = st.tuples(
    st.sampled_from(["@article{", "@Book {", "@misc(", "@string{"]),
    st.sampled_from(["k", "k ", " k:1", "", "k{"]),
    st.lists(_FIELD, max_size=4),
    st.sampled_from([",", ""]),
    st.sampled_from(["}", "}\n", "\n}", ")", "}} x", "} @c{d}", "\n%c\n"]),
)


def _written(entry: tuple[str, str, list[tuple[str, str, str]], str, str]) -> str:
    head, key, fields, comma, tail = entry
    body = ",".join(f"\n  {name}{equals}{value}" for name, equals, value in fields)
    return f"{head}{key},{body}{comma}{tail}"


@settings(max_examples=300, deadline=None)
@given(st.lists(_ENTRY.map(_written), min_size=1, max_size=3))
def test_messy_entries_parse_alike_with_and_without_the_fast_path(
    entries: list[str],
) -> None:
    _same('@string{s = "S"}\n' + "\n".join(entries) + "\n")


def test_scan_reads_offsets_within_the_segment() -> None:
    text = '@Book{k,\n  title = {A {B}},\n  year = 2000, note = ""\n}\n'
    found = fast_entry.scan(text)
    assert found is not None
    read = [(name, written, text[at : at + len(written)])
            for name, written, at in found.fields]  # fmt: skip
    assert read == [("title", "{A {B}}", "{A {B}}"), ("year", "2000", "2000"),
                    ("note", '""', '""')]  # fmt: skip
    assert text[: found.end].endswith("\n}")
