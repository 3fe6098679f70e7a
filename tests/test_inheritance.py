"""crossref and xdata: what a child takes from its parent, as BibTeX and biber do."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeman import parse
from citeman.inheritance import resolve
from tests.conftest import DATA, run

LIBRARY = DATA / "inheritance" / "library.bib"


@pytest.fixture(scope="module")
def resolved() -> dict[str, dict[str, str]]:
    entries = resolve(parse.load(LIBRARY).entries)
    return {
        entry.key: {n: f.value for n, f in entry.fields.items()} for entry in entries
    }


def test_a_paper_takes_its_proceedings_title_editors_publisher_and_year(
    resolved: dict[str, dict[str, str]],
) -> None:
    paper = resolved["paper"]
    assert paper["booktitle"] == "Proceedings of the Workshop on Bibliographies"
    assert paper["title"] == "Fast parsing of bibliographies"
    assert (paper["editor"], paper["publisher"], paper["year"]) == (
        "Cole, Dan", "Example Press", "2020",
    )  # fmt: skip
    assert "doi" not in paper  # the proceedings' DOI is not the paper's


def test_the_childs_own_fields_win(resolved: dict[str, dict[str, str]]) -> None:
    chapter = resolved["chapter"]
    assert chapter["booktitle"] == "Its own book title"
    assert chapter["editor"] == "Hart, Fay"


def test_xdata_fields_are_lent_as_they_are_and_pass_down_the_chain(
    resolved: dict[str, dict[str, str]],
) -> None:
    assert resolved["book"]["address"] == "London"
    assert resolved["chapter"]["address"] == "London"
    assert "xdata" not in resolved["chapter"]


def test_a_volume_takes_its_multivolume_works_title_as_maintitle(
    resolved: dict[str, dict[str, str]],
) -> None:
    volume = resolved["volume"]
    assert volume["maintitle"] == "The art of computer programming"
    assert volume["title"] == "Seminumerical algorithms"
    assert volume["year"] == "1981"


def test_a_cycle_ends(resolved: dict[str, dict[str, str]]) -> None:
    assert resolved["loop1"]["journal"] == "Circular Journal"
    assert resolved["loop2"]["title"] == "Two"


def test_entries_without_links_are_the_same_objects() -> None:
    entries = parse.load(LIBRARY).entries
    assert resolve(entries)[1] is entries[1]


def test_a_long_chain_is_followed_only_so_far() -> None:
    chain = "\n".join(
        f"@misc{{e{n}, title = {{T{n}}}, crossref = {{e{n + 1}}}}}" for n in range(2000)
    )
    library = parse.loads(chain + "\n@misc{e2000, year = {1999}}")
    entries = resolve(library.entries)
    assert entries[1995].get("year") == "1999"
    assert entries[0].get("year") == ""


def test_render_prints_the_inherited_book_element() -> None:
    code, out, err = run("render", str(LIBRARY), "--keys", "paper")
    assert (code, err) == (0, "")
    assert out == (
        "Lee, A., & Park, B. (2020). Fast parsing of bibliographies. In D. Cole (Ed.), "
        "Proceedings of the Workshop on Bibliographies (pp. 10–20). Example Press.\n"
    )


def test_cite_takes_the_inherited_year() -> None:
    code, out, err = run("cite", "--bib", str(LIBRARY), "paper", "volume")
    assert (code, err) == (0, "")
    # The volume and its multivolume work are two Knuth 1981 works: letters.
    assert out == "(Knuth, 1981b; Lee & Park, 2020)\n"


def test_render_leaves_out_xdata_containers() -> None:
    code, out, _ = run("render", str(LIBRARY))
    assert code == 0
    assert "From xdata" not in out
    assert len([line for line in out.splitlines() if line]) == 8


def test_audit_reads_the_inherited_year(tmp_path: Path) -> None:
    manuscript = tmp_path / "paper.md"
    manuscript.write_text("As shown (Lee & Park, 2020), it is fast (Knuth, 1981b).\n")
    code, out, _ = run("audit", str(manuscript), "--bib", str(LIBRARY))
    assert code == 1
    assert "CM503" not in out
    assert "CM504" not in out
    assert '"house"' not in out
    assert f"{LIBRARY}:8:1: CM502 [reference-not-cited]" in out
