"""Build test documents from renderings: plain text, Markdown and Word (.docx).

A Word file is built with python-docx from the HTML rendering, each ``<i>``
stretch an italic run, so the reader is tested against italics it did not
write itself.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import docx


class _Paragraphs(HTMLParser):
    """Collect each ``<p>`` of an HTML rendering as (text, italic) runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[tuple[str, bool]]] = []
        self.italic = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "p":
            self.paragraphs.append([])
        elif tag == "i":
            self.italic = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "i":
            self.italic = False

    def handle_data(self, data: str) -> None:
        if self.paragraphs and data.strip("\n"):
            self.paragraphs[-1].append((data, self.italic))


def runs_of_html(html: str) -> list[list[tuple[str, bool]]]:
    """Return the paragraphs of an HTML rendering as runs of text and italics."""
    parser = _Paragraphs()
    parser.feed(html)
    return parser.paragraphs


def write_docx(
    path: Path,
    paragraphs: list[list[tuple[str, bool]]],
    before: tuple[str, ...] = (),
    heading: str | None = None,
) -> Path:
    """Write a Word file: ``before`` paragraphs, a heading, then the references."""
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    if heading is not None:
        document.add_heading(heading, level=1)
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text, italic in runs:
            paragraph.add_run(text).italic = italic or None
    document.save(str(path))
    return path
