"""Read ``.bib`` files into a ``Library``, never raising on bad BibTeX.

bibtexparser's splitter finds the blocks and fields; a small subclass of it also
records where each value starts and ends, which bibtexparser computes but does not
keep. Everything else (macro resolution through ``citeman.macros``, removal of the
outer delimiters) is done here in one pass, because bibtexparser's middlewares would
re-walk and copy every block. This is the only module that knows bibtexparser.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from pathlib import Path
from typing import Any

from bibtexparser import model as bp
from bibtexparser.splitter import Splitter

from citeman import collector, entry_comments, fast_entry, textfile
from citeman.macros import MONTHS as MONTHS
from citeman.macros import Expander
from citeman.macros import macro_names as macro_names
from citeman.macros import split_concatenation as split_concatenation
from citeman.model import Entry, Field, Library, Overflow, ParseFailure, StringMacro
from citeman.segments import segments

_SUPPRESSION = re.compile(r"^[ \t]*%+[ \t]*citeman:[ \t]*ignore\[([^\]]*)\]", re.I)
_OFFSETS = "citeman_offsets"
_DELIMITERS = ("{", '"')
#: Field names as written -> in lower case (see :func:`_name`).
_NAMES: dict[str, str] = {}
_MAX_NAMES = 4096
#: Builds a named tuple from a tuple of its fields (see :func:`_built`).
_new = tuple.__new__


class _SpanSplitter(Splitter):
    """bibtexparser's splitter, also remembering where blocks and values are.

    bibtexparser's own line numbers lag after a ``\\\\`` at the end of a line
    (its newline counter skips an escaped newline), so positions are kept as
    offsets and lines are counted from them.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._value_bounds: list[tuple[int, int]] = []
        #: The offset of every block's `@`, in file order (implicit comments aside).
        self.block_starts: list[int] = []

    def _open_block(self, m: re.Match[str]) -> None:
        self.block_starts.append(m.start())
        super()._open_block(m)

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
    return loads(read(path, limit), str(path))


def read(path: str | Path, limit: int = textfile.DEFAULT_LIMIT) -> str:
    """Return the text of the ``.bib`` file at ``path`` (see :func:`load`)."""
    name = str(path)
    data = textfile.read_bytes(path, "a .bib file", limit)
    return textfile.decode(name, data, "BibTeX text")


def loads(text: str, path: str = "<string>") -> Library:
    """Parse BibTeX ``text`` as if read from ``path``."""
    with collector.paused():
        expander = Expander(len(text))
        entries, failures = parse_window(text, path, 0, text, expander)
    return Library(
        path,
        text,
        tuple(entries),
        expander.strings,
        tuple(failures),
        newline(text),
        tuple(expander.overflows),
    )


def newline(text: str) -> str:
    """Return the line ending ``text`` is written with (its first lines decide)."""
    return "\r\n" if "\r\n" in text[:4096] else "\n"


def parse_window(
    text: str,
    path: str,
    start: int,
    window: str,
    expander: Expander,
    *,
    line: int = 1,
    stop: int | None = None,
    fast: bool = True,
    base: int = 0,
) -> tuple[list[Entry], list[ParseFailure]]:
    """Parse ``window``, the stretch of ``text`` from offset ``start``, on its own.

    Positions are the file's: ``line`` is the line ``start`` is on. Macros are
    defined in and resolved against ``expander``. Blocks starting at ``stop``
    or later are left out (see :func:`citeman.segments.parse_window`: a
    window may end with the next segment's head). The whole ``text`` is read
    only around the window (suppression comments above its first entry).

    Each segment of the window that :mod:`citeman.fast_entry` reads is
    converted directly; each run of the others goes to bibtexparser, with the
    next segment's head so that a block left open ends as in the whole file.
    ``fast=False`` hands the whole window to bibtexparser (the reference the
    tests compare the fast path with).

    ``text`` may be only a piece of the file, starting at file offset ``base``
    (a worker of :mod:`citeman.chunked` is sent only its chunk): ``start`` and
    ``stop`` are then offsets into the piece, and the offsets the entries and
    failures hold are the file's. The piece starts on a line start, at or
    above the comment lines over its first entry (see :func:`context_start`).
    """
    parts = segments(window) if fast else []
    entries: list[Entry] = []
    failures: list[ParseFailure] = []
    lines = _Lines(window, line)
    run: int | None = None  # the first segment of a run left to bibtexparser
    for index, part in enumerate(parts):
        at = start + part.at
        scanned = None
        if (stop is None or at < stop) and (index or "@" not in window[: part.at]):
            scanned = _scan(window[part.at : part.end], at)
        if scanned is None:
            run = index if run is None else run
            continue
        if run is not None:
            first = parts[run].at if run else 0
            _split(text, path, start + first, window[first : part.head_end + 1],
                   expander, lines.at(first), at if stop is None else min(stop, at),
                   entries, failures, base)  # fmt: skip
            run = None
        column = at - text.rfind("\n", 0, at)
        head = (scanned[0].type, scanned[0].key, at, lines.at(part.at), column)
        entries.append(_scanned(text, head, *scanned, path, expander, base))
    if run is not None or not parts:
        first = parts[run].at if run else 0
        _split(text, path, start + first, window[first:], expander,
               lines.at(first), stop, entries, failures, base)  # fmt: skip
    return entries, failures


class _Lines:
    """The line of each offset of a window, asked for in increasing order."""

    def __init__(self, window: str, line: int) -> None:
        self._window = window
        self._offset = 0
        self._line = line

    def at(self, offset: int) -> int:
        """Return the line ``offset`` of the window is on."""
        self._line += self._window.count("\n", self._offset, offset)
        self._offset = offset
        return self._line


def _scan(
    segment: str, at: int
) -> tuple[fast_entry.Scanned, tuple[tuple[int, str], ...]] | None:
    """Read ``segment`` (at file offset ``at``) with the fast path, if it can.

    Returns what it read and the ``%`` comments inside the entry (file offset
    and text), which are blanked out before reading, as for bibtexparser.
    """
    if "%" not in segment:
        scanned = fast_entry.scan(segment)
        return None if scanned is None else (scanned, ())
    spans = entry_comments.find(segment)
    scanned = fast_entry.scan(_blanked(segment, spans) if spans else segment)
    if scanned is None:
        return None
    comments = tuple(
        (at + begin, segment[begin:end]) for begin, end in spans if begin < scanned.end
    )
    return scanned, comments


def _scanned(
    text: str,
    head: tuple[str, str, int, int, int],
    scanned: fast_entry.Scanned,
    comments: tuple[tuple[int, str], ...],
    path: str,
    expander: Expander,
    base: int,
) -> Entry:
    """Build the entry :func:`citeman.fast_entry.scan` read (``head``: ``_built``)."""
    at = head[2]
    raw = text[at : at + scanned.end]
    # Without comments the text read is the file's: each value's raw text is
    # the value as written, and need not be cut from the file again.
    return _built(text, head, raw, scanned.fields, path, expander, comments, base,
                  shift=at, blanked=bool(comments))  # fmt: skip


def _split(
    text: str,
    path: str,
    start: int,
    window: str,
    expander: Expander,
    line: int,
    stop: int | None,
    entries: list[Entry],
    failures: list[ParseFailure],
    base: int,
) -> None:
    """Parse ``window`` with bibtexparser, adding to ``entries`` and ``failures``."""
    comments = entry_comments.find(window)
    splitter = _SpanSplitter(_blanked(window, comments) if comments else window)
    blocks: list[bp.Block | None] = list(splitter.split().blocks)
    for block in blocks:
        if isinstance(block, bp.ParsingFailedBlock):
            # Its error's traceback holds the splitter's frame, and through it
            # bibtexparser's whole library: a cycle that would keep every
            # block alive until a garbage collection.
            block.error.__traceback__ = None
    shifted = [(begin + start, end + start) for begin, end in comments]
    places = _Places(text, splitter, start, line, shifted, base)
    for index, block in enumerate(blocks):
        # Let each bibtexparser block go once converted, so that peak memory is
        # not the sum of both models.
        blocks[index] = None
        if block is None or isinstance(block, bp.ImplicitComment):
            continue
        at = places.start(block)
        if stop is not None and at >= stop:
            break
        if isinstance(block, bp.String):
            # Within one parse bibtexparser wraps such a repeated name as a
            # duplicate block; a window parsed alone must drop it likewise.
            if block.key not in expander.written:
                expander.written.add(block.key)
                _define(block, places, at, path, expander)
        elif isinstance(block, bp.DuplicateBlockKeyBlock | bp.DuplicateFieldKeyBlock):
            duplicate = block.ignore_error_block
            if isinstance(duplicate, bp.Entry):
                entries.append(_entry(duplicate, places, path, expander))
        elif isinstance(block, bp.ParsingFailedBlock):
            failures.append(_failure(block, places, at, path))
        elif isinstance(block, bp.Entry):
            entries.append(_entry(block, places, path, expander))


def _define(
    block: bp.String, places: _Places, at: int, path: str, expander: Expander
) -> None:
    """Add an ``@string`` definition to the macros known from here on."""
    line = places.line(at)
    value = expander.resolve(block.value)
    if expander.overflow:
        cut = Overflow(
            path, line, places.column(at), None, block.key, expander.overflow
        )
        expander.overflows.append(cut)
    expander.strings[block.key.lower()] = StringMacro(
        block.key, value, line, block.value
    )


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """Return ``text`` with each (start, end) stretch turned into spaces."""
    pieces = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


class _Places:
    """Where blocks start, on which line an offset is, and the comments of a block.

    The splitter parses a window of the file with one newline put in front;
    ``file`` turns its offsets into the file's. Every other offset here is the
    file's. Lines are counted incrementally, since blocks and fields are
    visited in file order.
    """

    def __init__(
        self,
        text: str,
        splitter: _SpanSplitter,
        start: int,
        line: int,
        comments: list[tuple[int, int]],
        base: int,
    ) -> None:
        self.text = text
        #: The file offset of ``text`` (a piece of the file; see ``parse_window``).
        self.base = base
        self.parsed = splitter.bibstr
        self._shift = start - 1
        self._starts = splitter.block_starts
        self._next = 0
        self._offset = start
        self._line = line
        self._line_start = text.rfind("\n", 0, start) + 1
        self._comments = comments
        self._comment_starts = [begin for begin, _ in comments]

    def file(self, parsed_offset: int) -> int:
        """Return the file offset of an offset into the splitter's text."""
        return parsed_offset + self._shift

    def start(self, block: bp.Block) -> int:
        """Return the file offset of ``block``'s ``@`` (asked for in file order)."""
        raw = block.raw or ""
        while self._next < len(self._starts):
            start = self._starts[self._next]
            self._next += 1
            if self.parsed.startswith(raw[:64], start):
                return self.file(start)
        found = self.parsed.find(raw)
        return self.file(found if found >= 1 else 1)

    def line(self, offset: int) -> int:
        """Return the 1-based line of file ``offset``."""
        text = self.text
        if offset >= self._offset:
            newline = text.rfind("\n", self._offset, offset)
            if newline >= 0:
                self._line += text.count("\n", self._offset, newline + 1)
                self._line_start = newline + 1
        else:
            self._line -= text.count("\n", offset, self._offset)
            self._line_start = text.rfind("\n", 0, offset) + 1
        self._offset = offset
        return self._line

    def column(self, offset: int) -> int:
        """Return the 1-based column of file ``offset``.

        Searching back from each offset to its line's start would cost the
        whole file per entry on a file written on one line: the line start is
        kept as ``line`` moves on instead.
        """
        self.line(offset)
        return offset - self._line_start + 1

    def comments(self, start: int, end: int) -> tuple[tuple[int, str], ...]:
        """Return the (file offset, text) of the ``%`` comments in ``[start, end)``."""
        first = bisect_left(self._comment_starts, start)
        last = bisect_left(self._comment_starts, end)
        return tuple(
            (begin, self.text[begin:stop]) for begin, stop in self._comments[first:last]
        )


def _entry(block: bp.Entry, places: _Places, path: str, expander: Expander) -> Entry:
    """Convert one bibtexparser entry, computing each value's position."""
    at, bounds = block.get_parser_metadata(_OFFSETS) or (1, [])
    at = places.file(at)
    text = places.text
    parsed_text = places.parsed
    fields = []
    for parsed, (start, end) in zip(block.fields, bounds, strict=True):
        # bibtexparser's value is exactly the stripped text between the bounds;
        # the raw text is the file's (`%` comments within a value included).
        written = parsed.value
        found = parsed_text.find(written[:1], start, end) if written else start
        fields.append((parsed.key, written, places.file(found)))
    raw = text[at : at + len(block.raw or "")]
    head = (block.entry_type, block.key, at, places.line(at), places.column(at))
    comments = places.comments(at, at + len(raw))
    return _built(text, head, raw, fields, path, expander, comments, places.base)


def _built(
    text: str,
    head: tuple[str, str, int, int, int],
    raw: str,
    written: list[tuple[str, str, int]],
    path: str,
    expander: Expander,
    comments: tuple[tuple[int, str], ...],
    base: int,
    *,
    shift: int = 0,
    blanked: bool = True,
) -> Entry:
    """Build an entry of file ``text`` from its head and fields.

    ``head`` is (type, key, offset, line, column); each field is given as
    (name, value as written, offset), the offset plus ``shift`` being the
    value's in ``text``. Fields follow in file order, so each one's line is
    counted on from the one before. Offsets are into ``text``, which starts
    at file offset ``base``. A value's raw text is cut from ``text`` (``%``
    comments within it included), unless the values were read from ``text``
    itself, not ``blanked``: then it is the value as written.

    The records are made with ``tuple.__new__``, as their named-tuple
    constructors would make them, without a Python call per field.
    """
    kind, key, at, line, column = head
    field_line, previous, line_start = line, at, at - column + 1
    fields: dict[str, Field] = {}
    repeated: list[Field] = []
    for written_name, value_text, offset in written:
        begin = offset + shift
        name = _NAMES.get(written_name) or _name(written_name)
        if value_text[:1] in _DELIMITERS and "#" not in value_text:
            value, overflow = value_text[1:-1], ""  # Expander.resolve's first case
        else:
            value, overflow = expander.resolve(value_text), expander.overflow
        newline = text.rfind("\n", previous, begin)
        if newline >= 0:
            field_line += text.count("\n", previous, newline + 1)
            line_start = newline + 1
        previous = begin
        field_column = begin - line_start + 1
        if overflow:
            cut = Overflow(path, field_line, field_column, key, name, overflow)
            expander.overflows.append(cut)
        value_raw = text[begin : begin + len(value_text)] if blanked else value_text
        field = _new(
            Field, (name, value, value_raw, field_line, field_column, begin + base)
        )
        if name in fields:
            repeated.append(field)
        else:
            fields[name] = field
    if base and comments:
        comments = tuple((offset + base, comment) for offset, comment in comments)
    suppressed = _suppressed(text, at - column)
    return _new(Entry, (key, kind.lower(), fields, tuple(repeated), path, line,
                        column, at + base, raw, suppressed, comments))  # fmt: skip


def context_start(text: str, at: int) -> int:
    """Return where a piece of ``text`` must start for the block at ``at`` to parse.

    A block starting a line is read as in the whole text from a piece that
    holds the comment lines right above it, which may suppress rules for it
    (:func:`_suppressed` reads them up to the first other line), and that
    line too.
    """
    end = text.rfind("\n", 0, at)
    while end >= 0:
        start = text.rfind("\n", 0, end)
        if not text[start + 1 : end].lstrip().startswith("%"):
            return start + 1
        end = start
    return 0


def _name(written: str) -> str:
    """Return a field name as written in lower case, one object per name.

    Every field of a library holds its name: a few dozen names, shared
    (also in the results a worker pickles), rather than one string each.
    """
    name = sys.intern(written.lower())
    if len(_NAMES) < _MAX_NAMES:
        _NAMES[written] = name
    return name


def _suppressed(text: str, end: int) -> frozenset[str]:
    """Return the rules named by ``% citeman: ignore[…]`` lines ending at ``end``.

    ``end`` is the offset of the newline before an entry's line (-1 on the
    first line); the lines above it are read upwards while they are comments.
    """
    names: set[str] = set()
    while end >= 0:
        start = text.rfind("\n", 0, end)
        line = text[start + 1 : end]
        match = _SUPPRESSION.match(line)
        if match:
            names.update(
                part.strip() for part in match.group(1).split(",") if part.strip()
            )
        elif not line.lstrip().startswith("%"):
            break
        end = start
    return frozenset(names)


def _failure(
    block: bp.ParsingFailedBlock, places: _Places, at: int, path: str
) -> ParseFailure:
    """Describe a block bibtexparser could not parse, with its position."""
    raw = places.text[at : at + len(block.raw or "")]
    column = places.column(at)
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    return ParseFailure(
        path, places.line(at), column, _plain(reason), raw, at + places.base
    )


def _plain(reason: str) -> str:
    """Turn a bibtexparser abort reason into a one-line, lower-case message."""
    message = " ".join(reason.replace("`", '"').split())
    return message[:1].lower() + message[1:].rstrip(".")
