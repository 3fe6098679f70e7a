"""render → document → import → render gives the same text (issue 14's round trip).

Every APA example of the render tests (one golden input per entry type, and
library.bib) is rendered, written as plain text, Markdown (italics as
``*…*``) and Word (italic runs), imported, and rendered again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citeman import parse, render
from citeman.importer import markdown, plain, reader, run
from tests.conftest import ROOT
from tests.importer.documents import runs_of_html, write_docx
from tests.render.goldens import ENTRY_TYPES, INPUTS

SOURCES = [ROOT / "library.bib", *(INPUTS / f"{name}.bib" for name in ENTRY_TYPES)]
APA = render.find("apa")
#: Vancouver also reads back its punctuation cases (one-part names, undated works).
VANCOUVER = [*SOURCES, INPUTS / "vancouver_punctuation.bib"]


def _again(imported: run.ImportedList, fmt: str) -> str:
    library = parse.loads(imported.bibtex(), "imported.bib")
    assert not library.failures
    return render.render(library.entries, APA, fmt)


@pytest.mark.parametrize("source", SOURCES, ids=[path.stem for path in SOURCES])
def test_plain_text_round_trip(source: Path) -> None:
    rendered = render.render(parse.load(source).entries, APA, "text")
    imported = run.read(plain.read("list.txt", rendered))
    assert len(imported.references) == len(parse.load(source).entries)
    assert _again(imported, "text") == rendered


@pytest.mark.parametrize("source", SOURCES, ids=[path.stem for path in SOURCES])
def test_markdown_round_trip_keeps_italics(source: Path) -> None:
    rendered = render.render(parse.load(source).entries, APA, "markdown")
    imported = run.read(markdown.read("list.md", rendered))
    assert _again(imported, "markdown") == rendered


@pytest.mark.parametrize("source", SOURCES, ids=[path.stem for path in SOURCES])
def test_word_round_trip_keeps_italic_runs(source: Path, tmp_path: Path) -> None:
    entries = parse.load(source).entries
    paragraphs = runs_of_html(render.render(entries, APA, "html"))
    path = write_docx(tmp_path / "list.docx", paragraphs, ("Main text.",), "References")
    imported = run.read(reader.read(path))
    # Compared as Markdown, which shows the italics (HTML also shows the keys).
    assert _again(imported, "markdown") == render.render(entries, APA, "markdown")


@pytest.mark.parametrize("source", VANCOUVER, ids=[path.stem for path in VANCOUVER])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_vancouver_list_round_trip(source: Path, fmt: str) -> None:
    vancouver = render.find("vancouver")
    entries = parse.load(source).entries
    rendered = render.render(entries, vancouver, fmt)
    document = (
        plain.read("list.txt", rendered)
        if fmt == "text"
        else markdown.read("list.md", rendered)
    )
    imported = run.read(document, "vancouver")
    assert len(imported.references) == len(entries)
    assert not [r.reading.troubles for r in imported.references if r.reading.troubles]
    again = parse.loads(imported.bibtex(), "imported.bib").entries
    assert render.render(again, vancouver, fmt) == rendered
