"""``citeman import``: the seed list, outputs, exit codes and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citeman import parse
from tests.conftest import DATA, ROOT, run
from tests.importer.documents import write_docx

SEED = DATA / "importer" / "seed-reference-list.txt"


def _facts(path_or_text: Path | str) -> list[tuple[str, dict[str, str]]]:
    library = (
        parse.load(path_or_text)
        if isinstance(path_or_text, Path)
        else parse.loads(path_or_text, "imported.bib")
    )
    return [
        (entry.type, {name: field.value for name, field in entry.fields.items()})
        for entry in library.entries
    ]


def test_seed_list_imports_to_the_facts_of_library_bib() -> None:
    code, out, err = run("import", str(SEED))
    assert (code, err) == (0, "")
    assert _facts(out) == _facts(ROOT / "library.bib")
    keys = [entry.key for entry in parse.loads(out, "x.bib").entries]
    assert keys[:3] == ["hirschfeld2024", "bellis2014", "gamieldien2021"]
    assert keys[8] == "santesteban2017"


def test_json_gives_every_reference_with_its_reading() -> None:
    code, out, _ = run("import", str(SEED), "--format", "json")
    items = json.loads(out)
    assert code == 0 and len(items) == 10
    first = items[0]
    assert set(first) == {"index", "text", "key", "type", "fields", "confidence",
                          "problems"}  # fmt: skip
    assert first["index"] == 1 and first["key"] == "hirschfeld2024"
    assert first["type"] == "article"
    assert first["text"].startswith("Hirschfeld, R., Steen, S.")
    assert first["fields"]["pages"] == "132--152"
    assert items[9]["type"] == "techreport" and items[9]["confidence"] < 1


def test_output_file_is_written_and_never_an_input(workdir: Path) -> None:
    source = workdir / "refs.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run("import", "refs.txt", "-o", "refs.bib")
    assert (code, out) == (0, "")
    assert err == "wrote 10 entries to refs.bib\n"
    assert len(parse.load(workdir / "refs.bib").entries) == 10
    before = source.read_bytes()
    code, _, err = run("import", "refs.txt", "-o", "./refs.txt")
    assert (code, err) == (
        2,
        "citeman: error: -o refs.txt: is the input refs.txt; writing it would"
        " destroy it, so name another file\n",
    )
    assert source.read_bytes() == before


def test_unplaced_part_goes_to_note_and_is_reported(workdir: Path) -> None:
    (workdir / "refs.md").write_text(
        "# References\n\n"
        "- Lee, A. (2020). *A book* (2nd ed., Spec. 9). Example Press.\n"
        "- This line is not a reference at all\n",
        encoding="utf-8",
    )
    code, out, err = run("import", "refs.md")
    assert code == 1
    entries = parse.loads(out, "x.bib").entries
    assert entries[0].get("note") == "Spec. 9" and entries[0].get("edition") == "2"
    assert entries[1].type == "misc"
    assert entries[1].get("note") == "This line is not a reference at all"
    assert err.splitlines() == [
        "refs.md:3:38: lee2020: unknown detail after the title:"
        ' "Spec. 9" (kept in note)',
        "refs.md:4:3: anonymous: cannot read this reference: no date element such as"
        ' (2020). was found: "This line is not a reference at all" (kept in note)',
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty: there is no reference to import"),
        ("\n\n  \n", "is empty: there is no reference to import"),
        ("Just some prose.\nNo list here.\n", "has no reference list"),
    ],
    ids=["empty", "blank-lines", "prose-only"],
)
def test_bad_documents_get_one_line_and_exit_2(
    workdir: Path, content: str, message: str
) -> None:
    (workdir / "doc.txt").write_text(content, encoding="utf-8")
    code, out, err = run("import", "doc.txt")
    assert (code, out) == (2, "")
    assert err.startswith("citeman: error: doc.txt: ") and message in err
    assert len(err.splitlines()) == 1


def test_not_a_word_file_is_an_input_error(workdir: Path) -> None:
    (workdir / "fake.docx").write_bytes(b"not a zip at all")
    code, _, err = run("import", "fake.docx")
    assert code == 2 and err.startswith("citeman: error: fake.docx: is not a readable")


def test_word_file_after_a_heading(workdir: Path) -> None:
    runs = [[("Kopta, S. M. (1994). Patterns of recovery. ", False),
             ("Journal of Psychology", True), (", ", False), ("62", True),
             ("(5), 1009–1016.", False)]]  # fmt: skip
    write_docx(workdir / "paper.docx", runs, ("Intro (Smith, 2020).",), "References")
    code, out, _ = run("import", "paper.docx")
    entry = parse.loads(out, "x.bib").entries[0]
    assert code == 0 and (entry.key, entry.type) == ("kopta1994", "article")
    assert entry.get("journal") == "Journal of Psychology"
    assert entry.get("pages") == "1009--1016"


def test_standard_input(workdir: Path) -> None:
    from click.testing import CliRunner

    from citeman.cli import main

    result = CliRunner().invoke(main, ["import", "-"], input=SEED.read_text("utf-8"))
    assert result.exit_code == 0
    assert len(parse.loads(result.stdout, "x.bib").entries) == 10


def test_zip_bomb_is_refused() -> None:
    code, out, err = run("import", str(DATA / "hostile" / "bomb.docx"))
    assert (code, out) == (2, "")
    assert "would unpack to" in err and len(err.splitlines()) == 1


def test_the_list_ends_at_the_next_section_of_a_plain_text_manuscript(
    workdir: Path,
) -> None:
    (workdir / "paper.txt").write_text(
        "Results were mixed (Lee, 2020).\n\nReferences\n\n"
        "Lee, A. (2020). A book. Example Press.\n\n"
        "Appendix A\n\nThe questionnaire (2021). It had ten items.\n",
        encoding="utf-8",
    )
    code, out, err = run("import", "paper.txt")
    assert (code, err) == (0, "")
    assert [entry.key for entry in parse.loads(out, "x.bib").entries] == ["lee2020"]
