"""A loopback Crossref: the routes, envelopes, headers and failures citeman meets.

It answers from ``tests/fixtures/crossref/works.json`` the way the real API does
(see ``/work/shared/references/crossref-api.md`` §5 and §8): singleton and
list envelopes, ``/agency``, ``Resource not found.`` as a plain-text 404 (even
where the Content-Type says JSON), a JSON 400 for a bad ``rows``, rate-limit
headers on every answer, an HTML 429 past the concurrency limit, and a search
that never comes back empty but ranks loosely related works by shared words.
Fault modes make it fail on purpose; ``latency`` makes it slow.
"""

from __future__ import annotations

import json
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkzeug import Request, Response

WORKS = Path(__file__).resolve().parent.parent / "fixtures" / "crossref" / "works.json"
NOT_FOUND = "Resource not found."
TOO_MANY = (
    "<html><body><h1>429 Too Many Requests</h1>\n"
    "You have sent too many requests in a given amount of time.\n</body></html>"
)
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return set(_WORD.findall(plain))


class Corpus:
    """The works and agencies the fake holds, answering as Crossref's JSON does."""

    def __init__(self, works: list[dict[str, Any]], agencies: dict[str, str]) -> None:
        self.works = {work["DOI"].lower(): work for work in works}
        self.agencies = {doi.lower(): agency for doi, agency in agencies.items()}

    @classmethod
    def load(cls, path: Path = WORKS) -> Corpus:
        recorded = json.loads(path.read_text(encoding="utf-8"))
        return cls(recorded["works"], recorded["agencies"])

    def work_body(self, doi: str) -> dict[str, Any] | None:
        work = self.works.get(doi.lower())
        if work is None:
            return None
        return _envelope("work", {**work, "score": 1})

    def agency_body(self, doi: str) -> dict[str, Any] | None:
        agency = (
            "crossref" if doi.lower() in self.works else self.agencies.get(doi.lower())
        )
        if agency is None:
            return None
        label = {"crossref": "Crossref", "datacite": "DataCite"}.get(agency, agency)
        message = {"DOI": doi.lower(), "agency": {"id": agency, "label": label}}
        return _envelope("work-agency", message)

    def search_body(self, query: str, rows: int, select: str = "") -> dict[str, Any]:
        wanted = _words(query)
        ranked = sorted(
            ((self._score(wanted, work), doi) for doi, work in self.works.items()),
            key=lambda pair: (-pair[0], pair[1]),
        )
        items = []
        for score, doi in ranked[:rows]:
            item = {**self.works[doi], "score": score}
            if select:
                item = {key: item[key] for key in select.split(",") if key in item}
            items.append(item)
        message = {
            "facets": {},
            "total-results": len(self.works) * 1000,
            "items": items,
            "items-per-page": rows,
            "query": {"start-index": 0, "search-terms": None},
        }
        return _envelope("work-list", message)

    @staticmethod
    def _score(wanted: set[str], work: dict[str, Any]) -> float:
        text = " ".join(
            [
                *work.get("title", []),
                *work.get("container-title", []),
                *(person.get("family", "") for person in work.get("author", [])),
                str(work.get("issued", {}).get("date-parts", [[""]])[0][0]),
            ]
        )
        shared = wanted & _words(text)
        return round(len(shared) * 7.3 + 0.01 * len(wanted), 2)


def _envelope(kind: str, message: object) -> dict[str, Any]:
    return {
        "status": "ok",
        "message-type": kind,
        "message-version": "1.0.0",
        "message": message,
    }


@dataclass
class FakeCrossref:
    """A werkzeug handler; attributes switch its limits, latency and faults.

    ``fault`` is one of ``429``, ``429-retry-after``, ``500``, ``503``, ``slow``,
    ``truncated``, ``nested`` (JSON nested 100,000 deep), ``other-doi`` (a
    well-formed work, but for another DOI); ``fault_times`` answers fail that
    way before it heals (-1: forever). ``requests`` counts every request that
    reached the server, ``crowded`` those refused for exceeding the concurrency limit.
    """

    corpus: Corpus = field(default_factory=Corpus.load)
    rate: int = 50
    interval: str = "1s"
    concurrency: int = 3
    latency: float = 0.0
    fault: str | None = None
    fault_times: int = -1
    retry_after: str = "1"
    slow: float = 1.0
    requests: int = 0
    crowded: int = 0
    user_agents: list[str] = field(default_factory=list)
    _in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: Request) -> Response:
        with self._lock:
            self.requests += 1
            self.user_agents.append(request.headers.get("User-Agent", ""))
            self._in_flight += 1
            crowded = self._in_flight > self.concurrency
            self.crowded += crowded
            fault = None if crowded else self._take_fault()
        try:
            if crowded:
                return Response(TOO_MANY, 429, content_type="text/html")
            if self.latency:
                time.sleep(self.latency)
            if fault is not None:
                return self._fail(fault, request)
            return self._answer(request)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _take_fault(self) -> str | None:
        if self.fault is None or self.fault_times == 0:
            return None
        self.fault_times -= 1
        return self.fault

    def _headers(self, request: Request) -> dict[str, str]:
        polite = "mailto" in request.headers.get("User-Agent", "") or (
            "mailto" in request.args
        )
        return {
            "x-api-pool": "polite" if polite else "public",
            "x-rate-limit-limit": str(self.rate),
            "x-rate-limit-interval": self.interval,
            "x-concurrency-limit": str(self.concurrency),
        }

    def _fail(self, fault: str, request: Request) -> Response:
        if fault == "429":
            return Response(TOO_MANY, 429, content_type="text/html")
        if fault == "429-retry-after":
            headers = {"Retry-After": self.retry_after}
            return Response(TOO_MANY, 429, headers, content_type="text/html")
        if fault in ("500", "503"):
            return Response("<html>error</html>", int(fault), content_type="text/html")
        if fault == "slow":
            time.sleep(self.slow)
            return self._answer(request)
        if fault == "truncated":
            answer = self._answer(request)
            body = answer.get_data()
            cut = body[: len(body) // 2]
            kind = "application/json"
            return Response(cut, 200, self._headers(request), content_type=kind)
        if fault == "nested":
            body = "[" * 100_000 + "]" * 100_000
            return Response(
                body, 200, self._headers(request), content_type="application/json"
            )
        if fault == "other-doi":
            work = {
                "DOI": "10.5555/another",
                "title": ["Another work"],
                "type": "journal-article",
            }
            return _json(200, _envelope("work", work), self._headers(request))
        raise ValueError(f"unknown fault {fault}")

    def _answer(self, request: Request) -> Response:
        headers = self._headers(request)
        path = request.path
        if path == "/works":
            rows = request.args.get("rows", "20")
            if not rows.isdigit():
                return _json(400, _rows_invalid(rows), headers)
            query = request.args.get("query.bibliographic", "")
            body = self.corpus.search_body(
                query, int(rows), request.args.get("select", "")
            )
            return _json(200, body, headers)
        if path.startswith("/works/"):
            doi = path[len("/works/") :]
            if doi.endswith("/agency"):
                found = self.corpus.agency_body(doi[: -len("/agency")])
                if found is None:
                    # Crossref labels this plain-text 404 as JSON.
                    kind = "application/json;charset=utf-8"
                    return Response(NOT_FOUND, 404, headers, content_type=kind)
                return _json(200, found, headers)
            found = self.corpus.work_body(doi)
            if found is None:
                return Response(NOT_FOUND, 404, headers, content_type="text/plain")
            return _json(200, found, headers)
        return Response(NOT_FOUND, 404, headers, content_type="text/plain")


def _json(status: int, body: object, headers: dict[str, str]) -> Response:
    return Response(json.dumps(body), status, headers, content_type="application/json")


def _rows_invalid(rows: str) -> dict[str, Any]:
    return {
        "status": "failed",
        "message-type": "validation-failure",
        "message": [
            {
                "type": "integer-not-valid",
                "value": rows,
                "message": f"Integer specified as {rows} but must be a positive"
                " integer less than or equal to 1000. ",
            }
        ],
    }
