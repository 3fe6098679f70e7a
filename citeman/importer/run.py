"""Import a whole document: find the list, read every reference, name the entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from citeman.errors import InputError
from citeman.importer import apa, bibtex, dates, keys, listing, vancouver
from citeman.importer.document import Block, Document
from citeman.importer.record import Reading
from citeman.model import Span

#: Reference styles ``--style`` accepts, and the reader of one reference in each.
STYLES: dict[str, Callable[[str, tuple[tuple[int, int], ...], bool], Reading]] = {
    "apa": apa.read,
    "vancouver": vancouver.read,
}


@dataclass(frozen=True, slots=True)
class Imported:
    """One reference of the list: where it was, its text, key and reading."""

    index: int
    block: Block
    key: str
    reading: Reading


@dataclass(frozen=True, slots=True)
class ImportedList:
    """A document's reference list, read."""

    document: Document
    references: tuple[Imported, ...]

    def span(self, reference: Imported, start: int, end: int) -> Span:
        """Return the document span of ``reference.block.text[start:end]``."""
        return self.document.block_span(reference.block, start, end)

    def bibtex(self) -> str:
        """Return the list as a ``.bib`` file, in list order."""
        return bibtex.document(
            bibtex.entry(item.reading.type, item.key, item.reading.fields)
            for item in self.references
        )


def read(document: Document, style: str = "apa") -> ImportedList:
    """Return the reference list of ``document``, read in ``style``.

    Raise :class:`InputError` when the document is empty or has no reference
    list: no heading and no paragraph that reads as a reference.
    """
    items = listing.items(document)
    if not items:
        raise InputError(document.path, "is empty: there is no reference to import")
    if not any(_looks_like_reference(item.block.text) for item in items):
        raise InputError(
            document.path,
            "has no reference list: no References heading and no paragraph with a"
            " date such as (2020) or a year",
        )
    rich = document.kind in ("markdown", "docx")
    reader = STYLES[style]
    readings = [reader(item.block.text, item.block.italics, rich) for item in items]
    names = keys.assign([keys.stem(reading.fields) for reading in readings])
    references = tuple(
        Imported(index, item.block, key, reading)
        for index, (item, key, reading) in enumerate(
            zip(items, names, readings, strict=True), 1
        )
    )
    return ImportedList(document, references)


def _looks_like_reference(text: str) -> bool:
    return bool(dates.PATTERN.search(text) or vancouver.YEAR.search(text))
