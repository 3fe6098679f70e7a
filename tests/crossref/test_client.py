"""The client against a fake Crossref on 127.0.0.1: answers, faults and pacing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from citeman import __version__
from citeman.errors import OnlineError
from citeman.online import cache
from citeman.online.client import Client
from citeman.online.crossref import CrossrefSource
from citeman.online.pace import Limits
from tests.crossref.conftest import Crossref


def client(crossref: Crossref, **changes: object) -> CrossrefSource:
    return CrossrefSource(Client(requests.Session(), crossref.settings(**changes)))


def test_work_agency_and_search(crossref: Crossref) -> None:
    ask = client(crossref)
    found = ask.work("10.1016/S2468-2667(19)30248-8")
    assert found is not None and found.volume == "5"
    assert ask.work("10.1136/bmjopen-2020-999999") is None
    assert ask.agency("10.1136/bmjopen-2020-999999") is None
    assert ask.agency("10.5281/zenodo.5555555") == "datacite"
    listed = ask.search("Kopta 1994 Patterns of symptomatic recovery", 5)
    assert len(listed) == 5
    assert crossref.fake.requests == 5


def test_the_doi_is_one_percent_encoded_path_segment(crossref: Crossref) -> None:
    client(crossref).work("10.1016/S2468-2667(19)30248-8")
    request, _ = crossref.server.log[0]
    assert request.environ["RAW_URI"] == "/works/10.1016%2FS2468-2667%2819%2930248-8"


def test_a_doi_cannot_climb_to_another_path(crossref: Crossref) -> None:
    ask = client(crossref)
    assert ask.work("10.1234/../../members?rows=1#x") is None
    assert ask.agency("10.1234/../../../etc") is None
    assert [request.environ["RAW_URI"] for request, _ in crossref.server.log] == [
        "/works/10.1234%2F..%2F..%2Fmembers%3Frows%3D1%23x",
        "/works/10.1234%2F..%2F..%2F..%2Fetc/agency",
    ]


def test_text_that_is_not_a_doi_is_never_sent(crossref: Crossref) -> None:
    with pytest.raises(OnlineError, match="not a DOI"):
        client(crossref).work("../../members")
    with pytest.raises(OnlineError, match="not a DOI"):
        client(crossref).work("10.1234/x\x1b]52;c;aGk=\x07")
    assert crossref.fake.requests == 0


def test_user_agent_names_citeman_and_the_contact(crossref: Crossref) -> None:
    client(crossref).work("10.1136/bmjopen-2020-045005")
    assert crossref.fake.user_agents == [
        f"citeman/{__version__} (mailto:test@example.org)"
    ]


def test_limits_follow_the_headers(crossref: Crossref) -> None:
    crossref.fake.rate, crossref.fake.concurrency = 20, 2
    ask = client(crossref)
    assert ask.client.gate.limits == Limits(5, 1.0, 1)
    ask.work("10.1136/bmjopen-2020-045005")
    assert ask.client.gate.limits == Limits(20, 1.0, 2)


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        pytest.param("429", "crossref kept answering 429 too many requests", id="429"),
        pytest.param("500", "crossref kept answering 500", id="500"),
        pytest.param("503", "crossref kept answering 503", id="503"),
    ],
)
def test_persistent_failure_after_retries(
    crossref: Crossref, fault: str, cause: str
) -> None:
    crossref.fake.fault = fault
    with pytest.raises(OnlineError) as raised:
        client(crossref, retries=2).work("10.1136/bmjopen-2020-045005")
    assert (raised.value.cause, raised.value.stop) == (cause, True)
    assert crossref.fake.requests == 3


@pytest.mark.parametrize("fault", ["429", "503"])
def test_transient_failure_heals_on_retry(crossref: Crossref, fault: str) -> None:
    crossref.fake.fault, crossref.fake.fault_times = fault, 1
    assert client(crossref).work("10.1136/bmjopen-2020-045005") is not None
    assert crossref.fake.requests == 2


def test_retry_after_is_honoured(crossref: Crossref) -> None:
    crossref.fake.fault, crossref.fake.fault_times = "429-retry-after", 1
    started = time.monotonic()
    assert client(crossref).work("10.1136/bmjopen-2020-045005") is not None
    assert time.monotonic() - started >= 0.9  # Retry-After: 1, not the 0.01 s backoff
    assert crossref.fake.requests == 2


def test_a_retry_after_past_the_time_limit_fails_at_once(crossref: Crossref) -> None:
    crossref.fake.fault, crossref.fake.retry_after = "429-retry-after", "2"
    started = time.monotonic()
    with pytest.raises(OnlineError, match="the time limit for lookups ran out"):
        client(crossref, time_limit=1.0).work("10.1136/bmjopen-2020-045005")
    assert time.monotonic() - started < 1.0
    assert crossref.fake.requests == 1


def test_slower_than_the_timeout(crossref: Crossref) -> None:
    crossref.fake.fault, crossref.fake.slow = "slow", 0.6
    with pytest.raises(OnlineError) as raised:
        client(crossref, read_timeout=0.2, retries=1).work(
            "10.1136/bmjopen-2020-045005"
        )
    assert raised.value.cause == "crossref did not answer within 0.2 s"
    assert crossref.fake.requests == 2


def test_truncated_json_is_a_failed_lookup(crossref: Crossref) -> None:
    crossref.fake.fault = "truncated"
    with pytest.raises(OnlineError) as raised:
        client(crossref).work("10.1136/bmjopen-2020-045005")
    assert (raised.value.cause, raised.value.stop) == (
        "crossref sent malformed JSON",
        False,
    )


def test_bad_request_names_the_status(crossref: Crossref) -> None:
    with pytest.raises(OnlineError, match="crossref answered 400"):
        client(crossref).search("x", "things")  # type: ignore[arg-type]


def test_connection_refused(crossref: Crossref, closed_url: str) -> None:
    ask = client(crossref, base_url=closed_url, retries=1)
    with pytest.raises(OnlineError) as raised:
        ask.work("10.1136/bmjopen-2020-045005")
    assert raised.value.cause == f"cannot connect to {closed_url}: connection refused"
    assert raised.value.stop


def test_offline_miss_then_hit(crossref: Crossref, cache_dir: Path) -> None:
    settings = crossref.settings()
    offline = cache.CachePolicy(cache_dir, offline=True)
    with pytest.raises(OnlineError, match="not in the cache"):
        CrossrefSource(Client(cache.build(offline, pytest.fail), settings)).work(
            "10.1136/bmjopen-2020-045005"
        )
    online = CrossrefSource(
        Client(cache.build(cache.CachePolicy(cache_dir), pytest.fail), settings)
    )
    assert online.work("10.1136/bmjopen-2020-045005") is not None
    assert online.work("10.1136/bmjopen-2020-999999") is None
    again = CrossrefSource(Client(cache.build(offline, pytest.fail), settings))
    assert again.work("10.1136/bmjopen-2020-045005") is not None
    assert again.work("10.1136/bmjopen-2020-999999") is None  # a cached 404
    assert crossref.fake.requests == 2


def test_a_truncated_answer_is_not_cached(crossref: Crossref, cache_dir: Path) -> None:
    crossref.fake.fault, crossref.fake.fault_times = "truncated", 1
    session = cache.build(cache.CachePolicy(cache_dir), pytest.fail)
    ask = CrossrefSource(Client(session, crossref.settings()))
    with pytest.raises(OnlineError, match="malformed JSON"):
        ask.work("10.1136/bmjopen-2020-045005")
    assert ask.work("10.1136/bmjopen-2020-045005") is not None
    assert ask.work("10.1136/bmjopen-2020-045005") is not None
    assert crossref.fake.requests == 2
