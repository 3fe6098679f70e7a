"""Verify a rewrite, and read the rewritten file, from the segments it changed.

:func:`citeman.rewrite.verify` proves a fixed file safe by comparing a parse
of all of it with a parse of the original. A large file was checked by chunks
(:mod:`citeman.chunked`): neither whole parse exists in this process, and the
fixes change a fraction of its entries. Here only the segments
(:mod:`citeman.segments`) that hold a changed entry are parsed, before and
after, and compared as ``verify`` compares whole files. That is the same
proof: the text outside the changed entries is compared byte for byte, every
other segment start is found again at its new place with the same head, and a
segment parses alone as it does within the whole file (what checking by
chunks rests on), so every other block is the same block. Whatever this cannot
show to be the same is left to the whole-file verification, which names the
difference.

The parse of the changed segments is also what the check after writing needs:
the other entries' findings are moved to their new places (:meth:`Moved.known`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from citeman import parse, rewrite
from citeman import segments as segments_
from citeman.fix import Outcome, places
from citeman.lint import Known
from citeman.macros import Expander
from citeman.model import Entry, Library, ParseFailure, Span, StringMacro
from citeman.problem import Fix, Problem
from citeman.rules.base import Head
from citeman.segments import Segment, segments

#: A stretch of text: start and end offsets.
Stretch = tuple[int, int]
#: A run of segments: the indexes of its first and last.
Run = tuple[int, int]
#: Starts a count of ``total`` steps (a progress line); returns its counter.
Counted = Callable[[int], Callable[[int], None]]

_STRING = re.compile("@string", re.IGNORECASE)


@dataclass(frozen=True)
class Moved:
    """The rewritten file, read where it changed, and how the rest moved."""

    #: The new text, holding the blocks of the changed segments only.
    library: Library
    #: The changed segments' runs in the original text (start, end).
    runs: list[Stretch]
    #: The end of each changed entry in the original, in order.
    ends: list[int]
    #: How far the text after the first ``k`` changed entries moved: characters.
    chars: list[int]
    #: ... and lines.
    lines: list[int]

    def known(self, entries: Sequence[Known]) -> list[tuple[int, Known]]:
        """Return the ``entries`` outside the changed segments, at their new places.

        Each comes with its index in ``entries``. Their text is the same, so
        their findings and summaries hold; only the positions move (lines and
        offsets, never columns: the text from a segment's line start on is
        unchanged).
        """
        starts = [start for start, _ in self.runs]
        kept = []
        for index, item in enumerate(entries):
            at = item.head.offset
            run = bisect_right(starts, at) - 1
            if run >= 0 and at < self.runs[run][1]:
                continue  # read again from the new text
            moved = bisect_right(self.ends, at)
            chars, lines = self.chars[moved], self.lines[moved]
            if chars or lines:
                item = _moved(item, chars, lines)
            kept.append((index, item))
        return kept


def _moved(item: Known, chars: int, lines: int) -> Known:
    """Return the known entry ``item`` moved by ``chars`` characters and ``lines``.

    Built field by field: ``_replace`` and ``dataclasses.replace`` cost
    several times more, for tens of thousands of entries.
    """
    key, kind, path, line, column, offset = item.head
    head = Head(key, kind, path, line + lines, column, offset + chars)
    problems = tuple(_problem(problem, chars, lines) for problem in item.problems)
    return Known(item.ident, head, item.length, problems, item.summaries)


def _problem(problem: Problem, chars: int, lines: int) -> Problem:
    span = problem.span
    if lines:  # most fixes add no line: the span stands
        span = Span(span.line + lines, span.column, span.end_line + lines,
                    span.end_column)  # fmt: skip
    fix = problem.fix
    if fix is not None:
        fix = Fix(fix.field, fix.offset + chars, fix.old, fix.new, fix.safe,
                  fix.fields, fix.vetted)  # fmt: skip
    return Problem(
        problem.path, span, problem.key, problem.field, problem.code,
        problem.rule, problem.severity, problem.message, fix,
    )  # fmt: skip


def read(
    before: Library,
    text: str,
    changes: Mapping[int, tuple[Stretch, Stretch]],
    allowed: Mapping[int, frozenset[str]],
    starts: Sequence[int],
    keep: Collection[int] = (),
    counted: Counted | None = None,
) -> Moved | None:
    """Return ``text`` verified as ``before`` with only the ``allowed`` fields changed.

    ``changes`` maps the index of each changed entry to where it lay in
    ``before.source`` and where it lies in ``text``; ``starts`` is the offset
    of every entry of ``before``, in order (``before`` itself may hold only a
    few: checked by chunks). The segments of the blocks at the offsets in
    ``keep`` (entries with a suppression comment, unparsable blocks) are read
    again too. None means the rewrite could not be shown safe this way.
    ``counted`` is given the number of runs of segments to parse (before and
    after) and told of each one parsed.
    """
    old = before.source
    order = sorted(changes)
    if before.overflows or not _same_outside(old, text, [changes[i] for i in order]):
        return None
    ends, chars, lines = [], [0], [0]
    for index in order:
        (start, end), (new_start, new_end) = changes[index]
        ends.append(end)
        chars.append(chars[-1] + (new_end - new_start) - (end - start))
        added = text.count("\n", new_start, new_end) - old.count("\n", start, end)
        lines.append(lines[-1] + added)
    olds, news = segments(old), segments(text)
    at = [part.at for part in olds]
    dirty: set[int] = set()
    for start, end in (changes[i][0] for i in order):
        first = max(0, bisect_right(at, start) - 1)
        dirty.update(range(first, max(first + 1, bisect_left(at, end))))
    dirty.update(max(0, bisect_right(at, offset) - 1) for offset in keep)
    paired = _paired(old, text, olds, news, sorted(dirty), ends, chars)
    if paired is None:
        return None
    old_runs, new_runs = paired
    advance = counted(2 * len(old_runs)) if counted is not None else _uncounted
    was = _read(before.path, old, olds, old_runs, advance)
    now = _read(before.path, text, news, new_runs, advance)
    if was is None or now is None:
        return None
    olds_stretches = _stretches(olds, old_runs)
    numbers = {start: number for number, start in enumerate(starts)}
    for (old_entries, _), (new_entries, _) in zip(was[0], now[0], strict=True):
        if len(old_entries) != len(new_entries):
            return None
        for entry, fixed in zip(old_entries, new_entries, strict=True):
            number = numbers.get(entry.offset)
            if number is None:
                return None
            if rewrite.entry_difference(entry, fixed, allowed.get(number)):
                return None
    if [gaps for _, gaps in was[0]] != [gaps for _, gaps in now[0]]:
        return None
    library = Library(
        before.path,
        text,
        tuple(entry for entries, _ in now[0] for entry in entries),
        now[1],
        tuple(now[2]),
        parse.newline(text),
        (),
    )
    return Moved(library, olds_stretches, ends, chars, lines)


def _same_outside(
    old: str, new: str, changes: Sequence[tuple[Stretch, Stretch]]
) -> bool:
    """Return whether the text around the changed stretches is the same in both."""
    was = now = 0
    for (start, end), (new_start, new_end) in changes:
        if start - was != new_start - now or old[was:start] != new[now:new_start]:
            return False
        was, now = end, new_end
    return len(old) - was == len(new) - now and old[was:] == new[now:]


def _paired(
    old: str,
    new: str,
    olds: Sequence[Segment],
    news: Sequence[Segment],
    dirty: Sequence[int],
    ends: Sequence[int],
    chars: Sequence[int],
) -> tuple[list[Run], list[Run]] | None:
    """Return the runs of changed segments, old and new; None if they do not pair.

    Every other segment must start in the new text where its start moved to,
    with the same head, and so must each run's first segment (the parse of
    the segment before a run reads the run's first head).
    """
    news_at = [part.at for part in news]

    def moved(offset: int) -> int:
        return offset + chars[bisect_right(ends, offset)]

    def same(part: Segment, other: Segment) -> bool:
        return (
            other.at == moved(part.at)
            and other.kind == part.kind
            and old[part.at : part.head_end + 1] == new[other.at : other.head_end + 1]
        )

    old_runs: list[Run] = []
    new_runs: list[Run] = []
    for first, last in _runs(dirty):
        new_first = bisect_left(news_at, moved(olds[first].at))
        new_stop = len(news)
        if last + 1 < len(olds):
            new_stop = bisect_left(news_at, moved(olds[last + 1].at))
        if new_stop <= new_first or (first == 0) != (new_first == 0):
            return None
        if first and not same(olds[first], news[new_first]):
            return None
        old_runs.append((first, last))
        new_runs.append((new_first, new_stop - 1))
    clean_old = _outside(olds, _stretches(olds, old_runs))
    clean_new = _outside(news, _stretches(news, new_runs))
    if len(clean_old) != len(clean_new):
        return None
    if not all(map(same, clean_old, clean_new)):
        return None
    return old_runs, new_runs


def _runs(indexes: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Yield the first and last of each run of consecutive ``indexes`` (sorted)."""
    first = last = None
    for index in indexes:
        if last is not None and index == last + 1:
            last = index
            continue
        if first is not None and last is not None:
            yield first, last
        first = last = index
    if first is not None and last is not None:
        yield first, last


def _outside(parts: Sequence[Segment], runs: Sequence[Stretch]) -> list[Segment]:
    """Return the segments that start outside every run."""
    starts = [start for start, _ in runs]
    kept = []
    for part in parts:
        run = bisect_right(starts, part.at) - 1
        if run < 0 or part.at >= runs[run][1]:
            kept.append(part)
    return kept


def _stretches(parts: Sequence[Segment], runs: Sequence[Run]) -> list[Stretch]:
    """Return where each run of segments lies (the first from 0: the prelude)."""
    return [(parts[first].at if first else 0, parts[last].end) for first, last in runs]


#: Each run's entries and the text around them; the macros; the runs' failures.
Read = tuple[
    list[tuple[list[Entry], list[str]]], dict[str, StringMacro], list[ParseFailure]
]


def _uncounted(done: int) -> None:
    """Count nothing."""


def _read(
    path: str,
    text: str,
    parts: list[Segment],
    runs: Sequence[Run],
    advance: Callable[[int], None] = _uncounted,
) -> Read | None:
    """Parse the ``runs`` of segments of ``text``, and every ``@string`` definition.

    Each run, and each other segment that may define a macro, is parsed on
    its own in file order with one expander, as the workers of
    ``citeman.chunked`` parse chunks; ``advance`` is told of every 100 runs
    parsed, and of the rest at the end. None when a macro expansion was cut:
    the budget depends on every value before it, which this does not see.
    """
    windows = [(first, last, True) for first, last in runs]
    inside = {index for first, last in runs for index in range(first, last + 1)}
    windows += [
        (index, index, False)
        for index, part in enumerate(parts)
        if index not in inside
        and _STRING.search(text, part.at if index else 0, part.end)
    ]
    windows.sort()
    expander = Expander(len(text))
    grouped: list[tuple[list[Entry], list[str]]] = []
    failures: list[ParseFailure] = []
    line, offset = 1, 0
    for first, last, wanted in windows:
        start, window = segments_.parse_window(text, parts, first, last)
        line += text.count("\n", offset, start)
        offset = start
        stop = parts[last].end if last + 1 < len(parts) else None
        entries, failed = parse.parse_window(
            text, path, start, window, expander, line=line, stop=stop
        )
        if not wanted:
            continue  # its entries are known; it may define macros
        gaps, position = [], start
        for entry in entries:
            gaps.append(text[position : entry.offset])
            position = entry.offset + len(entry.raw)
        gaps.append(text[position : parts[last].end])
        grouped.append((entries, gaps))
        failures += failed
        if len(grouped) % 100 == 0:
            advance(100)
    advance(len(grouped) % 100)
    if expander.overflows:
        return None
    return grouped, expander.strings, failures


class Reader:
    """:func:`read` as ``rewrite.write``'s ``quick`` check; keeps what it read."""

    def __init__(
        self,
        before: Library,
        changes: Mapping[int, tuple[Stretch, Stretch]],
        allowed: Mapping[int, frozenset[str]],
        starts: Sequence[int],
        keep: Collection[int],
        counted: Counted | None = None,
    ) -> None:
        self.before, self.changes, self.allowed = before, changes, allowed
        self.starts, self.keep, self.counted = starts, keep, counted
        #: What the last call read (None: it could not verify the text).
        self.moved: Moved | None = None

    @classmethod
    def of(
        cls,
        library: Library,
        outcome: Outcome,
        known: Sequence[Known],
        counted: Counted | None = None,
    ) -> Reader:
        """Return the quick check of ``library``'s rewrite by ``fix_library``.

        ``known`` are the entries ``library`` leaves out (checked by chunks);
        ``counted`` counts the runs of segments read (see :func:`read`).
        Entries with a suppression comment and unparsable blocks are read
        again from the new text: lint wants them parsed, at their new places.
        """
        starts = [start for start, _ in places(library, known)]
        changes = {index: (outcome.was[index], span)
                   for index, span in outcome.spans.items()}  # fmt: skip
        keep = [entry.offset for entry in library.entries]
        keep += [failure.offset for failure in library.failures]
        return cls(library, changes, outcome.changed, starts, keep, counted)

    def __call__(self, text: str) -> Library | None:
        """Return the library read from ``text`` where it changed, or None."""
        self.moved = read(
            self.before, text, self.changes, self.allowed, self.starts, self.keep,
            self.counted,
        )  # fmt: skip
        return self.moved.library if self.moved is not None else None
