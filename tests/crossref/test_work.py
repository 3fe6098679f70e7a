"""Crossref and DataCite JSON to Work: the fields citeman compares, read defensively."""

from __future__ import annotations

import json

import pytest

from citeman.errors import OnlineError
from citeman.online.crossref import message, parse_agency, parse_items, parse_work
from citeman.online.datacite import parse_doi
from tests.crossref.fake import WORKS, Corpus
from tests.crossref.fake_datacite import DataCiteCorpus

CORPUS = Corpus.load()


def test_singleton_of_a_verified_record() -> None:
    body = CORPUS.work_body("10.1136/BMJOPEN-2020-045005")
    work = parse_work(message(body, "work"))
    assert work.doi == "10.1136/bmjopen-2020-045005"
    assert work.families == ("Gamieldien", "Galvaan", "Myers", "Syed", "Sorsdahl")
    assert (work.print_year, work.volume, work.page) == (2021, "11", "e045005")
    assert work.container == "BMJ Open"


def test_print_year_comes_before_a_later_online_date() -> None:
    work = parse_work(message(CORPUS.work_body("10.1192/bjp.bp.110.082776"), "work"))
    assert work.print_year == 2011
    assert work.years == {2011, 2018}


def test_organisation_authors_and_subtitles() -> None:
    work = parse_work(
        {
            "DOI": "10.5555/x",
            "title": ["Main"],
            "subtitle": ["A subtitle"],
            "author": [{"name": "The Group", "sequence": "first"}, {"given": "Only"}],
            "issued": {"date-parts": [[None]]},
            "volume": 7,
        }
    )
    assert (work.title, work.families) == ("Main: A subtitle", ("The Group",))
    assert (work.print_year, work.years, work.volume) == (None, frozenset(), "7")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param([], id="not-an-object"),
        pytest.param({"status": "failed", "message-type": "work"}, id="failed"),
        pytest.param({"status": "ok", "message-type": "work-list"}, id="wrong-type"),
    ],
)
def test_unexpected_envelopes_are_lookup_failures(body: object) -> None:
    with pytest.raises(OnlineError):
        message(body, "work")


@pytest.mark.parametrize(
    "item",
    [
        pytest.param({"title": ["no DOI"]}, id="no-doi"),
        pytest.param({"DOI": 10}, id="doi-not-a-string"),
        pytest.param("10.5555/x", id="not-an-object"),
    ],
)
def test_a_work_without_a_doi_is_malformed(item: object) -> None:
    with pytest.raises(OnlineError, match="without a DOI"):
        parse_work(item)


def test_list_items_and_agency() -> None:
    works = parse_items(CORPUS.search_body("Kopta Patterns of symptomatic recovery", 2))
    assert works[0].doi == "10.1037/0022-006X.62.5.1009"
    assert len(works) == 2
    assert parse_agency(CORPUS.agency_body("10.5281/zenodo.5555555")) == "datacite"
    with pytest.raises(OnlineError, match="without items"):
        parse_items({"status": "ok", "message-type": "work-list", "message": {}})
    with pytest.raises(OnlineError, match="agency id"):
        parse_agency({"status": "ok", "message-type": "work-agency", "message": {}})


def test_every_recorded_work_parses() -> None:
    recorded = json.loads(WORKS.read_text(encoding="utf-8"))["works"]
    assert [parse_work(item).doi for item in recorded] == [
        item["DOI"] for item in recorded
    ]


def test_update_notices_and_preprint_relations_are_read() -> None:
    retracted = parse_work(
        message(CORPUS.work_body("10.5555/verify.retracted.2019"), "work")
    )
    (notice,) = retracted.updates
    assert (notice.doi, notice.type, notice.date, notice.source) == (
        "10.5555/verify.retraction-notice.2021", "retraction", "2021-03-02",
        "retraction-watch",
    )  # fmt: skip
    preprint = parse_work(
        message(CORPUS.work_body("10.5555/verify.preprint.2020"), "work")
    )
    assert preprint.preprint and preprint.published_as == (
        "10.5555/verify.published.2021",
    )
    journal = parse_work(
        message(CORPUS.work_body("10.5555/verify.published.2021"), "work")
    )
    assert not journal.preprint and journal.published_as == ()  # has-preprint ignored


@pytest.mark.parametrize(
    ("updated_by", "expected"),
    [
        ("retraction", []),
        ([None, 3, {"type": "retraction"}, {"DOI": "10.5555/x"}], []),
        ([{"DOI": "10.5555/x", "type": "Retraction",
           "updated": {"date-parts": "2021"}}], [("10.5555/x", "retraction", "")]),
    ],
)  # fmt: skip
def test_odd_notices_are_skipped_or_undated(
    updated_by: object, expected: list[tuple[str, str, str]]
) -> None:
    work = parse_work({"DOI": "10.5555/w", "updated-by": updated_by})
    assert [(u.doi, u.type, u.date) for u in work.updates] == expected


def test_datacite_records_read_defensively() -> None:
    body = DataCiteCorpus.load().doi_body("10.48550/ARXIV.2403.99999")
    work = parse_doi(body)
    assert (work.title, work.families, work.print_year, work.preprint) == (
        "Sparse attention for long protein sequences", ("Lindqvist",), 2024, True,
    )  # fmt: skip
    assert "10.5555/verify.protein-attention.2025" in work.published_as
    for broken in ({}, {"data": []}, {"data": {"attributes": {"doi": 5}}}, []):
        with pytest.raises(OnlineError, match="datacite sent a record"):
            parse_doi(broken)
    odd = parse_doi({"data": {"attributes": {"doi": "10.5281/z", "titles": "x",
                                             "creators": [1, {"name": "Org"}],
                                             "publicationYear": "n/a"}}})  # fmt: skip
    assert (odd.title, odd.families, odd.print_year) == ("", ("Org",), None)
