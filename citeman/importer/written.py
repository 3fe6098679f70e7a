"""A document's references as written beside the same facts as a style prints them.

This is what the reference-style rule (CM601) compares; :mod:`.checking`
builds it after importing the document and rendering its entries.
"""

from __future__ import annotations

from dataclasses import dataclass

from citeman.importer.document import Block, Document
from citeman.model import Span

Italics = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Written:
    """One reference: its text and italics as written, and as the style prints it."""

    key: str
    block: Block
    printed: str
    printed_italics: Italics

    @property
    def text(self) -> str:
        """Return the reference as written."""
        return self.block.text


@dataclass(frozen=True, slots=True)
class WrittenList:
    """Every reference of one document, and what the comparison may look at.

    ``rich`` says the document shows italics (Markdown, Word); in plain text
    they cannot be compared. ``style`` is the style's display name.
    """

    document: Document
    style: str
    rich: bool
    references: tuple[Written, ...]

    @property
    def path(self) -> str:
        """Return the document's path, as findings name it."""
        return self.document.path

    def span(self, reference: Written, start: int, end: int) -> Span:
        """Return the document span of ``reference.text[start:end]``."""
        return self.document.block_span(reference.block, start, end)
