"""The whole outcome of the last check of one file, kept so an edit can be spliced in.

A :class:`State` holds what ``check --format json`` found in one ``.bib``
file: its text, its segments (``citeman.segments``) and entries with their
places, each problem's printed JSON object and the segment it lies in, and
each two-step library rule's summaries of every entry. ``citeman.splice``
re-checks an edited file from it: only the segments around the edit are
parsed, and a library rule aggregates again only when the summaries it reads
changed.

A state is one file in the user cache folder, holding plain data only (it is
read by an unpickler that refuses every class, so a forged one cannot run
code), its length and a CRC of its body: a truncated or damaged one is
ignored. The summaries, which name citeman's classes, stay pickled on their
own and are read only when a rule aggregates again. Writes go to a temporary
file renamed into place, so concurrent runs read a whole old or new state.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import re
import sys
import tempfile
import zlib
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from citeman.entry_cache import flattened, packed
from citeman.incremental import Prepared, spent_by
from citeman.lint import Fresh, Known
from citeman.model import Entry
from citeman.problem import Problem
from citeman.segments import segments

#: States kept; older ones are removed when a new one is written.
KEEP = 4
_MAGIC = b"citeman state 1\n"
_SUFFIX = ".state"

#: A segment: offset of its ``@`` (0 for the prelude), end of its ``@type``
#: head (-1 for the prelude), its first line and its kind (lower case).
Part = tuple[int, int, int, str]
#: An entry: index of its segment, key, type, line, column, offset, length.
Place = tuple[int, str, str, int, int, int, int]
#: A problem: index of its segment, line, column, code, severity rank, whether
#: a library rule found it, and the largest number in its message that may be
#: a line number (0 if none): for a per-entry rule, one of its segment's lines.
Row = tuple[int, int, int, str, int, bool, int]
#: A macro: its key (lower case), name as written, value, line, raw text.
Macro = tuple[str, str, str, int, str]


class State(NamedTuple):
    """One check of one file (see the module's docstring)."""

    text: str
    parts: list[Part]
    entries: list[Place]
    #: The two-step library rules' codes, in the order lint runs them.
    codes: tuple[str, ...]
    #: Per code, every entry's summary in file order, pickled (``column_of``).
    columns: list[bytes]
    #: In printed order.
    rows: list[Row]
    #: Each problem's JSON object as printed (see :func:`chunks`).
    chunks: list[str]
    #: A library rule's problem as ``entry_cache.flattened`` makes it, relative
    #: to its segment's line and offset, pickled; None for per-entry rules'.
    flats: list[bytes | None]
    macros: list[Macro]
    #: At most how many characters the file's macro expansions used.
    spent: int


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


def joined(chunks: Sequence[str]) -> str:
    """Return the JSON array of ``chunks`` (the inverse of :func:`chunks`)."""
    if not chunks:
        return "[]\n"
    return "[\n" + ",\n".join(chunks) + "\n]\n"


class StateStore:
    """The state of one file under one rule configuration and output."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory
        self.path = directory / f"{name}{_SUFFIX}"

    def load(self) -> State | None:
        """Return the stored state, or None if missing or damaged."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        head = len(_MAGIC) + 24
        if not data.startswith(_MAGIC) or len(data) < head:
            return None
        try:
            length, check = (
                int(data[len(_MAGIC) : head - 12]),
                int(data[head - 12 : head - 1]),
            )
        except ValueError:
            return None
        body = memoryview(data)[head:]
        if len(body) != length or zlib.crc32(body) != check:
            return None
        try:
            found = _Plain(io.BytesIO(body)).load()
            state = State(*found)
        except Exception:
            return None
        return state if _well_formed(state) else None

    def save(self, state: State) -> None:
        """Store ``state`` in place of the old one (a failure only skips it)."""
        body = pickle.dumps(tuple(state), protocol=pickle.HIGHEST_PROTOCOL)
        head = b"%011d %011d\n" % (len(body), zlib.crc32(body))
        with contextlib.suppress(OSError):
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(_MAGIC + head)
                    file.write(body)
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
            self._prune()

    def _prune(self) -> None:
        """Remove all but the ``KEEP`` most recently written states."""
        states = []
        for path in self.directory.glob(f"*{_SUFFIX}"):
            with contextlib.suppress(OSError):
                states.append((path.stat().st_mtime_ns, path))
        states.sort(reverse=True)
        for _, old in states[KEEP:]:
            with contextlib.suppress(OSError):
                old.unlink()


def _well_formed(state: State) -> bool:
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
    return (
        isinstance(state.text, str)
        and all(isinstance(part, list) for part in lists)
        and isinstance(state.codes, tuple)
        and isinstance(state.spent, int)
        and len(state.rows) == len(state.chunks) == len(state.flats)
        and len(state.columns) == len(state.codes)
        and bool(state.parts)
    )


class _Plain(pickle.Unpickler):
    """Unpickles plain data only (str, bytes, numbers, None and containers)."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def built(
    prepared: Prepared,
    fresh: Mapping[int, Fresh],
    problems: Sequence[Problem],
    printed: str,
    codes: tuple[str, ...],
) -> State | None:
    """Return the state of a check from the entry cache, or None if it cannot be kept.

    ``fresh`` is what lint found in the entries parsed, ``problems`` and
    ``printed`` what the check printed (``--format json``). A file with a
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
    try:
        columns = [column_of([row[j] for row in summaries]) for j in range(len(codes))]
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    rows, flats = _rows(problems, path, parts, frozenset(codes))
    if rows is None or flats is None:
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
    return State(
        text, parts, entries, codes, columns, rows, found, flats, macros, spent
    )


#: Summaries pickled together in one block of a column.
BLOCK = 2048
#: A column as stored: blocks of summaries, each its count and its pickle.
Blocks = list[tuple[int, bytes]]


def column_of(summaries: Sequence[object]) -> bytes:
    """Return a column of summaries as a state keeps it, in blocks.

    An edit then pickles again only the block it falls in.
    """
    return packed(blocks_of(summaries))


def blocks_of(summaries: Sequence[object]) -> Blocks:
    """Return ``summaries`` cut into blocks, each pickled."""
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
            library, named), flat  # fmt: skip
