"""Parse a file for a re-check: its cached entries stand in for themselves.

The file is cut into segments (``citeman.segments``); each segment that holds
entries is looked up in the entry cache (``citeman.entry_cache``). The runs of
segments between the hits are parsed, each on its own as ``citeman.chunked``
parses chunks (a block left open stops at the next segment's head, as in the
whole file): the entries that changed, every ``@string``, every unparsable
block and every suppression comment get exactly the positions, values and
findings a full parse gives them, and the hits come back as
:class:`~citeman.lint.Known` entries at their new places (their problems
keep their text: a record whose messages name a line, "first at line 12", is
used only where its segment still starts on the same line). After linting,
:func:`records` turns the fresh entries into the records the next run reads.

The cache is bypassed (None) where a hit could differ from a fresh parse: a
macro defined twice or with an unusual name, or a file whose macro
expansions come near citeman's budget (``citeman.macros``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import pickle
import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from citeman import collector, parse
from citeman.entry_cache import (
    VERDICTS,
    Cached,
    Record,
    flattened,
    packed,
    restored,
    segment_key,
    unpacked,
    verdicts,
)
from citeman.lint import Fresh, Known, Verdicts
from citeman.macros import Expander, budget, split_concatenation
from citeman.model import Entry, Field, Library, ParseFailure
from citeman.rules.base import Head
from citeman.segments import Segment, parse_window, segments

#: Block types that hold no entry: never cached, always parsed.
_NOT_ENTRIES = frozenset({"string", "comment", "preamble"})
#: What separates the words of a value: a macro name is one of them.
_SEPARATORS = r"\s{}\"#=,()%"
_WORD = re.compile(f"[^{_SEPARATORS}]+")
#: Up to this many macros, a segment is searched for their names alone.
_FEW = 64
_STRING = re.compile("@string", re.IGNORECASE)
#: A message naming a line ("first at line 12") is true at that place only.
_NAMES_LINE = re.compile(r"\bline \d")


class Slot(NamedTuple):
    """One segment that holds entries, and its key."""

    segment: Segment
    line: int
    column: int
    key: str


@dataclasses.dataclass(frozen=True)
class Prepared:
    """A file parsed for a re-check: fresh entries parsed, cached ones known."""

    library: Library
    known: list[Known]
    slots: list[Slot]
    hits: dict[str, Record]
    #: Each hit as it was stored (written back as it is).
    stored: dict[str, bytes]
    #: ``fix_guard``'s verdicts on fixes in the hits, as stored.
    verdicts: Verdicts

    def entry(self, known: Known) -> Entry:
        """Return a known entry parsed again from its text alone, at its offset.

        Its macros are not expanded: it serves ``fix_guard``, which compares
        raw text only.
        """
        return entry_at(self.library.source, known.head.offset, known.length)


def entry_at(source: str, at: int, length: int) -> Entry:
    """Return the entry written at ``source[at : at + length]``, parsed alone.

    Its macros are not expanded and its lines are counted from it: it serves
    ``fix_guard``, which compares raw text only.
    """
    alone = parse.loads(source[at : at + length])
    (entry,) = alone.entries
    return entry._replace(
        offset=at,
        fields={name: _shifted(field, at) for name, field in entry.fields.items()},
        repeated=tuple(_shifted(field, at) for field in entry.repeated),
    )


def _shifted(field: Field, offset: int) -> Field:
    return field._replace(offset=field.offset + offset)


def prepare(
    path: str, text: str, records: Mapping[str, bytes], config: str
) -> Prepared | None:
    """Parse ``text`` but for the segments found in ``records``.

    Returns None when the entry cache cannot be trusted for this file.
    """
    parts = segments(text)
    macros = _macros(text, parts)
    if macros is None:
        return None
    slots = _slots(text, parts, macros, config)
    hits, stored, taken = {}, {}, {}
    for slot in slots:
        data = records.get(slot.key)
        record = unpacked(data) if data is not None else None
        if data is None or record is None or record.line not in (0, slot.line):
            continue
        entries = _known(path, slot, record)
        if entries is not None:
            hits[slot.key], stored[slot.key] = record, data
            taken[slot.segment.at] = (record, entries)
    library = _parsed(text, path, parts, taken) if taken else parse.loads(text, path)
    spent = sum(record.spent for record, _ in taken.values())
    if library.overflows or not _within_budget(library, spent):
        return None
    known = [entry for _, entries in taken.values() for entry in entries]
    found: Verdicts = verdicts(records)  # type: ignore[assignment]
    return Prepared(library, known, slots, hits, stored, found)


def _parsed(
    text: str, path: str, parts: Sequence[Segment], taken: Collection[int]
) -> Library:
    """Parse ``text`` but for the segments starting at the offsets ``taken``.

    The others are parsed by runs, each run on its own (as
    ``citeman.chunked`` parses chunks): the same blocks, positions, macros
    and complaints as a parse of the whole file.
    """
    expander = Expander(len(text))
    entries: list[Entry] = []
    failures: list[ParseFailure] = []

    def parse_run(start: int, window: str, line: int, stop: int | None) -> None:
        found, failed = parse.parse_window(
            text, path, start, window, expander, line=line, stop=stop
        )
        entries.extend(found)
        failures.extend(failed)

    with collector.paused():
        if parts[0].at in taken and parts[0].at > 0:  # the prelude
            parse_run(0, text[: parts[0].head_end + 1], 1, parts[0].at)
        line, offset = 1, 0
        for first, last in _runs([part.at in taken for part in parts]):
            start, window = parse_window(text, list(parts), first, last)
            line += text.count("\n", offset, start)
            offset = start
            stop = parts[last].end if last + 1 < len(parts) else None
            parse_run(start, window, line, stop)
    return Library(
        path, text, tuple(entries), expander.strings, tuple(failures),
        parse.newline(text), tuple(expander.overflows),
    )  # fmt: skip


def _runs(taken: Sequence[bool]) -> Iterator[tuple[int, int]]:
    """Yield the first and last index of each run of segments not taken."""
    first = None
    for index, hit in enumerate(taken):
        if hit and first is not None:
            yield first, index - 1
            first = None
        elif not hit and first is None:
            first = index
    if first is not None:
        yield first, len(taken) - 1


def _macros(text: str, parts: Sequence[Segment]) -> dict[str, tuple[int, str]] | None:
    """Return each macro's line and value, or None if one is defined twice.

    None too when an ``@string`` starts mid-line inside another segment, or
    says ``@string`` where it defines nothing: then the segments do not show
    every macro.
    """
    pieces = [text[part.at : part.end] for part in parts if part.kind == "string"]
    joined = "".join(pieces)
    count = len(_STRING.findall(joined))
    if len(_STRING.findall(text)) != count:
        return None
    if not pieces:
        return {}
    library = parse.loads(joined)
    if library.overflows or count != len(library.strings):
        return None
    lines, line, previous = [], 0, 0
    for part in parts:
        if part.kind == "string":
            line += text.count("\n", previous, part.at)
            previous = part.at
            lines.append(line)
    starts, total = [], 0
    for piece in pieces:
        starts.append(total)
        total += piece.count("\n")
    found = {}
    for name, macro in library.strings.items():
        if not _WORD.fullmatch(name):
            return None
        # The macro's line in ``joined`` is in one piece: move it to the file's.
        index = bisect_left(starts, macro.line) - 1
        found[name] = (lines[index] + macro.line - starts[index], macro.value)
    return found


def _slots(
    text: str,
    parts: Sequence[Segment],
    macros: Mapping[str, tuple[int, str]],
    config: str,
) -> list[Slot]:
    """Return the key of every segment that may hold entries, with its place."""
    slots = []
    line, previous = 1, 0
    names = _names(macros)
    for part in parts:
        line += text.count("\n", previous, part.at)
        previous = part.at
        if part.kind in _NOT_ENTRIES:
            continue
        start = text.rfind("\n", 0, part.at) + 1
        body = text[part.at : part.end]
        used = _used(names(body.lower()), macros, line) if macros else ""
        key = segment_key(config, body, part.at - start + 1, _above(text, start), used)
        slots.append(Slot(part, line, part.at - start + 1, key))
    return slots


def _names(macros: Mapping[str, object]) -> Callable[[str], set[str]]:
    """Return what finds the words of a (lower-cased) text that name a macro.

    A few names are searched for as whole words by one pattern; many, by
    splitting the text into words.
    """
    if len(macros) > _FEW:
        return lambda text: set(_WORD.findall(text)) & macros.keys()
    # Longest first: of "jan" and "janx", the word "janx" is the second.
    names = "|".join(map(re.escape, sorted(macros, key=len, reverse=True)))
    pattern = re.compile(f"(?<![^{_SEPARATORS}])(?:{names})(?![^{_SEPARATORS}])")
    return lambda text: set(pattern.findall(text))


def _used(
    names: Iterable[str], macros: Mapping[str, tuple[int, str]], line: int
) -> str:
    """Return the macros ``names`` (in a segment at ``line``): name, and value if
    defined above it.

    A macro defined only below is undefined where the body stands, whatever
    its value.
    """
    used = []
    for name in sorted(names):
        defined, value = macros[name]
        used.append(repr((name, value) if defined < line else (name,)))
    return "".join(used)


def _above(text: str, start: int) -> str:
    """Return the comment lines directly above the line starting at ``start``."""
    top = start
    while top > 0:
        begin = text.rfind("\n", 0, top - 1) + 1
        if not text[begin : top - 1].lstrip().startswith("%"):
            break
        top = begin
    return text[top:start]


def _known(path: str, slot: Slot, record: Record) -> list[Known] | None:
    """Return the entries of a hit at their place, or None if the record is forged."""
    try:
        return [_placed(path, slot, cached) for cached in record.entries]
    except (TypeError, ValueError, KeyError, AttributeError):
        return None


def _placed(path: str, slot: Slot, cached: Cached) -> Known:
    """Return a cached entry at its place in the file."""
    line = slot.line + cached.line
    offset = slot.segment.at + cached.offset
    head = Head(cached.key, cached.type, path, line, cached.column, offset)
    problems = tuple(restored(flat, path, line, offset) for flat in cached.problems)
    ident = f"{slot.key}:{cached.offset}"
    return Known(ident, head, cached.length, problems, tuple(cached.summaries))


def _within_budget(library: Library, spent: int) -> bool:
    """Return whether the whole file's expansions stay inside the budget.

    ``spent`` is what the cached entries spent. A fresh parse would then cut
    no value for the file's budget, so a parse of only the changed entries
    reads every value as it does.
    """
    spent += sum(len(macro.value) for macro in library.strings.values())
    spent += sum(spent_by(entry) for entry in library.entries)
    return spent <= budget(len(library.source))


def spent_by(entry: Entry) -> int:
    """Return at most how many characters the entry's macro expansions used."""
    return sum(
        len(field.value)
        for field in (*entry.fields.values(), *entry.repeated)
        if _expanded(field)
    )


def _expanded(field: Field) -> bool:
    """Return whether the value is a ``#`` concatenation (what uses budget)."""
    return "#" in field.raw and len(split_concatenation(field.raw)) > 1


def records(
    prepared: Prepared, fresh: Mapping[int, Fresh], found: Verdicts
) -> dict[str, bytes]:
    """Return the records for the next run: the hits, and each fresh segment.

    ``fresh`` maps each fresh entry's offset to what lint found in it. A
    segment is recorded only when all it holds is entries that lint saw,
    without a suppression comment, a fix outside themselves or an unparsable
    block among them. ``found`` are the verdicts known after linting: those
    on fixes in the entries kept are kept with them.
    """
    library = prepared.library
    starts = [entry.offset for entry in library.entries]
    failures = [failure.offset for failure in library.failures]
    kept = dict(prepared.stored)
    for slot in prepared.slots:
        if slot.key in kept:
            continue
        part = slot.segment
        first, last = bisect_left(starts, part.at), bisect_left(starts, part.end)
        entries = library.entries[first:last]
        if not entries or bisect_left(failures, part.at) != bisect_left(
            failures, part.end
        ):
            continue
        record = _record(slot, entries, fresh, library.source)
        if record is not None:
            # A summary a rule made unpicklable only leaves its segment uncached.
            with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError):
                kept[slot.key] = packed(record)
    kept[VERDICTS] = packed(
        {key: value for key, value in found.items() if key[0].partition(":")[0] in kept}
    )
    return kept


def _record(
    slot: Slot, entries: Sequence[Entry], fresh: Mapping[int, Fresh], text: str
) -> Record | None:
    """Return the record of one fresh segment, or None if it may not be cached."""
    part = slot.segment
    body = text[part.at : part.end]
    if "@string" in body.lower():
        return None
    cached = []
    moves = True
    for entry in entries:
        found = fresh.get(entry.offset)
        if found is None or entry.suppressed:
            return None
        problems = []
        for problem in found.problems:
            fix = problem.fix
            inside = (
                entry.offset <= fix.offset <= entry.offset + len(entry.raw)
                if fix
                else True
            )
            if not inside:
                return None
            moves = moves and not _NAMES_LINE.search(problem.message)
            problems.append(flattened(problem, entry.line, entry.offset))
        cached.append(
            Cached(
                entry.key, entry.type, entry.line - slot.line, entry.column,
                entry.offset - part.at, len(entry.raw), tuple(problems),
                found.summaries,
            )
        )  # fmt: skip
    extent = max(entry.offset + len(entry.raw) for entry in entries) - part.at
    spent = sum(spent_by(entry) for entry in entries)
    return Record(extent, spent, tuple(cached), 0 if moves else slot.line)
