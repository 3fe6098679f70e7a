"""Ask Crossref about DOIs and references: polite, paced, retried, bounded in time.

One ``requests`` session carries a User-Agent naming citeman and a contact (the
"polite pool"), connect and read timeouts, and urllib3's ``Retry`` for 429 and
5xx answers (honouring ``Retry-After``). A :class:`Gate` in the transport
adapter paces the requests that really reach the network; answers served
from the cache never wait. Every failure becomes a :class:`CrossrefError`
naming its cause in one line.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests
from requests.adapters import HTTPAdapter
from requests_cache.models.response import CachedResponse
from urllib3.exceptions import HTTPError, ProtocolError, ReadTimeoutError
from urllib3.util.retry import Retry

from citeman import __version__
from citeman.crossref.endpoint import redact, redact_text
from citeman.crossref.pace import Gate
from citeman.doi import DOI_PATTERN
from citeman.errors import CrossrefError

DEFAULT_URL = "https://api.crossref.org"
_OFFLINE_MISS = 504  # what requests-cache answers in only-if-cached mode
#: No Crossref answer comes near this; a server sending more is not Crossref.
MAX_BODY = 16 * 1024 * 1024
_CHUNK = 64 * 1024
_OUT_OF_TIME = "the time limit for lookups ran out"


@dataclass(frozen=True, slots=True)
class Settings:
    """How patient to be with Crossref; tests shrink every number."""

    base_url: str = DEFAULT_URL
    mailto: str = ""
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    retry_after_max: float = 60.0
    time_limit: float = 300.0
    max_workers: int = 8


class _BoundedRetry(Retry):
    """urllib3's Retry, but never sleeping past the run's deadline.

    urllib3 already caps a ``Retry-After`` at ``retry_after_max``; this adds the
    whole run's time bound, so a long backoff fails at once instead of hanging.
    """

    run_deadline = float("inf")

    def new(self, **changes: Any) -> _BoundedRetry:
        retry = super().new(**changes)
        assert isinstance(retry, _BoundedRetry)
        retry.run_deadline = self.run_deadline
        return retry

    def sleep(self, response: Any = None) -> None:
        wait = self.get_retry_after(response) if response is not None else None
        if wait is None:
            wait = self.get_backoff_time()
        if time.monotonic() + wait >= self.run_deadline:
            raise CrossrefError(_OUT_OF_TIME, stop=True)
        time.sleep(wait)


class _PacedAdapter(HTTPAdapter):
    """An adapter that passes each real request through the gate.

    It also reads the body itself, one socket read at a time, so that a server
    trickling a byte a second cannot outlast the run's deadline (a read
    timeout bounds each read, not the whole body), nor send an endless body.
    """

    def __init__(self, gate: Gate, retry: Retry, deadline: float) -> None:
        super().__init__(max_retries=retry, pool_maxsize=16)
        self._gate = gate
        self._deadline = deadline

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        self._gate.enter()
        headers = None
        try:
            response = super().send(request, **kwargs)
            headers = response.headers
            response._content = _read_body(response, self._deadline)
            return response
        finally:
            self._gate.leave(headers)


def _read_body(response: requests.Response, deadline: float) -> bytes:
    """Return the whole body of ``response``, giving up at ``deadline``."""
    body = bytearray()
    try:
        while chunk := response.raw.read1(_CHUNK, decode_content=True):
            body += chunk
            if len(body) > MAX_BODY:
                raise CrossrefError(f"crossref sent more than {MAX_BODY >> 20} MB")
            if time.monotonic() >= deadline:
                raise CrossrefError(_OUT_OF_TIME, stop=True)
    except ReadTimeoutError as error:
        response.close()
        raise requests.ReadTimeout(error) from error
    except (ProtocolError, HTTPError) as error:
        response.close()
        raise requests.ConnectionError(error) from error
    except CrossrefError:
        response.close()
        raise
    response.raw.release_conn()
    return bytes(body)


class CrossrefClient:
    """The three questions citeman asks Crossref, each one HTTP GET."""

    def __init__(self, session: requests.Session, settings: Settings) -> None:
        self.settings = settings
        self.deadline = time.monotonic() + settings.time_limit
        self.gate = Gate(self.deadline)
        retry = _BoundedRetry(
            total=settings.retries,
            connect=settings.retries,
            read=settings.retries,
            status=settings.retries,
            backoff_factor=settings.backoff,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=("GET",),
            respect_retry_after_header=True,
            raise_on_status=False,
            retry_after_max=int(settings.retry_after_max),
        )
        retry.run_deadline = self.deadline
        adapter = _PacedAdapter(self.gate, retry, self.deadline)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        contact = f" (mailto:{settings.mailto})" if settings.mailto else ""
        session.headers["User-Agent"] = f"citeman/{__version__}{contact}"
        self._session = session
        self._base = settings.base_url.rstrip("/")

    def work(self, doi: str) -> object | None:
        """Return the JSON of ``/works/{doi}``; None when Crossref lacks the DOI."""
        return self._get(f"/works/{_path(doi)}")

    def agency(self, doi: str) -> object | None:
        """Return the JSON of ``/works/{doi}/agency``; None when no agency has it."""
        return self._get(f"/works/{_path(doi)}/agency")

    def search(self, citation: str, rows: int) -> object:
        """Return the JSON of a ``query.bibliographic`` search for ``citation``."""
        found = self._get("/works", {"query.bibliographic": citation, "rows": rows})
        if found is None:
            raise CrossrefError("crossref answered 404 to a search", 404)
        return found

    def _get(self, path: str, params: Mapping[str, str | int] | None = None) -> object:
        try:
            return self._request(path, params)
        except CrossrefError as error:
            if error.stop:
                self.gate.close(error.cause)
            raise

    def _request(
        self, path: str, params: Mapping[str, str | int] | None = None
    ) -> object:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise CrossrefError(_OUT_OF_TIME, stop=True)
        timeout = (
            min(self.settings.connect_timeout, remaining),
            min(self.settings.read_timeout, remaining),
        )
        try:
            response = self._session.get(
                self._base + path, params=params, timeout=timeout
            )
        except requests.Timeout as error:
            raise CrossrefError(
                f"crossref did not answer within {timeout[1]:g} s", stop=True
            ) from error
        except requests.ConnectionError as error:
            if _is_read_timeout(error):
                raise CrossrefError(
                    f"crossref did not answer within {timeout[1]:g} s", stop=True
                ) from error
            raise CrossrefError(
                f"cannot connect to {redact(self._base)}: {_reason(error)}", stop=True
            ) from error
        except requests.RequestException as error:
            cause = redact_text(f"request to crossref failed: {error}")
            raise CrossrefError(cause) from error
        return _answer(response)


def _answer(response: requests.Response) -> object | None:
    status = response.status_code
    if status == 404:
        return None
    if status == _OFFLINE_MISS and isinstance(response, CachedResponse):
        raise CrossrefError("not in the cache, and --offline forbids asking crossref")
    if status == 429:
        cause = "crossref kept answering 429 too many requests"
        raise CrossrefError(cause, 429, stop=True)
    if status >= 500:
        raise CrossrefError(f"crossref kept answering {status}", status, stop=True)
    if status != 200:
        url = redact(response.url)
        raise CrossrefError(f"crossref answered {status} to {url}", status)
    return parse_json(response.content)


def parse_json(content: bytes) -> object:
    """Return the JSON in ``content``; malformed or absurdly nested is an error."""
    try:
        parsed: object = json.loads(content)
    except (ValueError, RecursionError) as error:
        raise CrossrefError("crossref sent malformed JSON") from error
    return parsed


def _path(doi: str) -> str:
    """Return ``doi`` as one URL path segment: every ``/``, ``.``-run or ``?`` inert.

    A DOI's suffix may hold any printable character, ``../`` included, so it
    is percent-encoded whole and can never reach another path on the host.

    >>> _path("10.1016/S2468-2667(19)30248-8")
    '10.1016%2FS2468-2667%2819%2930248-8'
    >>> _path("10.1234/../../members")
    '10.1234%2F..%2F..%2Fmembers'
    """
    if DOI_PATTERN.fullmatch(doi) is None or not doi.isprintable():
        raise CrossrefError(f"not a DOI: {doi!r}")
    return quote(doi, safe="")


def _is_read_timeout(error: requests.ConnectionError) -> bool:
    """Return whether retries ran out on read timeouts (requests calls that a
    connection error)."""
    reason = getattr(error.args[0] if error.args else None, "reason", None)
    return isinstance(reason, ReadTimeoutError)


def _reason(error: requests.ConnectionError) -> str:
    text = str(error)
    if "refused" in text.lower():
        return "connection refused"
    if "Name or service not known" in text or "NameResolution" in text:
        return "host not found"
    return "connection failed"
