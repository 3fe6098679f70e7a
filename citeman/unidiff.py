"""Unified diffs of fixed files, built from the stretches the fixes changed.

``difflib`` over a whole file matches every line against every other: on a
100,000-entry library ``fix --diff`` printed nothing in five minutes. The fixer
knows which entries it changed and where each now lies, so only those lines
are compared; everything else is unchanged context.

Only ``\\n`` ends a line, as for BibTeX, git and editors: a form feed, a
vertical tab or U+2028 (where ``str.splitlines`` would also split) stays inside
its line, so the line numbers of the hunks are the file's.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

#: Lines of unchanged context around each change, as ``diff -u`` prints.
CONTEXT = 3

#: Where a stretch was and is: (old start, old end, new start, new end) offsets.
Region = tuple[int, int, int, int]
#: A change between line ranges: (old first, old stop, new first, new stop).
_Change = tuple[int, int, int, int]


class _Lines:
    """The lines of a text (each with its ``\\n``), by index, without copying them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = array("q", [0])
        self.starts.extend(match.end() for match in re.finditer("\n", text))
        if self.starts[-1] == len(text) and len(self.starts) > 1:
            self.starts.pop()  # the text ends in a newline: no empty last line
        self.count = len(self.starts) if text else 0

    def index(self, offset: int) -> int:
        """Return the index of the line holding ``offset``."""
        return bisect_right(self.starts, offset) - 1

    def between(self, first: int, stop: int) -> list[str]:
        """Return lines ``first`` to ``stop`` (exclusive), each with its ``\\n``."""
        if first >= stop:
            return []
        end = self.starts[stop] if stop < len(self.starts) else len(self.text)
        parts = self.text[self.starts[first] : end].split("\n")
        lines = [part + "\n" for part in parts[:-1]]
        if parts[-1]:
            lines.append(parts[-1])  # the last line, without a newline
        return lines


def unified(
    before: str, after: str, regions: Iterable[Region], old: str, new: str
) -> str:
    """Return the unified diff of ``before`` → ``after`` labelled ``old`` → ``new``.

    ``regions`` are the only stretches that differ; the text around them must
    be the same in both.

    >>> print(unified("a\\nb\\nc\\n", "a\\nB\\nc\\n", [(2, 3, 2, 3)], "x", "y"), end="")
    --- x
    +++ y
    @@ -1,3 +1,3 @@
     a
    -b
    +B
     c
    """
    old_lines, new_lines = _Lines(before), _Lines(after)
    changes: list[_Change] = []
    for first, stop, new_first, new_stop in _line_ranges(old_lines, new_lines, regions):
        matcher = SequenceMatcher(
            None,
            old_lines.between(first, stop),
            new_lines.between(new_first, new_stop),
            autojunk=False,
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                changes.append((first + i1, first + i2, new_first + j1, new_first + j2))
    if not changes:
        return ""
    out = [f"--- {old}\n", f"+++ {new}\n"]
    for hunk in _hunks(changes):
        out.extend(_hunk(old_lines, new_lines, hunk))
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in out
    )


def _line_ranges(old: _Lines, new: _Lines, regions: Iterable[Region]) -> list[_Change]:
    """Return the whole-line ranges around ``regions``, merged where they touch."""
    ranges: list[_Change] = []
    for start, end, new_start, new_end in sorted(regions):
        line = (
            old.index(start),
            old.index(max(end - 1, start)) + 1,
            new.index(new_start),
            new.index(max(new_end - 1, new_start)) + 1,
        )
        if ranges and line[0] <= ranges[-1][1]:  # entries sharing a line
            last = ranges.pop()
            line = (last[0], max(last[1], line[1]), last[2], max(last[3], line[3]))
        ranges.append(line)
    return ranges


def _hunks(changes: Sequence[_Change]) -> list[list[_Change]]:
    """Group changes closer than twice the context into one hunk, as difflib does."""
    hunks: list[list[_Change]] = []
    for change in changes:
        if hunks and change[0] - hunks[-1][-1][1] <= 2 * CONTEXT:
            hunks[-1].append(change)
        else:
            hunks.append([change])
    return hunks


def _hunk(old: _Lines, new: _Lines, changes: Sequence[_Change]) -> list[str]:
    """Return the lines of one hunk: header, context, removals and additions."""
    first, last = changes[0], changes[-1]
    start = max(0, first[0] - CONTEXT)
    stop = min(old.count, last[1] + CONTEXT)
    new_start = first[2] - (first[0] - start)
    new_stop = last[3] + (stop - last[1])
    lines = [f"@@ -{_range(start, stop)} +{_range(new_start, new_stop)} @@\n"]
    position = start
    for i1, i2, j1, j2 in changes:
        lines.extend(" " + line for line in old.between(position, i1))
        lines.extend("-" + line for line in old.between(i1, i2))
        lines.extend("+" + line for line in new.between(j1, j2))
        position = i2
    lines.extend(" " + line for line in old.between(position, stop))
    return lines


def _range(start: int, stop: int) -> str:
    """Format a line range as unified diffs do (``3``, ``3,2`` or ``2,0``)."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start if length == 0 else start + 1},{length}"
