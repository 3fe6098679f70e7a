"""Read plain text: every line is a block (a blank line an empty one)."""

from __future__ import annotations

from citeman.importer.document import Block, Document, lines_of


def read(path: str, source: str) -> Document:
    """Return the lines of ``source`` as blocks."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    lines = lines_of(path, source)
    blocks = [
        Block(line, (), ((0, start),))
        for start, line in zip(lines.line_starts, source.split("\n"), strict=True)
    ]
    return Document(path, "text", lines, tuple(blocks))
