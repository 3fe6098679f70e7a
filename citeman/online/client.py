"""GET JSON from one online source: polite, paced, retried, bounded in time.

Every source (Crossref, DataCite…) is one :class:`Client` over a shared
``requests`` session that carries a User-Agent naming citeman and a contact
(Crossref's "polite pool"), connect and read timeouts, and urllib3's ``Retry``
for 429 and 5xx answers (honouring ``Retry-After``). Each client paces its own
host through a :class:`Gate` (see :mod:`citeman.online.transport`); answers
served from the cache never wait. Every failure becomes an
:class:`OnlineError` naming the source and its cause in one line.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

import requests
from requests_cache.models.response import CachedResponse
from urllib3.exceptions import ReadTimeoutError

from citeman import __version__
from citeman.doi import DOI_PATTERN
from citeman.errors import OnlineError
from citeman.online.endpoint import redact, redact_text
from citeman.online.pace import Gate
from citeman.online.transport import OUT_OF_TIME, BoundedRetry, PacedAdapter

DEFAULT_URL = "https://api.crossref.org"
_OFFLINE_MISS = 504  # what requests-cache answers in only-if-cached mode


@dataclass(frozen=True, slots=True)
class Settings:
    """Where a source is and how patient to be with it; tests shrink every number."""

    base_url: str = DEFAULT_URL
    mailto: str = ""
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    retry_after_max: float = 60.0
    time_limit: float = 300.0
    max_workers: int = 8


class Client:
    """HTTP GETs to one source's API, named ``name`` in every message.

    ``deadline`` (a ``time.monotonic()`` instant) is shared by all the clients
    of one run; by default it is ``settings.time_limit`` from now.
    """

    def __init__(
        self,
        session: requests.Session,
        settings: Settings,
        name: str = "crossref",
        deadline: float | None = None,
    ) -> None:
        self.settings = settings
        self.name = name
        self.deadline = deadline or time.monotonic() + settings.time_limit
        self.gate = Gate(self.deadline)
        retry = BoundedRetry(
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
        adapter = PacedAdapter(self.gate, retry, self.deadline)
        self._base = settings.base_url.rstrip("/")
        # The longest matching prefix wins: each source paces its own host.
        session.mount(self._base + "/", adapter)
        contact = f" (mailto:{settings.mailto})" if settings.mailto else ""
        session.headers["User-Agent"] = f"citeman/{__version__}{contact}"
        self._session = session

    def get(
        self, path: str, params: Mapping[str, str | int] | None = None
    ) -> object | None:
        """Return the JSON at ``path``; None for a 404 (the source lacks it)."""
        try:
            return self._request(path, params)
        except OnlineError as error:
            error.source = self.name
            if error.stop:
                self.gate.close(error.cause)
            raise

    def _request(
        self, path: str, params: Mapping[str, str | int] | None = None
    ) -> object | None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise OnlineError(OUT_OF_TIME, stop=True)
        timeout = (
            min(self.settings.connect_timeout, remaining),
            min(self.settings.read_timeout, remaining),
        )
        try:
            response = self._session.get(
                self._base + path, params=params, timeout=timeout
            )
        except requests.Timeout as error:
            raise OnlineError(
                f"{self.name} did not answer within {timeout[1]:g} s", stop=True
            ) from error
        except requests.ConnectionError as error:
            if _is_read_timeout(error):
                raise OnlineError(
                    f"{self.name} did not answer within {timeout[1]:g} s", stop=True
                ) from error
            raise OnlineError(
                f"cannot connect to {redact(self._base)}: {_reason(error)}", stop=True
            ) from error
        except requests.RequestException as error:
            cause = redact_text(f"request to {self.name} failed: {error}")
            raise OnlineError(cause) from error
        return _answer(response, self.name)


def _answer(response: requests.Response, name: str) -> object | None:
    status = response.status_code
    if status == 404:
        return None
    if status == _OFFLINE_MISS and isinstance(response, CachedResponse):
        raise OnlineError(f"not in the cache, and --offline forbids asking {name}")
    if status == 429:
        cause = f"{name} kept answering 429 too many requests"
        raise OnlineError(cause, 429, stop=True)
    if status >= 500:
        raise OnlineError(f"{name} kept answering {status}", status, stop=True)
    if status != 200:
        url = redact(response.url)
        raise OnlineError(f"{name} answered {status} to {url}", status)
    return parse_json(response.content, name)


def parse_json(content: bytes, name: str) -> object:
    """Return the JSON in ``content``; malformed or absurdly nested is an error."""
    try:
        parsed: object = json.loads(content)
    except (ValueError, RecursionError) as error:
        raise OnlineError(f"{name} sent malformed JSON") from error
    return parsed


def doi_segment(doi: str) -> str:
    """Return ``doi`` as one URL path segment: every ``/``, ``.``-run or ``?`` inert.

    A DOI's suffix may hold any printable character, ``../`` included, so it
    is percent-encoded whole and can never reach another path on the host.

    >>> doi_segment("10.1016/S2468-2667(19)30248-8")
    '10.1016%2FS2468-2667%2819%2930248-8'
    >>> doi_segment("10.1234/../../members")
    '10.1234%2F..%2F..%2Fmembers'
    """
    if DOI_PATTERN.fullmatch(doi) is None or not doi.isprintable():
        raise OnlineError(f"not a DOI: {doi!r}")
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
