"""Reading manuscripts: kinds, positions, Word documents and unreadable files."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from citeman.audit import manuscript
from citeman.audit.manuscript import Kind
from citeman.errors import InputError
from citeman.model import Span
from tests.audit.conftest import write_docx


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("paper.md", Kind.MARKDOWN),
        ("paper.Rmd", Kind.MARKDOWN),
        ("paper.qmd", Kind.MARKDOWN),
        ("paper.tex", Kind.LATEX),
        ("paper.docx", Kind.DOCX),
        ("paper.txt", Kind.TEXT),
        ("README", Kind.TEXT),
    ],
)
def test_kind_follows_the_extension(name: str, kind: Kind) -> None:
    assert manuscript.kind_of(name) is kind


def test_spans_are_one_based_and_cross_lines() -> None:
    paper = manuscript.from_text("p.txt", "ab\ncd (X,\n2001)\n", Kind.TEXT)
    assert paper.span(0, 1) == Span(1, 1, 1, 2)
    assert paper.span(6, 15) == Span(2, 4, 3, 6)


def test_bom_dropped_and_crlf_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes(b"\xef\xbb\xbfone\r\n(Smith, 2001)\r\n")
    paper = manuscript.read(path)
    assert paper.text == "one\r\n(Smith, 2001)\r\n"
    assert paper.span(5, 6) == Span(2, 1, 2, 2)


def test_docx_paragraphs_are_lines_and_runs_are_joined(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "p.docx", ["Title", ["Cited (Kopta ", "et al.", ", 1994)."], ""]
    )
    paper = manuscript.read(path)
    assert paper.kind is Kind.DOCX
    assert paper.text == "Title\nCited (Kopta et al., 1994).\n"


def test_docx_tables_line_breaks_and_links(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Before")
    cell = document.add_table(rows=1, cols=2).rows[0].cells
    cell[0].text = "(Smith, 2001)"
    cell[1].text = "(Jones, 2002)"
    broken = document.add_paragraph("one")
    broken.add_run().add_break()
    broken.add_run("two\tthree")
    document.save(str(tmp_path / "t.docx"))
    paper = manuscript.read(tmp_path / "t.docx")
    # A line break keeps its place as a space: columns stay offsets.
    assert paper.text.split("\n") == [
        "Before",
        "(Smith, 2001)",
        "(Jones, 2002)",
        "one two\tthree",
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        ("binary.txt", b"a\0b", "binary.txt: is a binary file, not a text manuscript"),
        (
            "latin1.md",
            "(M\u00fcller, 2001)".encode("latin-1"),
            "latin1.md: line 1: byte 0xfc is not UTF-8 (save the file as UTF-8)",
        ),
        ("fake.docx", b"not a zip", "fake.docx: is not a readable .docx file"),
    ],
    ids=["missing", "binary", "latin-1", "not-a-docx"],
)
def test_unreadable_manuscripts(
    workdir: Path, name: str, content: bytes | None, reason: str
) -> None:
    if content is not None:
        (workdir / name).write_bytes(content)
    with pytest.raises(InputError) as raised:
        manuscript.read(name)
    assert str(raised.value).startswith(reason)


def test_directory_is_not_a_manuscript(workdir: Path) -> None:
    with pytest.raises(InputError, match=r"^\.: is a directory, not a manuscript$"):
        manuscript.read(".")
