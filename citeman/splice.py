"""Re-check an edited file from its last check's state: only the edit is checked again.

The old and the new text are compared from both ends; the segments
(``citeman.segments``) around what differs, widened to whole lines, are the
*middle*. Only the middle is parsed, in both texts: its new entries are
checked by the per-entry rules, and each two-step library rule compares the
summaries of the old and the new middle entries. A rule whose summaries are
the same (with the same keys, types and columns, in the same order) reads the
same library: its findings are the old ones, moved with their entries. A rule
whose summaries changed aggregates again over every entry's summary, read
from the state. Every other problem is the old one, moved down by the lines
and characters the edit added; its printed JSON object is reused.

This holds because a segment parses alone as in the whole file and its
entries depend on nothing else but the ``@string`` values above them and the
comment lines above them. So the middle may hold no ``@string`` and the file
no suppression comment, no unparsable block and no cut expansion; a message
that names a line ("first at line 12") is kept only where no line moved.
Anything else returns None, and the file is checked the usual way.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate
from typing import NamedTuple

from citeman import fix_guard, parse
from citeman.check_state import (
    Column,
    Part,
    Place,
    Row,
    State,
    column_of,
    parts_of,
    printed,
    row_of,
    tail,
)
from citeman.common_ends import common_prefix, common_suffix
from citeman.config import ActiveRule
from citeman.entry_cache import flattened, loaded, packed, restored
from citeman.incremental import entry_at, spent_by
from citeman.lint import Fresh, _problem, entry_results
from citeman.macros import Expander, budget
from citeman.model import Entry, Library, StringMacro
from citeman.problem import Fix, Problem
from citeman.report.json import render
from citeman.rules.base import Head, LibraryRule, Memo, RuleContext, Shelf, Summarised
from citeman.state_blob import Piece

#: At most this many characters around an edit are parsed again.
WINDOW = 500_000
_STRING = re.compile("@string", re.IGNORECASE)
_MARKER = re.compile("citeman:", re.IGNORECASE)


class Spliced(NamedTuple):
    """A re-check's output, the severity ranks in it, and the state to keep."""

    printed: bytes
    ranks: frozenset[int]
    state: State


class _Edit(NamedTuple):
    """Where the texts differ: old parts ``first`` to ``last``, and the new ones."""

    first: int
    last: int
    start: int
    old_end: int
    new_end: int
    parts: list[Part]
    #: Characters and lines the edit added.
    delta: int
    lines: int


def spliced(
    state: State,
    text: str,
    path: str,
    active: Sequence[ActiveRule],
    memo: Callable[[str], Memo],
) -> Spliced | None:
    """Return the check of ``text`` worked out from ``state``, or None.

    ``memo`` gives a library rule's memo (``citeman.rules.base.Memo``) when
    it aggregates again.
    """
    if text == state.text:
        ranks = frozenset(row[4] for row in state.rows)
        return Spliced(printed(state), ranks, state)
    edit = _edit(state, text)
    if edit is None:
        return None
    return _Splice(state, text, path, active, edit).run(memo)


def _edit(state: State, text: str) -> _Edit | None:
    """Return where ``text`` differs from the state's, in whole segments, or None."""
    old = state.text
    same = common_prefix(old, text)
    tail = common_suffix(old, text, min(len(old), len(text)) - same)
    starts = [at for at, *_ in state.parts]
    ends = [*starts[1:], len(old)]
    first = bisect_right(ends, old.rfind("\n", 0, same) + 1)
    stop = old.find("\n", len(old) - tail)
    last = bisect_right(starts, len(old) if stop < 0 else stop) - 1
    delta = len(text) - len(old)
    while True:
        start, old_end = starts[first], ends[last]
        if old_end + max(delta, 0) - start > WINDOW:
            return None
        parts = parts_of(text, start, old_end + delta, state.parts[first][2])
        if first == 0 or (parts and parts[0][0] == start):
            break
        first -= 1  # the edit took the head of the first segment: widen
    kinds = [kind for *_, kind in (*state.parts[first : last + 1], *parts)]
    if (
        "string" in kinds
        or _STRING.search(old, start, old_end)
        or _STRING.search(text, start, old_end + delta)
        or _MARKER.search(text, start, old_end + delta)
    ):
        return None
    lines = text.count("\n", start, old_end + delta) - old.count("\n", start, old_end)
    return _Edit(first, last, start, old_end, old_end + delta, parts, delta, lines)


class _Splice:
    """One re-check worked out from a state and an edit."""

    def __init__(
        self,
        state: State,
        text: str,
        path: str,
        active: Sequence[ActiveRule],
        edit: _Edit,
    ) -> None:
        self.state, self.text, self.path, self.edit = state, text, path, edit
        self.active = active
        line = state.parts[edit.first][2]
        self.macros = {
            key: StringMacro(name, value, number, raw)
            for key, name, value, number, raw in state.macros
        }
        self.strings = {
            key: macro
            if macro.line < line
            else dataclasses.replace(macro, line=macro.line + edit.lines)
            for key, macro in self.macros.items()
        }
        seats = [place[0] for place in state.entries]
        self.begin = bisect_left(seats, edit.first)
        self.end = bisect_right(seats, edit.last)
        #: The segment index of each old segment after the middle, less this.
        self.moved = edit.last + 1 - edit.first - len(edit.parts)
        #: The first line that may have moved (the middle's first).
        self.line = line
        #: The segments of the new text, their lines and offsets.
        self.parts = [*state.parts[: edit.first], *edit.parts]
        self.parts += [
            (at + edit.delta, head + edit.delta, number + edit.lines, kind)
            for at, head, number, kind in state.parts[edit.last + 1 :]
        ]
        self.lines = [number for _, _, number, _ in self.parts]
        self.starts = [at for at, *_ in self.parts]

    def run(self, memo: Callable[[str], Memo]) -> Spliced | None:
        """Return the spliced check, or None where it cannot be trusted."""
        state, edit, line = self.state, self.edit, self.line
        old = self._parse(state.text, edit.start, edit.old_end, line, 0)
        new = self._parse(self.text, edit.start, edit.new_end, line, edit.delta)
        if old is None or new is None or not self._agrees(old):
            return None
        spent = state.spent - sum(map(spent_by, old)) + sum(map(spent_by, new))
        if spent > budget(len(self.text)):
            return None
        before, after = self._results(state.text, old), self._results(self.text, new)
        changed = {
            code
            for index, code in enumerate(state.codes)
            if _column(old, before, index) != _column(new, after, index)
        }
        carried = self._carried(old, new, changed)
        again, named = self._named()
        changed |= named
        fresh = [problem for entry in new for problem in after[entry.offset].problems]
        for seat in again:
            found = self._checked_again(seat)
            if found is None:
                return None
            fresh += found
        fresh += [problem for problem in carried if problem.code not in changed]
        columns, tallies = list(state.columns), list(state.tallies)
        reused: set[int] = set()
        for index, code in enumerate(state.codes):
            if code not in changed:
                continue
            local = None
            if code not in named:
                local = self._again(index, code, (old, before), (new, after), memo)
            if local is not None:  # the others' findings stand
                columns[index], found, tallies[index] = local
                fresh += self._vetted(found, new)
                changed.discard(code)
                continue
            columns[index], found, tallies[index] = self._aggregate(
                index, code, new, after, memo(code)
            )
            fresh += self._vetted(self._unseen(code, found, reused), new)
        kept = self._kept(changed, again, reused)
        fresh.sort(key=lambda problem: problem.sort_key)
        return self._joined(kept, fresh, new, (columns, tallies), spent)

    def _parse(
        self, source: str, start: int, end: int, line: int, delta: int
    ) -> list[Entry] | None:
        """Parse ``source[start:end]``, old or new, or None if it fails.

        ``end`` is where a segment of the state starts (``delta`` later in
        ``source``), or the end of the text.
        """
        parts = self.state.parts
        after = bisect_left([at for at, *_ in parts], end - delta)
        stop = parts[after][1] + delta if after < len(parts) else None
        expander = Expander(len(source))
        expander.strings.update(
            {key: macro for key, macro in self.macros.items() if macro.line < line}
        )
        window = source[start : len(source) if stop is None else stop + 1]
        found, failures = parse.parse_window(
            source, self.path, start, window, expander,
            line=line, stop=None if stop is None else end,
        )  # fmt: skip
        if failures or expander.overflows:
            return None
        return found

    def _checked_again(self, seat: int) -> list[Problem] | None:
        """Return the per-entry problems of an old segment after the middle.

        Its per-entry problems name its lines, which moved.
        """
        state, edit = self.state, self.edit
        start = state.parts[seat][0] + edit.delta
        end = (
            state.parts[seat + 1][0] if seat + 1 < len(state.parts) else len(state.text)
        )
        line = state.parts[seat][2] + edit.lines
        found = self._parse(self.text, start, end + edit.delta, line, edit.delta)
        if found is None:
            return None
        results = self._results(self.text, found)
        return [
            problem for entry in found for problem in results[entry.offset].problems
        ]

    def _agrees(self, old: Sequence[Entry]) -> bool:
        """Return whether the old middle parses into the entries the state holds."""
        places = self.state.entries[self.begin : self.end]
        return [place[5] for place in places] == [entry.offset for entry in old]

    def _results(self, source: str, entries: Sequence[Entry]) -> dict[int, Fresh]:
        library = Library(
            self.path,
            source,
            tuple(entries),
            self.macros,
            (),
            parse.newline(source),
            (),
        )
        return entry_results(library, self.active)

    def _carried(
        self, old: Sequence[Entry], new: Sequence[Entry], changed: set[str]
    ) -> list[Problem]:
        """Return the problems of unchanged library rules in the middle, moved.

        A rule whose problem cannot be moved (outside any entry, or naming a
        line that moved) joins ``changed``.
        """
        state, edit = self.state, self.edit
        firsts = [entry.line for entry in old]
        moved: list[Problem] = []
        for index, row in enumerate(state.rows):
            seat, line, _, code, _, library, named, _ = row
            if not (edit.first <= seat <= edit.last and library):
                continue
            if code in changed:
                continue
            at = bisect_right(firsts, line) - 1
            if at < 0 or line > firsts[at] + old[at].raw.count("\n"):
                changed.add(code)
                continue
            lines, offset = new[at].line - old[at].line, new[at].offset - old[at].offset
            if (lines or edit.lines) and named >= self.line:
                changed.add(code)
                continue
            base, _, first, _ = state.parts[seat]
            moved.append(self._restored(index, first + lines, base + offset))
        return moved

    def _restored(self, index: int, line: int, offset: int) -> Problem:
        """Return the library problem of ``index`` in the state, its base moved."""
        piece = self.state.flats[index]
        if piece is None:
            raise ValueError("not a library rule's problem")
        flat = loaded(self.state.bytes_of(piece))
        if not isinstance(flat, tuple):
            raise ValueError("not a flattened problem")
        return restored(flat, self.path, line, offset)

    def _named(self) -> tuple[set[int], set[str]]:
        """Return the segments to check again and the rules to aggregate again,
        as lines moved.

        Where lines moved, a library rule's problem naming a line that may
        have moved makes its rule aggregate again in full (its code is
        returned), and a segment after the middle whose per-entry problems
        name its lines is checked again (its index is returned).
        """
        state, edit = self.state, self.edit
        again: set[int] = set()
        codes: set[str] = set()
        if not edit.lines:
            return again, codes
        for seat, _, _, code, _, library, named, _ in state.rows:
            if named < self.line or edit.first <= seat <= edit.last:
                continue
            if library:
                codes.add(code)
            elif seat > edit.last:
                again.add(seat)
        return again, codes

    def _kept(
        self, changed: set[str], again: set[int], reused: set[int]
    ) -> list[tuple[Row, Piece, Piece | None]]:
        """Return the old problems that stand, outside the middle, moved.

        Not kept: those of the ``changed`` rules but the ``reused`` ones, and
        the per-entry problems of the segments checked ``again``.
        """
        edit = self.edit
        kept = []
        chunks, flats = self.state.chunks, self.state.flats
        for index, row in enumerate(self.state.rows):
            seat, line, column, code, rank, library, named, end = row
            if edit.first <= seat <= edit.last:
                continue
            if code in changed and index not in reused:
                continue
            if seat in again and not library:
                continue
            if seat > edit.last:
                seat -= self.moved
                line, end = line + edit.lines, end + edit.lines
                row = (seat, line, column, code, rank, library, named, end)
            kept.append((row, chunks[index], flats[index]))
        return kept

    def _column(
        self, index: int, new: Sequence[Entry], after: Mapping[int, Fresh], whole: bool
    ) -> tuple[Column, list[object]]:
        """Return a rule's column with the new middle's summaries in place.

        Also the summaries read: every entry's when ``whole``, else those of
        the blocks the middle falls in only.
        """
        blocks = self.state.columns[index]
        starts = list(accumulate([count for count, _ in blocks], initial=0))
        total = starts.pop()
        if total != len(self.state.entries):
            raise ValueError("not a column of summaries")
        first = max(bisect_right(starts, self.begin) - 1, 0)
        last = max(bisect_right(starts, self.end - 1) - 1, first)
        low, high = (0, len(blocks)) if whole else (first, last + 1)
        column: list[object] = []
        for count, piece in blocks[low:high]:
            found = loaded(self.state.bytes_of(piece))
            if not isinstance(found, list) or len(found) != count:
                raise ValueError("not a block of summaries")
            column += found
        base = starts[low] if low < len(starts) else total
        middle = [after[entry.offset].summaries[index] for entry in new]
        column[self.begin - base : self.end - base] = middle
        start = starts[first] - base if starts else 0
        stop = starts[last + 1] if last + 1 < len(starts) else total
        stop += len(middle) - (self.end - self.begin) - base
        kept = [*blocks[:first], *column_of(column[start:stop]), *blocks[last + 1 :]]
        return kept, column

    def _item(self, code: str) -> tuple[ActiveRule, LibraryRule]:
        item = next(item for item in self.active if item.rule.code == code)
        assert isinstance(item.rule, LibraryRule)
        return item, item.rule

    def _aggregate(
        self,
        index: int,
        code: str,
        new: Sequence[Entry],
        after: Mapping[int, Fresh],
        memo: Memo,
    ) -> tuple[Column, list[Problem], Piece | None]:
        """Return a changed rule's new column, its problems and its new tally."""
        kept, column = self._column(index, new, after, whole=True)
        heads = self._heads(new)
        item, rule = self._item(code)
        shelf = Shelf(
            self.path,
            self.strings,
            (),
            (),
            [Summarised(*pair) for pair in zip(heads, column, strict=True)],
        )
        context = RuleContext(item.options, None, memo)
        found = [
            _problem(item, finding, None)
            for finding in rule.over_shelves([shelf], context)
        ]
        tally = None if rule.tallied is None else packed(rule.tallied(column))
        return kept, found, tally

    def _again(
        self,
        index: int,
        code: str,
        old: tuple[Sequence[Entry], Mapping[int, Fresh]],
        new: tuple[Sequence[Entry], Mapping[int, Fresh]],
        memo: Callable[[str], Memo],
    ) -> tuple[Column, list[Problem], Piece] | None:
        """Return a changed rule's new column, problems in the middle and tally,
        worked out from its tally (``LibraryRule.again``); or None if it cannot.
        """
        item, rule = self._item(code)
        piece = self.state.tallies[index]
        if rule.again is None or piece is None:
            return None
        path = self.path

        def summarised(
            entries: Sequence[Entry], results: Mapping[int, Fresh]
        ) -> list[Summarised]:
            return [
                Summarised(
                    Head(
                        entry.key,
                        entry.type,
                        path,
                        entry.line,
                        entry.column,
                        entry.offset,
                    ),
                    results[entry.offset].summaries[index],
                )
                for entry in entries
            ]

        context = RuleContext(item.options, None, memo(code))
        tally = loaded(self.state.bytes_of(piece))
        done = rule.again(tally, summarised(*old), summarised(*new), context)
        if done is None:
            return None
        kept, _ = self._column(index, new[0], new[1], whole=False)
        found = [_problem(item, finding, None) for finding in done[1]]
        return kept, found, packed(done[0])

    def _unseen(
        self, code: str, found: Sequence[Problem], reused: set[int]
    ) -> list[Problem]:
        """Return the problems of a changed rule that the old run did not print.

        The index of each old problem found again (by its flat form, fix
        included, relative to its segment) joins ``reused``: its printed
        object stands, its fix vetted as it was.
        """
        state, edit = self.state, self.edit
        olds: dict[tuple[int, bytes], list[int]] = {}
        flats = state.flats
        for index, (seat, _, _, row_code, *_) in enumerate(state.rows):
            piece = flats[index]
            if (
                row_code == code
                and piece is not None
                and not edit.first <= seat <= edit.last
            ):
                seat = seat if seat < edit.first else seat - self.moved
                olds.setdefault((seat, state.bytes_of(piece)), []).append(index)
        lines, starts = self.lines, self.starts
        unseen = []
        for problem in found:
            seat = bisect_right(lines, problem.span.line) - 1
            flat = packed(flattened(problem, lines[seat], starts[seat]))
            same = olds.get((seat, flat))
            if same:
                reused.add(same.pop(0))
            else:
                unseen.append(problem)
        return unseen

    def _heads(self, new: Sequence[Entry]) -> list[Head]:
        """Return the head of every entry of the new text, in file order."""
        state, edit, path = self.state, self.edit, self.path
        heads = [
            Head(key, kind, path, line, column, offset)
            for _, key, kind, line, column, offset, _ in state.entries[: self.begin]
        ]
        heads += [
            Head(entry.key, entry.type, path, entry.line, entry.column, entry.offset)
            for entry in new
        ]
        heads += [
            Head(key, kind, path, line + edit.lines, column, offset + edit.delta)
            for _, key, kind, line, column, offset, _ in state.entries[self.end :]
        ]
        return heads

    def _vetted(self, found: list[Problem], new: Sequence[Entry]) -> list[Problem]:
        """Vet the fixes of a changed rule's problems, as lint does."""
        offsets, lengths = self._spans(new)
        vetted = []
        for problem in found:
            fix = problem.fix
            at = -1 if fix is None else bisect_right(offsets, fix.offset) - 1
            if (
                fix is None
                or fix.vetted
                or at < 0
                or fix.offset > offsets[at] + lengths[at]
            ):
                vetted.append(problem)
                continue
            if self.begin <= at < self.begin + len(new):
                harmless = fix_guard.is_harmless(new[at - self.begin], fix)
            else:
                harmless = self._harmless(offsets[at], lengths[at], fix)
            vetted.append(
                problem if harmless else dataclasses.replace(problem, fix=None)
            )
        return vetted

    def _spans(self, new: Sequence[Entry]) -> tuple[list[int], list[int]]:
        """Return the offset and length of every entry of the new text."""
        before, after = self.state.entries[: self.begin], self.state.entries[self.end :]
        offsets = [place[5] for place in before] + [entry.offset for entry in new]
        offsets += [place[5] + self.edit.delta for place in after]
        lengths = [place[6] for place in before] + [len(entry.raw) for entry in new]
        lengths += [place[6] for place in after]
        return offsets, lengths

    def _harmless(self, start: int, length: int, fix: Fix) -> bool:
        """Return ``fix_guard``'s verdict on ``fix`` in the entry at ``start``."""
        raw = self.text[start : start + length]
        return fix_guard.harmless(
            raw, start, fix, lambda: entry_at(self.text, start, length)
        )

    def _joined(
        self,
        kept: list[tuple[Row, Piece, Piece | None]],
        fresh: list[Problem],
        new: Sequence[Entry],
        columns: tuple[list[Column], list[Piece | None]],
        spent: int,
    ) -> Spliced:
        """Return the output and the new state: kept and fresh problems merged."""
        state = self.state
        parts, lines, starts = self.parts, self.lines, self.starts
        codes = frozenset(state.codes)
        added: list[tuple[Row, Piece, Piece | None]] = []
        for problem in fresh:
            row, flat = row_of(problem, parts, lines, codes)
            added.append((row, tail(self.path, row, render([problem])[2:-3]), flat))
        merged = _merged(kept, added)
        entries = self._entries(new, starts)
        macros = [
            (key, macro.name, macro.value, macro.line, macro.raw)
            for key, macro in self.strings.items()
        ]
        rows = [row for row, _, _ in merged]
        chunks = [chunk for _, chunk, _ in merged]
        new_state = State(
            self.text,
            parts,
            entries,
            state.codes,
            *columns,
            rows,
            chunks,
            [flat for _, _, flat in merged],
            macros,
            spent,
            self.path,
            state.stored,
        )
        ranks = frozenset(row[4] for row in rows)
        return Spliced(printed(new_state), ranks, new_state)

    def _entries(self, new: Sequence[Entry], starts: Sequence[int]) -> list[Place]:
        state, edit = self.state, self.edit
        places = state.entries[: self.begin]
        places += [
            (
                bisect_right(starts, entry.offset) - 1,
                entry.key,
                entry.type,
                entry.line,
                entry.column,
                entry.offset,
                len(entry.raw),
            )
            for entry in new
        ]
        places += [
            (
                seat - self.moved,
                key,
                kind,
                line + edit.lines,
                column,
                offset + edit.delta,
                length,
            )
            for seat, key, kind, line, column, offset, length in state.entries[
                self.end :
            ]
        ]
        return places


def _column(
    entries: Sequence[Entry], results: Mapping[int, Fresh], index: int
) -> list[tuple[object, ...]]:
    """Return what one library rule reads of ``entries``."""
    return [
        (entry.key, entry.type, entry.column, results[entry.offset].summaries[index])
        for entry in entries
    ]


def _merged(
    kept: list[tuple[Row, Piece, Piece | None]],
    added: list[tuple[Row, Piece, Piece | None]],
) -> list[tuple[Row, Piece, Piece | None]]:
    """Merge two lists in printed order (line, column, code), kept first on a tie."""
    if not added:
        return kept
    merged = []
    keys = [(row[1], row[2], row[3]) for row, _, _ in kept]
    previous = 0
    for item in added:
        row = item[0]
        at = bisect_right(keys, (row[1], row[2], row[3]), lo=previous)
        merged += kept[previous:at]
        merged.append(item)
        previous = at
    merged += kept[previous:]
    return merged
