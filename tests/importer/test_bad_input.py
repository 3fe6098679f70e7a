"""Hostile and odd documents: a clear message or a @misc with a problem, no crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from citeman import parse
from citeman.errors import InputError
from citeman.importer import markdown, plain, run
from tests.conftest import run as run_cli


def test_ten_thousand_references(workdir: Path) -> None:
    lines = [
        f"Author{index:05d}, A. B., & Other, C. ({1900 + index % 120}). Title number"
        f" {index}. Journal of Tests, {index % 90 + 1}(2), {index}–{index + 9}."
        for index in range(10_000)
    ]
    (workdir / "big.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run_cli("import", "big.txt")
    assert (code, err, out.count("\n@article{")) == (0, "", 9_999)
    assert out.rstrip().endswith("pages   = {9999--10008}\n}")


def test_garbage_lines_become_misc_entries_with_their_line(workdir: Path) -> None:
    (workdir / "refs.txt").write_text(
        "References\n"
        "Kopta, S. M. (1994). Patterns of recovery. Journal of Tests, 62(5), 1–9.\n"
        "%%%% ))))( [[[ ***\n"
        "\x07\x1b[31m not text \u202e\ufeff\n"
        "(2020). (2021).\n",
        encoding="utf-8",
    )
    code, out, err = run_cli("import", "refs.txt")
    entries = parse.loads(out, "x.bib").entries
    assert code == 1 and [entry.type for entry in entries][:3] == [
        "article",
        "misc",
        "misc",
    ]
    assert entries[1].get("note") == r"\%\%\%\% ))))( [[[ ***"
    assert [line.split(": ")[0] for line in err.splitlines()][:2] == [
        "refs.txt:3:1", "refs.txt:4:1",
    ]  # fmt: skip
    assert "Traceback" not in err


def test_mixed_styles_each_reference_is_kept(workdir: Path) -> None:
    (workdir / "refs.md").write_text(
        "# Bibliography\n\n"
        "1. Lee, A. (2020). *A book*. Example Press.\n"
        "2. Halpern SD, Ubel PA. Solid-organ transplantation. N Engl J Med."
        " 2002;347(4):284-7.\n",
        encoding="utf-8",
    )
    code, out, err = run_cli("import", "refs.md")
    entries = parse.loads(out, "x.bib").entries
    assert code == 1 and [entry.type for entry in entries] == ["book", "misc"]
    assert "Halpern SD" in entries[1].get("note")
    assert err.startswith("refs.md:4:4: anonymous: cannot read this reference")
    code, out, _ = run_cli("import", "refs.md", "--style", "vancouver")
    halpern = parse.loads(out, "x.bib").entries[1]
    assert (halpern.type, halpern.get("journal"), halpern.get("pages")) == (
        "article", "N Engl J Med", "284--7",
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.booleans())
def test_any_text_is_read_or_refused_in_one_line(text: str, is_markdown: bool) -> None:
    document = markdown.read("x.md", text) if is_markdown else plain.read("x.txt", text)
    try:
        imported = run.read(document)
    except InputError as error:
        assert "\n" not in str(error)
        return
    library = parse.loads(imported.bibtex(), "x.bib")
    assert len(library.entries) == len(imported.references)
    assert not library.failures
    for reference in imported.references:
        for trouble in reference.reading.troubles:
            assert 0 <= trouble.start <= trouble.end <= len(reference.block.text)
            imported.span(reference, trouble.start, trouble.end)


def test_a_huge_reference_is_checked_without_quadratic_work(workdir: Path) -> None:
    title = "Word " * 50_000
    (workdir / "huge.txt").write_text(
        f"Smith, A. (2020). {title}. Journal of Tests, 1(2), 3.\n", encoding="utf-8"
    )
    code, out, _ = run_cli("check", "huge.txt", "--no-config", "--select", "CM601")
    assert code == 1
    assert out.startswith('huge.txt:1:24: CM601 [reference-style] written "Word Word')
