"""Matching an entry against Crossref candidates: the traps of known-metadata.json."""

from __future__ import annotations

import pytest

from citeman import parse
from citeman.online import reference
from citeman.online.crossref import message, parse_work
from citeman.online.match import MatchResult, choose, compare
from citeman.online.work import Work
from tests.conftest import ROOT
from tests.crossref.fake import Corpus

CORPUS = Corpus.load()
LIBRARY = {entry.key: entry for entry in parse.load(ROOT / "library.bib").entries}

REVIEW = "10.1136/bmjopen-2020-045005"
PROTOCOL = "10.1136/bmjopen-2019-032912"


def work(doi: str) -> Work:
    return parse_work(message(CORPUS.work_body(doi), "work"))


def chosen(key: str, *dois: str) -> MatchResult:
    return choose(reference.from_entry(LIBRARY[key]), [work(doi) for doi in dois])


def test_review_is_chosen_over_its_protocol_whatever_the_order() -> None:
    for order in ((REVIEW, PROTOCOL), (PROTOCOL, REVIEW)):
        result = chosen("gamieldien2021", *order)
        assert (result.work and result.work.doi, result.reason) == (REVIEW, "")
        assert result.confidence == 1.0


def test_protocol_alone_is_rejected_with_the_reason() -> None:
    result = chosen("gamieldien2021", PROTOCOL)
    assert result.confidence == 0.0
    assert result.reason == (
        f'best candidate {PROTOCOL} rejected: title "…(SMI) in low-income and'
        ' middle-income countries …", entry has "…(SMI) in low/middle-income'
        ' countries (LMICs): A …"'
    )


def test_protocol_differs_in_volume_and_article_number() -> None:
    differences = compare(
        reference.from_entry(LIBRARY["gamieldien2021"]), work(PROTOCOL)
    )
    assert [(d.field, d.entry, d.registered) for d in differences] == [
        ("title", LIBRARY["gamieldien2021"].get("title"), work(PROTOCOL).title),
        ("volume", "11", "10"),
        ("pages", "e045005", "e032912"),
    ]


def test_generic_title_by_other_authors_or_uncorroborated_is_rejected() -> None:
    jenkins = "10.5555/decoy.common-mental-disorders.1997"
    chapter = "10.5555/decoy.common-mental-disorders.2016"
    assert chosen("stansfeld2016", jenkins).confidence == 0.0
    result = chosen("stansfeld2016", chapter, jenkins)
    assert result.reason == f"{chapter} agrees only in title, author and year"
    assert result.confidence == 0.6


def test_published_online_years_later_is_tolerated() -> None:
    result = chosen("leichsenring2011", "10.1192/bjp.bp.110.082776")
    assert (result.reason, result.confidence) == ("", 1.0)


def test_article_number_with_a_stray_marker() -> None:
    assert reference.from_entry(LIBRARY["bellis2014"]).first_page == "72"
    result = chosen("bellis2014", "10.1186/1741-7015-12-72")
    assert (result.reason, result.confidence) == ("", 1.0)


def test_accents_hyphens_and_the_in_journal_names() -> None:
    correction = "10.5555/decoy.correction-lancet-public-health.2020"
    result = chosen("kivimaki2020", correction, "10.1016/S2468-2667(19)30248-8")
    assert result.work is not None and result.work.doi.endswith("30248-8")
    assert result.reason == ""


def test_two_equally_good_candidates_are_ambiguous() -> None:
    twin = work("10.1037/0022-006X.62.5.1009")
    other = Work(
        **{**{f: getattr(twin, f) for f in twin.__slots__}, "doi": "10.5555/twin"}
    )
    result = choose(reference.from_entry(LIBRARY["kopta1994"]), [twin, other])
    assert result.reason == (
        "10.1037/0022-006X.62.5.1009 and 10.5555/twin fit about equally well"
    )


def test_no_candidates() -> None:
    assert choose(reference.from_entry(LIBRARY["kopta1994"]), []) == MatchResult(
        None, 0.0, "crossref returned no candidates"
    )


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("bellis2014", "Bellis Hughes Leckenby 2014 National household survey of"),
        ("kivimaki2020", "Kivimäki Batty Pentti 2020 Association between"),
        ("stansfeld2016", "Stansfeld Clark Bebbington 2016 Common Mental Disorders"),
    ],
)
def test_query_text_is_the_citation(key: str, expected: str) -> None:
    assert reference.query_text(LIBRARY[key]).startswith(expected)


def test_rules_never_load_requests_or_click() -> None:
    import subprocess
    import sys

    code = (
        "import sys, citeman.rules, citeman.lint;"
        "print(sorted({'requests', 'click', 'requests_cache'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout == "[]\n", out.stderr


def test_biblatex_journaltitle_and_date_are_read() -> None:
    entry = parse.loads(
        "@article{k, author = {Kopta, S. M.}, date = {1994-10},"
        " journaltitle = {Journal of Consulting and Clinical Psychology},"
        " title = {Patterns of symptomatic recovery in psychotherapy}}\n",
        "k.bib",
    ).entries[0]
    cited = reference.from_entry(entry)
    assert (cited.year, cited.container) == (
        1994,
        "Journal of Consulting and Clinical Psychology",
    )
    assert "1994" in reference.query_text(entry)
