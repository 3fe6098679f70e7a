"""Cut BibTeX text into segments at the block starts that nothing before can move.

A segment starts at every ``@type{`` or ``@type(`` with only whitespace before
it on its line, and runs to the next such start. bibtexparser's splitter
starts a block at each of them whatever came before: a block still open there
is abandoned ("Unexpected block start"), so the text before such an ``@`` never
changes how the text after it is split. Parsing one segment alone therefore
gives the blocks the whole file gives for that stretch, which is what lets the
parser work on chunks in parallel and a cache key entries by their own text,
without splitting the whole file first.

One regular-expression pass finds them (milliseconds per megabyte). Blocks that
start mid-line (``} @article{…`` on one line) stay inside the segment of the
line-start block before them, so a file written on one line is one segment.
Text before the first segment is the prelude (comments outside any block).
"""

from __future__ import annotations

import re
from typing import NamedTuple

# bibtexparser's block start: `@`, word characters, blanks, then `{` or `(`
# (not consumed).
_BLOCK_START = re.compile(r"@(\w*)[ \t]*(?=[{(])")


class Segment(NamedTuple):
    """One stretch of text from a line-start block's ``@`` to the next one's.

    ``head_end`` is the end of the ``@type`` word and blanks (the opening
    delimiter follows): a parse of an earlier segment that must end where the
    whole file's parse would see this block start appends ``text[at:head_end+1]``.
    ``kind`` is the block type, lower-cased (``"article"``, ``"string"``, …).
    """

    at: int
    end: int
    head_end: int
    kind: str


def segments(text: str) -> list[Segment]:
    """Return the segments of ``text`` in file order (empty when it has no block).

    >>> [(s.at, s.end, s.kind) for s in segments("x\\n@Book{a,}\\n @misc(b,)")]
    [(2, 13, 'book'), (13, 22, 'misc')]
    """
    found = []
    previous = -1
    for match in _BLOCK_START.finditer(text):
        at = match.start()
        # "Line start" is bibtexparser's: only `str.isspace` characters since
        # the last `\n`. Only the stretch since the previous `@` is searched,
        # so that a file on one line costs no more than one written on many.
        newline = text.rfind("\n", previous + 1, at)
        if newline < 0 and previous >= 0:
            previous = at
            continue  # an earlier block start stands on this line
        previous = at
        line_start = newline + 1
        if line_start == at or text[line_start:at].isspace():
            found.append((at, match.end(), match.group(1).lower()))
    if not found:
        return []
    ends = [at for at, _, _ in found[1:]] + [len(text)]
    return [
        Segment(at, end, head_end, kind)
        for (at, head_end, kind), end in zip(found, ends, strict=True)
    ]


def parse_window(
    text: str, parts: list[Segment], first: int, last: int
) -> tuple[int, str]:
    """Return ``(start, text)``: what to parse for segments ``first`` to ``last``.

    That is their own text (from offset 0 for the first segment, so that the
    prelude and any block starting mid-line in it are parsed too), plus the
    next segment's ``@type{`` when there is one: a block left open at the end
    then stops where it stops in the whole file, with the same complaint,
    instead of at the end of the text. The extra
    head parses as a block of its own starting at ``parts[last].end``; callers
    drop it.
    """
    start = parts[first].at if first > 0 else 0
    stop = parts[last].end
    if last + 1 < len(parts):
        stop = parts[last + 1].head_end + 1
    return start, text[start:stop]
