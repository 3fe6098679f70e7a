"""The transport under every source: retries bounded by the run, pacing, body reads.

urllib3's ``Retry`` handles 429 and 5xx, but could sleep past the run's time
limit, and a read timeout bounds each socket read, not a body trickled a byte
a second. These classes close both gaps, and pass each request that really
reaches the network through its source's :class:`Gate`.
"""

from __future__ import annotations

import time
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import HTTPError, ProtocolError, ReadTimeoutError
from urllib3.util.retry import Retry

from citeman.errors import OnlineError
from citeman.online.pace import Gate

#: No answer of a bibliographic API comes near this; a server sending more is broken.
MAX_BODY = 16 * 1024 * 1024
OUT_OF_TIME = "the time limit for lookups ran out"
_CHUNK = 64 * 1024


class BoundedRetry(Retry):
    """urllib3's Retry, but never sleeping past the run's deadline.

    urllib3 already caps a ``Retry-After`` at ``retry_after_max``; this adds the
    whole run's time bound, so a long backoff fails at once instead of hanging.
    """

    run_deadline = float("inf")

    def new(self, **changes: Any) -> BoundedRetry:
        retry = super().new(**changes)
        assert isinstance(retry, BoundedRetry)
        retry.run_deadline = self.run_deadline
        return retry

    def sleep(self, response: Any = None) -> None:
        wait = self.get_retry_after(response) if response is not None else None
        if wait is None:
            wait = self.get_backoff_time()
        if time.monotonic() + wait >= self.run_deadline:
            raise OnlineError(OUT_OF_TIME, stop=True)
        time.sleep(wait)


class PacedAdapter(HTTPAdapter):
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
                raise OnlineError(f"the server sent more than {MAX_BODY >> 20} MB")
            if time.monotonic() >= deadline:
                raise OnlineError(OUT_OF_TIME, stop=True)
    except ReadTimeoutError as error:
        response.close()
        raise requests.ReadTimeout(error) from error
    except (ProtocolError, HTTPError) as error:
        response.close()
        raise requests.ConnectionError(error) from error
    except OnlineError:
        response.close()
        raise
    response.raw.release_conn()
    return bytes(body)
