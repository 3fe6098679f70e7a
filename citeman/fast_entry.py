"""Read a plain ``@type{key, name = value, …}`` segment without bibtexparser.

bibtexparser's splitter walks every mark of a file (each newline, comma,
brace and quote) through several method calls; that was two thirds of
parsing a large file. Nearly every real segment (:mod:`citeman.segments`)
is one well-formed entry, which a few compiled regular expressions read at
once. :func:`scan` reads such a segment exactly as the splitter would, or
refuses it (returns None), and the parser then hands it to bibtexparser as
before. It refuses whatever it is not sure of: ``@string``, ``@preamble``
and ``@comment`` blocks, ``(``-delimited blocks, keys or field names with
unusual characters, a value that does not end where it should, ``{"}``
inside quotes, a block starting after the entry on its line. The ``%``
comments inside an entry are blanked out before, as for bibtexparser
(:mod:`citeman.entry_comments`).
``tests/test_fast_entry.py`` proves it identical on every real segment.

The splitter's rules it follows, for a ``{``-delimited entry: a character
after a backslash is never a mark; a value runs from the ``=`` to the first
``,`` or ``}`` outside braces and quotes; ``"`` opens or closes a quote only
outside braces, and inside a quote braces do not count; a ``@`` within a
segment never starts a line (the segment would end there), so it is text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Inside a brace group: any character but a brace, or a brace after a
# backslash (no mark); a group nests up to three deep here.
_TEXT = r"(?:[^{}]++|(?<=\\)[{}])"
_OPEN = r"(?<!\\)\{"
_SHUT = r"(?<!\\)\}"
_INNER = _OPEN + _TEXT + "*+" + _SHUT
_MIDDLE = _OPEN + "(?:" + _TEXT + "|" + _INNER + ")*+" + _SHUT
_GROUP = _OPEN + "(?:" + _TEXT + "|" + _MIDDLE + ")*+" + _SHUT
# The common field whole: name, `=`, one group, quoted string or bare word,
# and the `,` or `}` after it.
_FIELD = re.compile(
    r'\s*+([^\s=,{}"@%#\\]++)\s*+=\s*+('
    + _GROUP
    + r'|"[^"]*+(?<![\\{])"|[^\s,{}"#%@\\=]++)\s*+([,}])'
)
_HEAD = re.compile(r"@(\w+)[ \t]*\{\s*([^\s,{}\"=@%#\\]+)\s*,")
_NAME = re.compile(r"\s*([^\s=,{}\"@%#\\]+)\s*=(\s*)")
_CLOSE = re.compile(r"\s*\}")
_SEPARATOR = re.compile(r"\s*([,}])")
# One brace group with no brace inside (a `}` after a backslash is no mark).
_FLAT = re.compile(r"\{[^{}]*(?<!\\)\}")
_BRACES = re.compile(r"(?<!\\)[{}]")
# A quoted value up to the first quote, unless that one is escaped or `{"}`.
_QUOTED = re.compile(r'"[^"]*(?<![\\{])"')
_BARE = re.compile(r"[^\s,{}\"#%@\\=]+")
_MARKS = re.compile(r'(?<!\\)[{}",]')
_BLOCK_START = re.compile(r"@\w*[ \t]*[{(]")
_NOT_ENTRIES = ("comment", "preamble", "string")


class Scanned(NamedTuple):
    """What the splitter reads from an entry; offsets are into the segment."""

    type: str
    key: str
    #: (name as written, value as written, offset of the value) per field;
    #: the offset of an empty value is the character after its ``=``.
    fields: list[tuple[str, str, int]]
    #: Offset just after the closing ``}``.
    end: int


def scan(text: str) -> Scanned | None:
    """Read segment ``text`` as one plain entry, or return None when unsure.

    >>> found = scan('@Book{k,\\n title = {A {B}},\\n year = 2000,\\n}\\n')
    >>> found.type, found.key, found.fields, found.end
    ('book', 'k', [('title', '{A {B}}', 18), ('year', '2000', 35)], 42)
    >>> scan('@string{a = {b}}') is None
    True
    """
    head = _HEAD.match(text)
    if head is None:
        return None
    kind = head.group(1).lower()
    if kind.startswith(_NOT_ENTRIES):
        return None
    fields: list[tuple[str, str, int]] = []
    position = head.end()
    while True:
        field = _FIELD.match(text, position)
        if field is not None:
            name, value, mark = field.groups()
            fields.append((name, value, field.start(2)))
            position = field.end()
            if mark == "}":
                end = position
                break
            continue
        close = _CLOSE.match(text, position)
        if close is not None:
            end = close.end()
            break
        name = _NAME.match(text, position)
        if name is None:
            return None
        begin = name.end()
        stop = _value_end(text, begin)
        if stop < 0:
            return None
        written = text[begin:stop].rstrip()
        fields.append((name.group(1), written, begin if written else name.start(2)))
        position = stop + 1
        if text[stop] == "}":
            end = position
            break
    if text.find("@", end) >= 0 and _BLOCK_START.search(text, end):
        return None  # a block starting mid-line after the entry
    return Scanned(kind, head.group(2), fields, end)


def _value_end(text: str, begin: int) -> int:
    """Return the offset of the ``,`` or ``}`` ending the value at ``begin``, or -1.

    The common shapes (one brace group, one quoted string, a bare word or
    number) are matched whole; anything else is walked mark by mark.
    """
    first = text[begin : begin + 1]
    if first == "{":
        group = _FLAT.match(text, begin)
        after = group.end() if group is not None else _group_end(text, begin)
    elif first == '"':
        quoted = _QUOTED.match(text, begin)
        after = quoted.end() if quoted is not None else -1
    else:
        bare = _BARE.match(text, begin)
        after = bare.end() if bare is not None else -1
    if after >= 0:
        separator = _SEPARATOR.match(text, after)
        if separator is not None:
            return separator.start(1)
    return _walk(text, begin)


def _group_end(text: str, begin: int) -> int:
    """Return the offset after the brace group opening at ``begin``, or -1."""
    depth = 0
    for mark in _BRACES.finditer(text, begin):
        if mark.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return mark.end()
    return -1


def _walk(text: str, begin: int) -> int:
    """Find the end of a value mark by mark, as the splitter does (-1: unsure)."""
    depth = 0
    quoted = False
    for mark in _MARKS.finditer(text, begin):
        char = mark.group()
        index = mark.start()
        if char == '"':
            if depth:
                continue
            if quoted and text[index - 1] == "{" and text[index + 1 : index + 2] == "}":
                return -1  # `{"}`: the splitter's rule depends on what follows
            quoted = not quoted
        elif quoted:
            continue
        elif char == "{":
            depth += 1
        elif char == "}" and depth:
            depth -= 1
        elif not depth:
            return index
    return -1
