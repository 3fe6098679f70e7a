"""Read a Word (.docx) file: one block per paragraph, italic runs as italics.

The source text is the paragraphs one per line, so a position reads as
paragraph number (line) and character in the paragraph (column), as
``citeman audit`` reports them. The archive is measured before it is opened
(:mod:`citeman.archive`): a zip bomb is refused.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from citeman import archive
from citeman.errors import InputError
from citeman.importer.document import Block, Document, lines_of

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Runs of a paragraph in reading order: plain, linked, tracked insertions, fields.
_RUNS = "w:r | w:hyperlink/w:r | w:ins/w:r | w:fldSimple/w:r | w:smartTag/w:r"
_OFF = {"0", "false", "off"}


def read(path: str, data: bytes, limit: int) -> Document:
    """Return the paragraphs of the Word file ``data`` (read from ``path``) as blocks.

    ``limit`` caps the bytes the archive may unpack to.
    """
    import docx  # imported here: only .docx files pay for loading it
    from docx.opc.exceptions import PackageNotFoundError

    archive.open_zip(path, data, ".docx file", limit).close()
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [_paragraph(p) for p in document.element.body.iter(f"{_W}p")]
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            SyntaxError) as error:  # fmt: skip
        raise InputError(path, f"is not a readable .docx file ({error})") from error
    source = "\n".join(text for text, _, _ in paragraphs)
    lines = lines_of(path, source)
    blocks = tuple(
        Block(text, italics, ((0, start),), heading)
        for start, (text, italics, heading) in zip(
            lines.line_starts, paragraphs, strict=True
        )
    )
    return Document(path, "docx", lines, blocks)


def _paragraph(paragraph: Any) -> tuple[str, tuple[tuple[int, int], ...], bool]:
    """Return a paragraph's text, italic stretches and whether it is a heading."""
    pieces: list[str] = []
    italics: list[tuple[int, int]] = []
    size = 0
    for run in paragraph.xpath(_RUNS):
        # A line break or tab inside a paragraph reads as one space.
        piece = "".join(
            " " if child.tag in (f"{_W}br", f"{_W}tab", f"{_W}cr") else child.text or ""
            for child in run.iterchildren(f"{_W}t", f"{_W}br", f"{_W}tab", f"{_W}cr")
        )
        if piece and _is_italic(run):
            if italics and italics[-1][1] == size:
                italics[-1] = (italics[-1][0], size + len(piece))
            else:
                italics.append((size, size + len(piece)))
        pieces.append(piece)
        size += len(piece)
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    name = (style.get(f"{_W}val") or "") if style is not None else ""
    heading = name.lower().startswith(("heading", "title"))
    return "".join(pieces), tuple(italics), heading


def _is_italic(run: Any) -> bool:
    """Return whether a run is set in italics directly (``<w:i/>``)."""
    mark = run.find(f"{_W}rPr/{_W}i")
    return mark is not None and (mark.get(f"{_W}val") or "true").lower() not in _OFF
