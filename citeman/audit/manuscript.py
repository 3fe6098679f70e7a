"""Read a manuscript (text, Markdown, LaTeX or Word) into text with positions.

A ``.docx`` file becomes one line per paragraph, so its positions read as
paragraph number (line) and character offset in the paragraph (column); the
paragraphs of tables count in document order. Every other file is UTF-8 text.
"""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from citeman import archive, textfile
from citeman.errors import InputError
from citeman.model import Span


class Kind(StrEnum):
    """Which citation syntaxes a manuscript may hold, besides author–date prose."""

    TEXT = "text"
    MARKDOWN = "markdown"  # pandoc [@key], @key, [-@key]
    LATEX = "latex"  # \cite{key} and its natbib and biblatex relatives
    DOCX = "docx"


_KINDS = {
    ".md": Kind.MARKDOWN, ".markdown": Kind.MARKDOWN, ".qmd": Kind.MARKDOWN,
    ".rmd": Kind.MARKDOWN, ".tex": Kind.LATEX, ".ltx": Kind.LATEX,
    ".docx": Kind.DOCX,
}  # fmt: skip
# Runs of a paragraph in reading order: plain, linked, tracked insertions, fields.
_RUNS = "w:r | w:hyperlink | w:ins/w:r | w:fldSimple/w:r | w:smartTag/w:r"


@dataclass(frozen=True, slots=True)
class Manuscript:
    """A manuscript's text and where each of its lines starts."""

    path: str
    kind: Kind
    text: str
    line_starts: tuple[int, ...]

    def span(self, start: int, end: int) -> Span:
        """Return the 1-based span of ``text[start:end]``."""
        line = bisect_right(self.line_starts, start)
        end_line = bisect_right(self.line_starts, end)
        return Span(
            line,
            start - self.line_starts[line - 1] + 1,
            end_line,
            end - self.line_starts[end_line - 1] + 1,
        )


def from_text(path: str, text: str, kind: Kind) -> Manuscript:
    """Return a manuscript of ``text`` as if read from ``path``."""
    starts = (0, *(match.end() for match in re.finditer("\n", text)))
    return Manuscript(path, kind, text, starts)


def kind_of(path: str | Path) -> Kind:
    """Return the kind a file's extension says (plain text when unknown)."""
    return _KINDS.get(Path(path).suffix.lower(), Kind.TEXT)


def read(path: str | Path, limit: int = textfile.DEFAULT_LIMIT) -> Manuscript:
    """Read the manuscript at ``path``; raise :class:`InputError` when unreadable.

    ``limit`` caps the bytes read, and for a .docx the bytes it unpacks to.
    """
    name = str(path)
    file = Path(path)
    kind = kind_of(file)
    data = textfile.read_bytes(file, "a manuscript", limit)
    if kind is Kind.DOCX:
        return from_text(name, _docx_text(name, data, limit), kind)
    text = textfile.decode(name, data, "a text manuscript")
    return from_text(name, text, kind)


def _docx_text(name: str, data: bytes, limit: int) -> str:
    """Return a Word document's paragraphs, one per line."""
    import docx  # imported here: only .docx manuscripts pay for loading it
    from docx.opc.exceptions import PackageNotFoundError

    archive.open_zip(name, data, ".docx file", limit).close()
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = document.element.body.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
        )
        lines = [
            "".join(run.text for run in paragraph.xpath(_RUNS))
            for paragraph in paragraphs
        ]
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            SyntaxError) as error:  # fmt: skip
        raise InputError(name, f"is not a readable .docx file ({error})") from error
    # A line break or tab inside a paragraph keeps its place as one space, so
    # columns stay character offsets and lines stay paragraph numbers.
    return "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
