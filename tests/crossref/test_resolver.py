"""Prefetching a library's lookups concurrently, within the limits, once each."""

from __future__ import annotations

import requests

from citeman import parse
from citeman.online.client import Client
from citeman.online.crossref import CrossrefSource
from citeman.online.resolver import Resolver, Unverified
from tests.conftest import ROOT
from tests.crossref.conftest import Crossref

LIBRARY = parse.load(ROOT / "library.bib")
WITH_DOIS = parse.loads(
    """@article{found, title = {T}, doi = {https://doi.org/10.1016/s2468-2667(19)30248-8}}
@article{datacite, title = {Data}, doi = {10.5281/zenodo.5555555}}
@article{unknown, title = {T}, doi = {10.1136/bmjopen-2020-999999}}
@article{junk, title = {T}, doi = {not a doi}}
""",
    "dois.bib",
)


def resolver(crossref: Crossref, **changes: object) -> Resolver:
    session = requests.Session()
    return Resolver(CrossrefSource(Client(session, crossref.settings(**changes))))


def test_searches_stay_within_the_concurrency_limit(crossref: Crossref) -> None:
    crossref.fake.concurrency, crossref.fake.latency = 2, 0.05
    found = resolver(crossref)
    found.prefetch(LIBRARY.entries)
    assert (crossref.fake.requests, crossref.fake.crowded) == (10, 0)
    assert found.unverified == []
    kopta = next(entry for entry in LIBRARY.entries if entry.key == "kopta1994")
    result = found.match(kopta)
    assert result is not None and result.work is not None
    assert result.work.doi == "10.1037/0022-006X.62.5.1009"


def test_records_and_agencies(crossref: Crossref) -> None:
    found = resolver(crossref)
    assert found.count(WITH_DOIS.entries) == 3
    found.prefetch(WITH_DOIS.entries)
    record = found.record("10.1016/S2468-2667(19)30248-8")
    assert (
        record is not None and record.work is not None and record.agency == "crossref"
    )
    assert found.record("10.5281/zenodo.5555555").agency == "datacite"  # type: ignore[union-attr]
    unknown = found.record("10.1136/bmjopen-2020-999999")
    assert unknown is not None and (unknown.work, unknown.agency) == (None, None)
    assert found.exists("10.5281/ZENODO.5555555")
    assert not found.exists("10.1136/bmjopen-2020-999999")
    # found: 1 request; datacite and unknown: the work, then its agency
    assert crossref.fake.requests == 5


def test_only_the_lookups_the_active_rules_need(crossref: Crossref) -> None:
    found = resolver(crossref)
    found.prefetch([*LIBRARY.entries, *WITH_DOIS.entries], dois=False)
    assert crossref.fake.requests == 10
    assert found.record("10.5281/zenodo.5555555") is None


def test_after_crossref_fails_the_rest_are_skipped(
    crossref: Crossref, closed_url: str
) -> None:
    found = resolver(crossref, base_url=closed_url, retries=0)
    found.prefetch(LIBRARY.entries)
    cause = f"cannot connect to {closed_url}: connection refused"
    assert found.unverified == [
        Unverified(LIBRARY.path, entry.key, cause)
        for entry in sorted(LIBRARY.entries, key=lambda entry: entry.key)
    ]


def test_one_malformed_answer_fails_one_lookup(crossref: Crossref) -> None:
    crossref.fake.fault, crossref.fake.fault_times = "truncated", 1
    found = resolver(crossref)
    found.prefetch(WITH_DOIS.entries[:1] + LIBRARY.entries[:2])
    assert [item.cause for item in found.unverified] == ["crossref sent malformed JSON"]
    assert crossref.fake.requests == 3


def test_the_time_limit_bounds_the_whole_run(crossref: Crossref) -> None:
    crossref.fake.latency, crossref.fake.concurrency = 0.4, 1
    found = resolver(crossref, time_limit=1.0, read_timeout=5.0)
    found.prefetch(LIBRARY.entries)
    causes = {item.cause for item in found.unverified}
    assert causes == {"the time limit for lookups ran out"}
    assert 5 <= len(found.unverified) <= 9
