"""Read ``.bib`` files into a ``Library``, never raising on bad BibTeX.

bibtexparser's splitter finds the blocks and fields; a small subclass of it also
records where each value starts and ends, which bibtexparser computes but does not
keep. Everything else (macro resolution, ``#`` concatenation, removal of the outer
delimiters) is done here in one pass, because bibtexparser's middlewares would
re-walk and copy every block. This is the only module that knows bibtexparser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from bibtexparser import model as bp
from bibtexparser.splitter import Splitter

from citeman import collector, textfile
from citeman.model import Entry, Field, Library, ParseFailure, StringMacro

#: BibTeX's predefined month macros (plain.bst), lower-case name → value.
MONTHS: Mapping[str, str] = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April",
    "may": "May", "jun": "June", "jul": "July", "aug": "August",
    "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}  # fmt: skip

_SUPPRESSION = re.compile(r"^[ \t]*%+[ \t]*citeman:[ \t]*ignore\[([^\]]*)\]", re.I)
_OFFSETS = "citeman_offsets"


class _SpanSplitter(Splitter):
    """bibtexparser's splitter, also remembering each field value's offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._value_bounds: list[tuple[int, int]] = []

    def _move_to_comma_or_closing_delimiter(
        self, currently_quote_escaped: bool = False, num_open_curls: int = 0
    ) -> int:
        # Called right after the `=` of a field was consumed, so the current index
        # is the `=`; the value runs from the character after it to the return.
        start: int = self._current_char_index + 1  # type: ignore[has-type]
        end: int = super()._move_to_comma_or_closing_delimiter(
            currently_quote_escaped, num_open_curls
        )
        self._value_bounds.append((start, end))
        return end

    def _handle_entry(self, m: re.Match[str], m_val: str) -> Any:
        self._value_bounds = []
        block = super()._handle_entry(m, m_val)
        entry = (
            block.ignore_error_block
            if isinstance(block, bp.ParsingFailedBlock)
            else block
        )
        if entry is not None:
            entry.set_parser_metadata(_OFFSETS, (m.start(), self._value_bounds))
        return block


def load(path: str | Path, limit: int = textfile.DEFAULT_LIMIT) -> Library:
    """Read and parse the file at ``path``.

    Raises :class:`InputError` for a path that is missing, not a regular file,
    larger than ``limit`` bytes, or not UTF-8 text; BibTeX syntax errors never
    raise, they become ``failures``.
    """
    name = str(path)
    data = textfile.read_bytes(path, "a .bib file", limit)
    text = textfile.decode(name, data, "BibTeX text")
    del data  # a large file's bytes need not live on beside its text
    return loads(text, name)


def loads(text: str, path: str = "<string>") -> Library:
    """Parse BibTeX ``text`` as if read from ``path``."""
    with collector.paused():
        return _parse(text, path)


def _parse(text: str, path: str) -> Library:
    splitter = _SpanSplitter(text)
    # The splitter parses a copy with one leading newline; offsets into it are
    # one more than offsets into `text`.
    padded = splitter.bibstr
    blocks: list[bp.Block | None] = list(splitter.split().blocks)
    strings: dict[str, StringMacro] = {}
    entries: list[Entry] = []
    failures: list[ParseFailure] = []
    for index, block in enumerate(blocks):
        # Let each bibtexparser block go once converted, so that peak memory is
        # not the sum of both models.
        blocks[index] = None
        if isinstance(block, bp.String):
            name = block.key.lower()
            value = _resolve(block.value, strings)
            strings[name] = StringMacro(block.key, value, (block.start_line or 0) + 1)
        elif isinstance(block, bp.DuplicateBlockKeyBlock | bp.DuplicateFieldKeyBlock):
            duplicate = block.ignore_error_block
            if isinstance(duplicate, bp.Entry):
                entries.append(_entry(duplicate, padded, path, strings))
        elif isinstance(block, bp.ParsingFailedBlock):
            failures.append(_failure(block, text, path))
        elif isinstance(block, bp.Entry):
            entries.append(_entry(block, padded, path, strings))
    newline = "\r\n" if "\r\n" in text[:4096] else "\n"
    return Library(path, text, tuple(entries), strings, tuple(failures), newline)


def _entry(
    block: bp.Entry, padded: str, path: str, strings: Mapping[str, StringMacro]
) -> Entry:
    """Convert one bibtexparser entry, computing each value's position."""
    at, bounds = block.get_parser_metadata(_OFFSETS) or (0, [])
    fields: dict[str, Field] = {}
    repeated: list[Field] = []
    for parsed, (start, end) in zip(block.fields, bounds, strict=True):
        # bibtexparser's value is exactly the stripped text between the bounds.
        raw = parsed.value
        begin = padded.find(raw[:1], start, end) if raw else start
        line = parsed.start_line + 1
        if padded.find("\n", start, begin) >= 0:
            line += padded.count("\n", start, begin)
        column = begin - padded.rfind("\n", 0, begin)
        name = parsed.key.lower()
        field = Field(name, _resolve(raw, strings), raw, line, column, begin - 1)
        if name in fields:
            repeated.append(field)
        else:
            fields[name] = field
    column = at - padded.rfind("\n", 0, at)
    return Entry(
        key=block.key,
        type=block.entry_type.lower(),
        fields=fields,
        repeated=tuple(repeated),
        path=path,
        line=(block.start_line or 0) + 1,
        column=column,
        offset=at - 1,
        raw=block.raw or "",
        suppressed=_suppressed(padded, at),
    )


def _suppressed(padded: str, at: int) -> frozenset[str]:
    """Return the rules named by ``% citeman: ignore[…]`` lines right above ``at``."""
    names: set[str] = set()
    end = padded.rfind("\n", 0, at)
    while end > 0:
        start = padded.rfind("\n", 0, end)
        line = padded[start + 1 : end]
        match = _SUPPRESSION.match(line)
        if match:
            names.update(
                part.strip() for part in match.group(1).split(",") if part.strip()
            )
        elif not line.lstrip().startswith("%"):
            break
        end = start
    return frozenset(names)


def _failure(block: bp.ParsingFailedBlock, text: str, path: str) -> ParseFailure:
    """Describe a block bibtexparser could not parse, with its position."""
    line = (block.start_line or 0) + 1
    raw = block.raw or ""
    line_start = 0
    for _ in range(line - 1):
        line_start = text.find("\n", line_start) + 1
    offset = text.find(raw, line_start) if raw else line_start
    offset = offset if offset >= 0 else line_start
    column = offset - text.rfind("\n", 0, offset)
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    return ParseFailure(path, line, column, _plain(reason), raw, offset)


def _plain(reason: str) -> str:
    """Turn a bibtexparser abort reason into a one-line, lower-case message."""
    message = " ".join(reason.replace("`", '"').split())
    return message[:1].lower() + message[1:].rstrip(".")


def _resolve(raw: str, strings: Mapping[str, StringMacro]) -> str:
    """Return what BibTeX makes of a raw value: delimiters off, macros expanded."""
    first = raw[:1]
    # The common case, kept cheap for large files: one braced or quoted literal.
    # Without a `#` there is no concatenation, so the delimiters pair up.
    if first in ("{", '"') and "#" not in raw:
        return raw[1:-1]
    if first == "{" and _is_one_group(raw):
        return raw[1:-1]
    if raw.isdigit():
        return raw
    return "".join(_expand(part, strings) for part in split_concatenation(raw))


def _expand(part: str, strings: Mapping[str, StringMacro]) -> str:
    """Expand one part of a ``#`` concatenation."""
    if part[:1] in ("{", '"'):
        return part[1:-1]
    name = part.lower()
    macro = strings.get(name)
    if macro is not None:
        return macro.value
    return MONTHS.get(name, part)


def split_concatenation(raw: str) -> list[str]:
    """Split a raw value on the ``#`` operators that are outside delimiters.

    >>> split_concatenation('jan # " 1"')
    ['jan', '" 1"']
    """
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:index].strip())
            start = index + 1
    parts.append(raw[start:].strip())
    return [part for part in parts if part]


def macro_names(raw: str) -> Iterator[str]:
    """Yield the bare macro names a raw value refers to.

    >>> list(macro_names('jan # " 1" # 2020 # acm'))
    ['jan', 'acm']
    """
    if raw[:1] in ("{", '"') and "#" not in raw:
        return
    for part in split_concatenation(raw):
        if part[:1] not in ("{", '"') and not part.isdigit():
            yield part


def _is_one_group(raw: str) -> bool:
    """Return whether ``raw`` is one ``{…}`` group (its first brace closes last)."""
    depth = 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index == len(raw) - 1
    return False
