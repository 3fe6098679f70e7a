"""Trim a reference list to the works cited, keeping every byte of what stays.

A kept entry is copied exactly, with the comment lines directly above it (a
``% citeman: ignore[…]`` among them), the ``@string`` definitions its values
use, the entries its ``crossref``/``xdata`` fields name, every ``@preamble``,
and the comment lines heading the file. Everything else is left out.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from citeman import parse
from citeman.errors import CitemanError
from citeman.model import Entry, Library

_BLOCK = re.compile(r"@[ \t]*([A-Za-z]+)[ \t]*[{(]")
_STRING_NAME = re.compile(r"\s*([^\s=#{}\"]+)\s*=")


@dataclass(frozen=True, slots=True)
class _Block:
    """A top-level ``@type{…}`` block: its kind, bounds and, for strings, name."""

    kind: str
    start: int
    end: int
    name: str


def trim(
    libraries: Sequence[Library], cited: Collection[tuple[str, int]]
) -> tuple[str, int]:
    """Return the text holding only the ``cited`` entries and their needs.

    The count returned is that of the entries kept (parents included).

    ``cited`` holds ``(path, offset)`` of entries. Raise :class:`CitemanError`
    if the result does not parse back to exactly those entries, byte for byte.
    """
    pieces: list[str] = []
    expected: list[Entry] = []
    for library in libraries:
        kept = _with_parents(library, cited)
        expected += [entry for entry in library.entries if entry.offset in kept]
        pieces += _pieces(library, kept)
    newline = libraries[0].newline if libraries else "\n"
    text = newline.join(pieces)
    _verify(text, expected)
    return text, len(expected)


def _with_parents(library: Library, cited: Collection[tuple[str, int]]) -> set[int]:
    """Return the offsets of the cited entries and the entries they inherit from."""
    by_key = {entry.key.casefold(): entry for entry in library.entries}
    todo = [entry for entry in library.entries if (library.path, entry.offset) in cited]
    kept: set[int] = set()
    while todo:
        entry = todo.pop()
        if entry.offset in kept:
            continue
        kept.add(entry.offset)
        for name in ("crossref", "xdata"):
            for key in entry.get(name).split(","):
                parent = by_key.get(key.strip().casefold())
                if parent is not None:
                    todo.append(parent)
    return kept


def _pieces(library: Library, kept: set[int]) -> Iterator[str]:
    """Yield the kept blocks' text, each with its comments and line end."""
    source = library.source
    blocks = list(_blocks(source))
    strings = {b.name.casefold(): b for b in blocks if b.kind == "string"}
    needed = _needed_strings(library, kept, strings, source)
    header_end = blocks[0].start if blocks else len(source)
    header = source[: _line_start(source, header_end)]
    floor = 0
    if header.strip() and all(
        line.lstrip().startswith("%") for line in header.strip().splitlines()
    ):
        floor = len(header)
        yield header.rstrip() + library.newline
    for block in blocks:
        if (
            block.kind == "preamble"
            or (block.kind == "string" and block.name.casefold() in needed)
            or (block.kind not in ("string", "comment") and block.start in kept)
        ):
            start = _comments_above(source, block.start, floor)
            end = source.find("\n", block.end)
            yield source[start : len(source) if end < 0 else end + 1]


def _needed_strings(
    library: Library, kept: set[int], strings: dict[str, _Block], source: str
) -> set[str]:
    """Return the macro names the kept entries use, through other macros too."""
    todo = [
        name.casefold()
        for entry in library.entries
        if entry.offset in kept
        for field in (*entry.fields.values(), *entry.repeated)
        for name in parse.macro_names(field.raw)
    ]
    needed: set[str] = set()
    while todo:
        name = todo.pop()
        if name in needed or name not in strings:
            continue
        needed.add(name)
        block = strings[name]
        value = source[block.start : block.end - 1].split("=", 1)[1]
        todo += [macro.casefold() for macro in parse.macro_names(value.strip())]
    return needed


def _blocks(source: str) -> Iterator[_Block]:
    """Yield every top-level block; stop at one that never closes."""
    position = 0
    while (match := _BLOCK.search(source, position)) is not None:
        closer = "}" if source[match.end() - 1] == "{" else ")"
        depth = 0
        end = -1
        for index in range(match.end(), len(source)):
            char = source[index]
            if char == closer and depth == 0:
                end = index + 1
                break
            depth += (char == "{") - (char == "}")
        if end < 0:
            return
        kind = match.group(1).lower()
        name = _STRING_NAME.match(source, match.end())
        yield _Block(kind, match.start(), end, name.group(1) if name else "")
        position = end


def _line_start(source: str, offset: int) -> int:
    return source.rfind("\n", 0, offset) + 1


def _comments_above(source: str, offset: int, floor: int) -> int:
    """Return where the ``%`` lines directly above ``offset`` start."""
    start = _line_start(source, offset)
    while start > floor:
        previous = _line_start(source, start - 1)
        if not source[previous:start].lstrip().startswith("%"):
            break
        start = previous
    return start


def _verify(text: str, expected: Sequence[Entry]) -> None:
    """Raise unless ``text`` parses to exactly the ``expected`` entries' bytes."""
    entries = parse.loads(text).entries
    got = [(entry.key, entry.raw) for entry in entries]
    if got != [(entry.key, entry.raw) for entry in expected]:
        raise CitemanError(
            "the trimmed reference list did not parse back to the cited entries;"
            " nothing was written"
        )
