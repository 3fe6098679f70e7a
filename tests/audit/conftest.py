"""Shared helpers of the audit tests: the fixture folder and .docx building."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx

AUDIT = Path(__file__).resolve().parent.parent / "data" / "audit"


def write_docx(path: Path, paragraphs: Sequence[str | Sequence[str]]) -> Path:
    """Write a Word document with one paragraph per item.

    An item that is a sequence of strings becomes one paragraph of several runs,
    every other one bold, as Word stores text whose formatting changes.
    """
    document = docx.Document()
    for item in paragraphs:
        paragraph = document.add_paragraph()
        for number, run in enumerate([item] if isinstance(item, str) else item):
            paragraph.add_run(run).bold = number % 2 == 1
    document.save(str(path))
    return path
