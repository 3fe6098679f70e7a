"""Open a document by its extension: Word, Markdown, or plain text."""

from __future__ import annotations

from pathlib import Path

from citeman import textfile
from citeman.importer import markdown, plain, word
from citeman.importer.document import Document

#: The extensions ``citeman import`` and ``citeman check`` read as documents.
EXTENSIONS = (".txt", ".md", ".markdown", ".docx", ".text")
#: The most text a document may hold (the reference list of a very long book
#: is a few megabytes).
MAX_TEXT = 64 * 1024 * 1024


def is_document(path: str | Path) -> bool:
    """Return whether ``path`` names a document citeman imports (not a .bib file)."""
    return Path(path).suffix.lower() in EXTENSIONS


def read(path: str | Path) -> Document:
    """Read the document at ``path``; raise :class:`InputError` when unreadable."""
    name = str(path)
    file = Path(path)
    if file.suffix.lower() == ".docx":
        if not file.is_file():
            textfile.read_bytes(file, "a .docx file")  # raises the right message
        return word.read(name, file)
    data = textfile.read_bytes(file, "a text document")
    return from_text(name, textfile.decode(name, data, "a text document"))


def from_text(name: str, text: str) -> Document:
    """Return the document of ``text``: Markdown when ``name`` says so, else plain."""
    if Path(name).suffix.lower() in (".md", ".markdown"):
        return markdown.read(name, text)
    return plain.read(name, text)
