"""Read the files ``render`` prints, counting the blocks parsed on the progress line.

A whole-file parse says nothing until it ends: seconds for a large file. A
file of many blocks is therefore parsed window after window of segments
(:mod:`citeman.segments`), each where the whole file's parse would leave
off, with one macro expander carried from each window to the next: the
result is the whole file's parse (``tests/render/test_render_input.py``
compares them), and the line moves after each window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from citeman import chunked, collector, parse, segments
from citeman.macros import Expander
from citeman.model import Entry, Library, ParseFailure

#: Told the name of each stage of the work as it starts, and its count if any.
Stage = Callable[[str, int | None], None]


def load_all(
    paths: Sequence[Path], limit: int, stage: Stage, advance: Callable[[int], None]
) -> list[Library]:
    """Parse every path (at most ``limit`` bytes each), telling the stages."""
    return [load(path, limit, stage, advance) for path in paths]


def load(
    path: Path, limit: int, stage: Stage, advance: Callable[[int], None]
) -> Library:
    """Parse the file at ``path``; ``advance`` counts the blocks as they are read."""
    text = parse.read(path, limit)
    parts = segments.segments(text)
    size = chunked.chunk_size()
    if len(parts) <= size:
        stage(f"parsing {path}", None)
        return parse.loads(text, str(path))
    stage(f"parsing {path}", len(parts))
    entries: list[Entry] = []
    failures: list[ParseFailure] = []
    with collector.paused():
        expander = Expander(len(text))
        line, offset = 1, 0
        for first in range(0, len(parts), size):
            last = min(first + size, len(parts)) - 1
            start, window = segments.parse_window(text, parts, first, last)
            line += text.count("\n", offset, start)
            offset = start
            stop = parts[last].end if last + 1 < len(parts) else None
            found, failed = parse.parse_window(
                text, str(path), start, window, expander, line=line, stop=stop
            )
            entries += found
            failures += failed
            advance(last - first + 1)
    return Library(
        str(path),
        text,
        tuple(entries),
        expander.strings,
        tuple(failures),
        parse.newline(text),
        tuple(expander.overflows),
    )
