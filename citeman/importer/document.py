"""A document as blocks of text, each knowing its italics and where it was written.

Every reader (:mod:`.plain`, :mod:`.markdown`, :mod:`.word`) produces the same
:class:`Document`: the source text (a Word file's paragraphs one per line) and
its blocks. A block's ``text`` is what a reader sees, markup removed; ``runs``
maps each stretch of it back to the source, so a problem found at character
``i`` of a reference is reported at the right line and column.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from citeman.audit.manuscript import Kind, Manuscript, from_text
from citeman.model import Span

#: (start in the block's text, start in the document's source) of a stretch
#: copied verbatim; markup removed between stretches starts a new one.
Run = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, list item or line: its text, italic stretches and origin."""

    text: str
    italics: tuple[tuple[int, int], ...]
    runs: tuple[Run, ...]
    heading: bool = False

    def source_offset(self, index: int) -> int:
        """Return the source offset of character ``index`` of ``text``."""
        found = bisect_right(self.runs, (index, 1 << 62)) - 1
        start, origin = self.runs[max(found, 0)]
        return origin + index - start

    def cut(self, start: int, end: int) -> Block:
        """Return the block of ``text[start:end]``, italics and origins kept."""
        italics = tuple(
            (max(a, start) - start, min(b, end) - start)
            for a, b in self.italics
            if a < end and b > start
        )
        runs = [(0, self.source_offset(start))]
        runs += [(s - start, o) for s, o in self.runs if start < s < end]
        return Block(self.text[start:end], italics, tuple(runs), self.heading)


def joined(blocks: list[Block]) -> Block:
    """Return ``blocks`` as one block, separated by single spaces."""
    text, italics, runs = "", [], []
    for block in blocks:
        if text:
            text += " "
        runs += [(start + len(text), origin) for start, origin in block.runs]
        italics += [(a + len(text), b + len(text)) for a, b in block.italics]
        text += block.text
    return Block(text, tuple(italics), tuple(runs))


@dataclass(frozen=True, slots=True)
class Document:
    """A read document: its path, kind, source text (with lines) and blocks."""

    path: str
    kind: str
    lines: Manuscript
    blocks: tuple[Block, ...]

    @property
    def source(self) -> str:
        """Return the document's text (a Word file's paragraphs one per line)."""
        return self.lines.text

    def span(self, start: int, end: int) -> Span:
        """Return the 1-based span of ``source[start:end]``."""
        return self.lines.span(start, max(end, start))

    def block_span(self, block: Block, start: int, end: int) -> Span:
        """Return the span of ``block.text[start:end]`` in the document."""
        return self.span(block.source_offset(start), block.source_offset(end))


def lines_of(path: str, source: str) -> Manuscript:
    """Return ``source`` with the offsets its lines start at (as audit reads text)."""
    return from_text(path, source, Kind.TEXT)
