"""``citeman lookup``: candidates, confidence and field-by-field reasons (issue 13)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeman.cli import main
from tests.conftest import ROOT
from tests.crossref.conftest import Crossref

FAST = ["--retries", "0", "--timeout", "0.5", "--no-config", "--no-cache"]
KOPTA = (
    "Kopta, S. M., Howard, K. I., Lowry, J. L., & Beutler, L. E. (1994). Patterns of"
    " symptomatic recovery in psychotherapy. Journal of Consulting and Clinical"
    " Psychology, 62(5), 1009-1016."
)


@pytest.fixture
def library(workdir: Path) -> Path:
    return Path(shutil.copy(ROOT / "library.bib", workdir / "library.bib"))


def lookup(crossref: Crossref, *args: str) -> tuple[int, str, str]:
    env = {"CITEMAN_CROSSREF_URL": crossref.url}
    result = CliRunner().invoke(main, ["lookup", *args, *FAST], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_an_entry_with_a_confident_match(crossref: Crossref, library: Path) -> None:
    code, out, err = lookup(crossref, "kopta1994")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == [
        "lookup: kopta1994 (library.bib)",
        "query: Kopta Howard Lowry 1994 Patterns of symptomatic recovery in"
        " psychotherapy Journal of Consulting and Clinical Psychology",
        "1. 10.1037/0022-006X.62.5.1009  confidence 1.00  accepted: a confident"
        " match: CM305 adds this DOI",
    ]
    assert lines[4] == '   author   agrees           Kopta; reference: "Kopta"'
    assert lines[8] == '   pages    agrees           1009; reference: "1009"'
    assert out.count("  rejected: ") == 4  # the other candidates, each with why


def test_an_entry_without_a_confident_match_says_why(
    crossref: Crossref, library: Path
) -> None:
    code, out, _ = lookup(crossref, "stansfeld2016")
    assert code == 1
    assert (
        "1. 10.5555/decoy.common-mental-disorders.2016  confidence 0.60  rejected:"
        " 10.5555/decoy.common-mental-disorders.2016 agrees only in title, author"
        " and year\n" in out
    )
    assert "   journal  not stated       A Decoy Handbook of Epidemiology\n" in out
    assert '   author   differs          Jenkins; reference: "Stansfeld"\n' in out


def test_min_confidence_is_the_threshold(crossref: Crossref, workdir: Path) -> None:
    (workdir / "k.bib").write_text(
        "@article{k, author = {Kopta, S. M.}, title = {Patterns of symptomatic"
        " recovery in psychotherapy}, year = {1994}, journal = {J Consult Clin"
        " Psychol}}\n",
        encoding="utf-8",
    )
    code, out, _ = lookup(crossref, "k", "--bib", "k.bib")
    assert code == 0 and "confidence 0.90  accepted" in out
    code, out, _ = lookup(crossref, "k", "--bib", "k.bib", "--min-confidence", "0.99")
    assert code == 1
    assert (
        "1. 10.1037/0022-006X.62.5.1009  confidence 0.90  rejected: confidence 0.90"
        " is below 0.99\n" in out
    )


def test_free_text(crossref: Crossref, workdir: Path) -> None:
    code, out, _ = lookup(crossref, KOPTA)
    assert code == 0
    assert out.splitlines()[:4] == [
        "lookup: the text given",
        f"query: {KOPTA}",
        "1. 10.1037/0022-006X.62.5.1009  confidence 1.00  accepted: title, author,"
        " year and a locator appear in the text",
        "   title    in the text      Patterns of symptomatic recovery in"
        " psychotherapy.",
    ]
    assert "rejected: not in the text: title, author, year, journal" in out


def test_json(crossref: Crossref, library: Path) -> None:
    code, out, _ = lookup(crossref, "gamieldien2021", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert (report["key"], report["file"]) == ("gamieldien2021", "library.bib")
    best, *others = report["candidates"]
    assert (best["doi"], best["accepted"]) == ("10.1136/bmjopen-2020-045005", True)
    protocol = next(c for c in others if c["doi"] == "10.1136/bmjopen-2019-032912")
    assert protocol["accepted"] is False
    title = next(f for f in protocol["fields"] if f["field"] == "title")
    assert title["verdict"] == "differs" and title["similarity"] < 1
    assert {f["field"] for f in best["fields"]} == {
        "title", "author", "year", "journal", "volume", "pages"
    }  # fmt: skip


def test_a_failed_lookup_exits_2(crossref: Crossref, library: Path) -> None:
    crossref.fake.fault = "503"
    code, out, err = lookup(crossref, "kopta1994")
    assert (code, out) == (2, "")
    assert err == "citeman: error: crossref: crossref kept answering 503\n"


def test_a_key_no_file_holds_is_an_error(crossref: Crossref, library: Path) -> None:
    code, out, err = lookup(crossref, "kopta194")
    assert (code, out) == (2, "")
    assert err == (
        "citeman: error: no entry keyed 'kopta194' in library.bib; quote a reference"
        " to look it up as text\n"
    )
    assert crossref.fake.requests == 0
