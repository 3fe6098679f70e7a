"""``citeman check`` on formatted lists: every rule, positions in the document."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import DATA, ROOT, run
from tests.importer.documents import write_docx

SEED = DATA / "importer" / "seed-reference-list.txt"


def _findings(path: str) -> list[dict[str, object]]:
    _, out, _ = run("check", path, "--no-config", "--format", "json")
    return json.loads(out)


def test_seed_list_has_the_defects_of_library_bib_plus_cm601() -> None:
    from_bib = [
        (p["code"], p["key"], p["field"]) for p in _findings(str(ROOT / "library.bib"))
    ]
    from_list = _findings(str(SEED))
    assert [(p["code"], p["key"], p["field"]) for p in from_list
            if p["code"] != "CM601"] == from_bib  # fmt: skip
    style = [
        (p["key"], p["line"], p["message"]) for p in from_list if p["code"] == "CM601"
    ]
    assert style == [
        ("bellis2014", 2, 'written "72. 2" where APA 7 prints "72."'),
        (
            "gamieldien2021",
            3,
            'written "e045005." where APA 7 prints "Article e045005."',
        ),
        ("leichsenring2013", 6, 'written "Emerging" where APA 7 prints "emerging"'),
        ("stansfeld2016", 10, 'written "Mental" where APA 7 prints "mental"'),
    ]


def test_positions_point_into_the_document() -> None:
    code, out, _ = run("check", str(SEED), "--no-config", "--select", "CM201,CM207")
    assert code == 1
    assert out.splitlines()[:2] == [
        f"{SEED}:2:234: CM201 [stray-characters] remove the stray"
        ' ". 2" after pages "72"',
        f'{SEED}:3:223: CM207 [article-number] put the article number "e045005" in eid,'
        ' not pages; APA prints "Article e045005"',
    ]
    line = SEED.read_text(encoding="utf-8").splitlines()[1]
    assert line[233:238] == "72. 2"


def test_word_list_reports_paragraph_and_missing_italics(workdir: Path) -> None:
    runs = [[("Kopta, S. M., & Howard, K. I. (1994). Patterns of recovery."
              " Journal of Psychology, 62(5), 1009–1016.", False)]]  # fmt: skip
    write_docx(workdir / "paper.docx", runs, ("Intro.",), "References")
    code, out, _ = run("check", "paper.docx", "--no-config", "--select", "CM601")
    assert code == 1
    assert out.splitlines()[0] == (
        'paper.docx:3:61: CM601 [reference-style] "Journal of Psychology" is not in'
        " italics; APA 7 sets it in italics"
    )


def test_markdown_list_as_apa_prints_it_is_clean(workdir: Path) -> None:
    (workdir / "refs.md").write_text(
        "## References\n\n"
        "1. Kopta, S. M., & Howard, K. I. (1994). Patterns of recovery."
        " *Journal of Psychology*, *62*(5), 1009–1016."
        " https://doi.org/10.1037/0022-006X.62.5.1009\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", "refs.md", "--no-config", "--select", "CM1,CM2,CM6")
    assert (code, out) == (0, "No problems found.\n")


def test_an_unreadable_document_is_named_and_the_rest_checked(workdir: Path) -> None:
    (workdir / "empty.md").write_text("", encoding="utf-8")
    code, out, err = run("check", "empty.md", str(SEED), "--no-config",
                         "--select", "CM207")  # fmt: skip
    assert code == 2
    assert err == (
        "citeman: error: empty.md: is empty: there is no reference to import\n"
    )
    assert "CM207 [article-number]" in out
