"""Read a Word (.docx) file: one block per paragraph, italic runs as italics.

The source text is the paragraphs one per line, so a position reads as
paragraph number (line) and character in the paragraph (column), as
``citeman audit`` reports them. The archive is measured before it is opened:
a small file that unpacks to gigabytes (a zip bomb) is refused.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from citeman.errors import InputError
from citeman.importer.document import Block, Document, lines_of

#: The most a .docx may unpack to; real manuscripts stay far below it.
MAX_UNPACKED = 200 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Runs of a paragraph in reading order: plain, linked, tracked insertions, fields.
_RUNS = "w:r | w:hyperlink/w:r | w:ins/w:r | w:fldSimple/w:r | w:smartTag/w:r"
_OFF = {"0", "false", "off"}


def read(path: str, file: Path) -> Document:
    """Return the paragraphs of the Word file at ``file`` as blocks."""
    import docx  # imported here: only .docx files pay for loading it
    from docx.opc.exceptions import PackageNotFoundError

    _check_size(path, file)
    try:
        document = docx.Document(str(file))
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


def _check_size(path: str, file: Path) -> None:
    """Refuse an archive that is not a zip file or unpacks to more than the cap."""
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(path, f"is not a readable .docx file ({error})") from error
    if unpacked > MAX_UNPACKED:
        raise InputError(
            path,
            f"unpacks to {unpacked // (1024 * 1024)} MB, more than the"
            f" {MAX_UNPACKED // (1024 * 1024)} MB a .docx may hold",
        )


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
