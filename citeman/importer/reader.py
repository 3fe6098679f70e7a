"""Open a document by its extension: Word, Markdown, or plain text."""

from __future__ import annotations

from pathlib import Path

from citeman import textfile
from citeman.importer import markdown, plain, word
from citeman.importer.document import Document

#: The extensions ``citeman import`` and ``citeman check`` read as documents.
EXTENSIONS = (".txt", ".md", ".markdown", ".docx", ".text")


def is_document(path: str | Path) -> bool:
    """Return whether ``path`` names a document citeman imports (not a .bib file)."""
    return Path(path).suffix.lower() in EXTENSIONS


def read(path: str | Path, limit: int = textfile.DEFAULT_LIMIT) -> Document:
    """Read the document at ``path``; raise :class:`InputError` when unreadable.

    ``limit`` caps the bytes read, and for a .docx the bytes it unpacks to.
    """
    name = str(path)
    data = textfile.read_bytes(path, "a document", limit)
    if Path(path).suffix.lower() == ".docx":
        return word.read(name, data, limit)
    return from_text(name, textfile.decode(name, data, "a text document"))


def from_text(name: str, text: str) -> Document:
    """Return the document of ``text``: Markdown when ``name`` says so, else plain."""
    if Path(name).suffix.lower() in (".md", ".markdown"):
        return markdown.read(name, text)
    return plain.read(name, text)
