"""The whole outcome of the last check of one file, kept so an edit can be spliced in.

A :class:`State` holds what ``check --format json`` found in one ``.bib``
file: its text, its segments (``citeman.segments``) and entries with their
places, each problem's printed JSON object and the segment it lies in, and
each two-step library rule's summaries of every entry. ``citeman.splice``
re-checks an edited file from it: only the segments around the edit are
parsed, and a library rule aggregates again only when the summaries it reads
changed.

A state's bytes (printed objects, flat problems, summary columns) are
*pieces*: new ``bytes``, or refs into the blob it was read from
(``citeman.state_blob``; ``citeman.state_store`` keeps states). A printed
object is kept without its head (file, line, column, end line: see
:func:`head`), which is written again from its row, so the objects of the
problems an edit moves are kept as they were. The output is built as bytes
from the heads and the pieces (:func:`printed`).
"""

from __future__ import annotations

import pickle
import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from json.encoder import encode_basestring
from typing import NamedTuple

from citeman.entry_cache import flattened, packed
from citeman.incremental import Prepared, spent_by
from citeman.lint import Fresh, Known
from citeman.model import Entry
from citeman.problem import Problem
from citeman.segments import segments
from citeman.state_blob import Blob, Piece, Ref

#: A segment: offset of its ``@`` (0 for the prelude), end of its ``@type``
#: head (-1 for the prelude), its first line and its kind (lower case).
Part = tuple[int, int, int, str]
#: An entry: index of its segment, key, type, line, column, offset, length.
Place = tuple[int, str, str, int, int, int, int]
#: A problem: index of its segment, line, column, code, severity rank, whether
#: a library rule found it, the largest number in its message that may be
#: a line number (0 if none: for a per-entry rule, one of its segment's
#: lines), and its end line.
Row = tuple[int, int, int, str, int, bool, int, int]
#: A macro: its key (lower case), name as written, value, line, raw text.
Macro = tuple[str, str, str, int, str]
#: A column of summaries in blocks: each its count of summaries and its pickle.
Column = list[tuple[int, Piece]]
#: A library rule's ``tallied`` (``citeman.rules.base.LibraryRule``).
Tallied = Callable[[Iterable[object]], object]


class Stored(NamedTuple):
    """Where a state read from the store is: its blob, and its text there."""

    blob: Blob
    text: list[Ref]
    #: The text's bytes (as the blob holds them).
    raw: bytes


class State(NamedTuple):
    """One check of one file (see the module's docstring)."""

    text: str
    parts: list[Part]
    entries: list[Place]
    #: The two-step library rules' codes, in the order lint runs them.
    codes: tuple[str, ...]
    #: Per code, every entry's summary in file order (see :func:`column_of`).
    columns: list[Column]
    #: Per code, what the rule adds up over its column, pickled
    #: (``LibraryRule.tallied``), or None.
    tallies: list[Piece | None]
    #: In printed order.
    rows: list[Row]
    #: Each problem's JSON object as printed, after its :func:`head`, UTF-8.
    chunks: list[Piece]
    #: A library rule's problem as ``entry_cache.flattened`` makes it, relative
    #: to its segment's line and offset, pickled; None for per-entry rules'.
    flats: list[Piece | None]
    macros: list[Macro]
    #: At most how many characters the file's macro expansions used.
    spent: int
    #: The file's path as the output names it.
    path: str
    #: Where it was read from (None: built by this run).
    stored: Stored | None = None

    def read(self, piece: Piece) -> bytes | memoryview:
        """Return the bytes of ``piece``."""
        if isinstance(piece, bytes):
            return piece
        if self.stored is None:
            raise ValueError("a stored piece in a state never stored")
        return self.stored.blob.read(piece)

    def bytes_of(self, piece: Piece) -> bytes:
        """Return the bytes of ``piece`` as a ``bytes`` object."""
        found = self.read(piece)
        return found if isinstance(found, bytes) else bytes(found)


def chunks(text: str) -> list[str] | None:
    """Return the problem objects of ``report.json``'s ``text``, each as printed.

    The array is ``"[\\n" + ",\\n".join(chunks) + "\\n]\\n"``; strings are
    JSON-escaped, so a newline followed by ``  }`` ends an object and nothing
    else. None if ``text`` is not such an array.
    """
    if text == "[]\n":
        return []
    if not (text.startswith("[\n  {") and text.endswith("\n  }\n]\n")):
        return None
    pieces = text[2:-3].split("\n  },\n")
    return [piece + "\n  }" for piece in pieces[:-1]] + pieces[-1:]


def head(path: str, row: Row) -> str:
    """Return the start of a problem's printed object, up to its end line.

    Exactly as ``citeman.report.json`` writes it (see :func:`tails`).
    """
    return (
        '  {\n    "file": ' + encode_basestring(path) + ',\n    "line": '
        + f'{row[1]},\n    "column": {row[2]},\n    "end_line": {row[7]}'
    )  # fmt: skip


def tail(path: str, row: Row, chunk: str) -> bytes:
    """Return ``chunk``, a printed object, without its head, as the state keeps it.

    Raises ValueError if it does not start with the head of ``row``.
    """
    start = head(path, row)
    if not chunk.startswith(start):
        raise ValueError("a printed object not as report.json writes it")
    return chunk[len(start) :].encode("utf-8", "surrogatepass")


def printed(state: State) -> bytes:
    """Return the output of the check ``state`` holds (``report.json``'s text)."""
    if not state.rows:
        return b"[]\n"
    lead = ('  {\n    "file": ' + encode_basestring(state.path)).encode(
        "utf-8", "surrogatepass"
    )
    form = lead + b',\n    "line": %d,\n    "column": %d,\n    "end_line": %d'
    following = b",\n" + form
    view, starts = memoryview(b""), [0]
    if state.stored is not None:
        view, starts = state.stored.blob.view, state.stored.blob.starts
    out: list[bytes | memoryview] = [b"[\n"]
    for (_, line, column, _, _, _, _, end), chunk in zip(
        state.rows, state.chunks, strict=True
    ):
        out.append(form % (line, column, end))
        form = following
        if type(chunk) is bytes:
            out.append(chunk)
        else:
            region, at, length = chunk
            at += starts[region]
            out.append(view[at : at + length])
    out.append(b"\n]\n")
    return b"".join(out)


def well_formed(state: State) -> bool:
    """Return whether ``state``'s parts have the types a stored state has."""
    lists = (
        state.parts,
        state.entries,
        state.columns,
        state.rows,
        state.chunks,
        state.flats,
        state.macros,
    )
    if not (
        isinstance(state.text, str)
        and isinstance(state.path, str)
        and all(isinstance(part, list) for part in lists)
        and isinstance(state.codes, tuple)
        and isinstance(state.spent, int)
        and len(state.rows) == len(state.chunks) == len(state.flats)
        and len(state.columns) == len(state.tallies) == len(state.codes)
        and bool(state.parts)
        and all(isinstance(row, tuple) and len(row) == 8 for row in state.rows)
    ):
        return False
    if state.stored is None:
        return True
    holds = state.stored.blob.holds
    return (
        holds(state.chunks)
        and holds([flat for flat in state.flats if flat is not None])
        and holds([block for column in state.columns for _, block in column])
        and holds([tally for tally in state.tallies if tally is not None])
    )


def built(
    prepared: Prepared,
    fresh: Mapping[int, Fresh],
    problems: Sequence[Problem],
    printed: str,
    codes: tuple[str, ...],
    tallied: Sequence[Tallied | None],
) -> State | None:
    """Return the state of a check from the entry cache, or None if it cannot be kept.

    ``fresh`` is what lint found in the entries parsed, ``problems`` and
    ``printed`` what the check printed (``--format json``); ``tallied`` has
    each library rule's ``tallied``, in the order of ``codes``. A file with a
    suppression comment, an unparsable block or a cut macro expansion is not
    kept: its entries depend on more than their own text.
    """
    library = prepared.library
    text, path = library.source, library.path
    if library.failures or library.overflows or _MARKER.search(text):
        return None
    found = chunks(printed)
    if found is None or len(found) != len(problems):
        return None
    parts = parts_of(text)
    entries, summaries = _entries(prepared, fresh, [at for at, *_ in parts])
    if entries is None or summaries is None:
        return None
    columns: list[Column] = []
    tallies: list[Piece | None] = []
    try:
        for j, tally in enumerate(tallied):
            column = [row[j] for row in summaries]
            columns.append(column_of(column))
            tallies.append(None if tally is None else packed(tally(column)))
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    rows, flats = _rows(problems, path, parts, frozenset(codes))
    if rows is None or flats is None:
        return None
    try:
        tails: list[Piece] = [
            tail(path, row, chunk) for row, chunk in zip(rows, found, strict=True)
        ]
    except ValueError:
        return None
    spent = sum(len(macro.value) for macro in library.strings.values())
    spent += sum(spent_by(entry) for entry in library.entries)
    spent += sum(
        prepared.hits[slot.key].spent
        for slot in prepared.slots
        if slot.key in prepared.hits
    )
    macros = [
        (key, macro.name, macro.value, macro.line, macro.raw)
        for key, macro in library.strings.items()
    ]
    return State(text, parts, entries, codes, columns, tallies, rows, tails,
                 list(flats), macros, spent, path)  # fmt: skip


#: Summaries pickled together in one block of a column.
BLOCK = 2048


def column_of(summaries: Sequence[object]) -> Column:
    """Return a column of summaries as a state keeps it, in blocks, each pickled.

    An edit then pickles again only the block it falls in, and a re-check
    reads only the columns of the rules that aggregate again.
    """
    return [(len(summaries[at : at + BLOCK]), packed(summaries[at : at + BLOCK]))
            for at in range(0, len(summaries), BLOCK)]  # fmt: skip


#: A suppression comment (``% citeman: ignore[…]``) anywhere.
_MARKER = re.compile("citeman:", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")


def parts_of(
    text: str, start: int = 0, end: int | None = None, line: int = 1
) -> list[Part]:
    """Return the segments of ``text[start:end]`` as a state keeps them.

    ``line`` is the line ``start`` is on. The first is the prelude (the text
    before the first segment) when ``start`` is 0.
    """
    found: list[Part] = [(0, -1, 1, "")] if start == 0 else []
    previous = start
    window = text if start == 0 and end is None else text[start:end]
    for part in segments(window):
        at = part.at + start
        line += text.count("\n", previous, at)
        previous = at
        found.append((at, part.head_end + start, line, part.kind))
    return found


def _entries(
    prepared: Prepared, fresh: Mapping[int, Fresh], starts: Sequence[int]
) -> tuple[list[Place], list[tuple[object, ...]]] | tuple[None, None]:
    """Return each entry's place and summaries, in file order."""
    places: list[Place] = []
    summaries: list[tuple[object, ...]] = []
    items: list[Entry | Known] = [*prepared.library.entries, *prepared.known]
    items.sort(
        key=lambda item: item.head.offset if isinstance(item, Known) else item.offset
    )
    for item in items:
        if isinstance(item, Known):
            where = item.head
            places.append(
                (
                    bisect_right(starts, where.offset) - 1,
                    where.key,
                    where.type,
                    where.line,
                    where.column,
                    where.offset,
                    item.length,
                )
            )
            summaries.append(item.summaries)
            continue
        results = fresh.get(item.offset)
        if results is None or item.suppressed:
            return None, None
        places.append(
            (
                bisect_right(starts, item.offset) - 1,
                item.key,
                item.type,
                item.line,
                item.column,
                item.offset,
                len(item.raw),
            )
        )
        summaries.append(results.summaries)
    return places, summaries


def _rows(
    problems: Sequence[Problem], path: str, parts: Sequence[Part], codes: frozenset[str]
) -> tuple[list[Row], list[bytes | None]] | tuple[None, None]:
    """Return each problem's row and, for a library rule's, its flat form."""
    lines = [line for _, _, line, _ in parts]
    rows: list[Row] = []
    flats: list[bytes | None] = []
    for problem in problems:
        if problem.path != path:
            return None, None
        row, flat = row_of(problem, parts, lines, codes)
        rows.append(row)
        flats.append(flat)
    return rows, flats


def row_of(
    problem: Problem, parts: Sequence[Part], lines: Sequence[int], codes: frozenset[str]
) -> tuple[Row, bytes | None]:
    """Return the row of ``problem`` in a file cut into ``parts`` (their ``lines``).

    A library rule's problem (its code in ``codes``) comes with its flat form.
    """
    seat = bisect_right(lines, problem.span.line) - 1
    at, _, line, _ = parts[seat]
    numbers = [int(number) for number in _NUMBER.findall(problem.message)]
    flat = None
    if problem.code in codes:
        flat = packed(flattened(problem, line, at))
    else:  # a per-entry rule sees its entry only: it names the entry's lines
        below = lines[seat + 1] if seat + 1 < len(lines) else sys.maxsize
        numbers = [number for number in numbers if line <= number <= below]
    span = problem.span
    named = max(numbers, default=0)
    library = flat is not None
    return (seat, span.line, span.column, problem.code, problem.severity.rank,
            library, named, span.end_line), flat  # fmt: skip
