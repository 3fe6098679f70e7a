"""``citeman import --online`` against the fake Crossref: certain DOIs, differences."""

from __future__ import annotations

import shutil
from pathlib import Path

from citeman import parse
from tests.conftest import DATA
from tests.crossref.conftest import Crossref
from tests.crossref.test_cli_online import CERTAIN, FAST, run

SEED = DATA / "importer" / "seed-reference-list.txt"


def test_import_online_adds_exactly_the_certain_dois(
    crossref: Crossref, workdir: Path, cache_dir: Path
) -> None:
    shutil.copy(SEED, workdir / "refs.txt")
    code, out, err = run(crossref.url, cache_dir, "import", "refs.txt", "--online",
                         *FAST[:-1])  # fmt: skip
    entries = parse.loads(out, "refs.bib").entries
    dois = {entry.key: entry.get("doi") for entry in entries if entry.get("doi")}
    assert dois == CERTAIN
    assert [entry.key for entry in entries][:2] == ["hirschfeld2024", "bellis2014"]
    # The fake Crossref holds no record resembling these two (CM307).
    found = [line.split(" [")[0] for line in err.splitlines()]
    assert (code, found) == (1, [
        "refs.txt:1:1: hirschfeld2024: CM307", "refs.txt:8:1: lindfors2015: CM307",
    ])  # fmt: skip


def test_import_online_reports_what_crossref_does_not_confirm(
    crossref: Crossref, workdir: Path, cache_dir: Path
) -> None:
    text = SEED.read_text(encoding="utf-8")
    (workdir / "refs.txt").write_text(text.replace("(2011)", "(2009)"), "utf-8")
    code, out, err = run(crossref.url, cache_dir, "import", "refs.txt", "--online",
                         *FAST[:-1])  # fmt: skip
    entries = parse.loads(out, "refs.bib").entries
    assert code == 1
    assert entries[6].key == "leichsenring2009" and not entries[6].get("doi")
    assert entries[6].get("year") == "2009"  # the list's year is kept, not corrected
    assert err.splitlines()[0] == (
        "refs.txt:7:32: leichsenring2009: CM304 [doi-mismatch] the work this"
        ' resembles (doi 10.1192/bjp.bp.110.082776) differs: year "2009" in the'
        ' list, "2011" registered'
    )


def test_import_online_without_a_server_exits_2(workdir: Path, cache_dir: Path) -> None:
    shutil.copy(SEED, workdir / "refs.txt")
    code, out, err = run("http://127.0.0.1:9", cache_dir, "import", "refs.txt",
                         "--online", *FAST[:-1])  # fmt: skip
    assert code == 2
    assert len(parse.loads(out, "refs.bib").entries) == 10
    assert "cannot connect" in err or "not verified" in err
