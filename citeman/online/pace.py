"""Keep requests to Crossref within the rate and concurrency its headers allow.

Every Crossref response states the pool's budget: ``x-rate-limit-limit``
requests per ``x-rate-limit-interval`` and at most ``x-concurrency-limit`` in
flight. The gate starts cautious (one request at a time) and adopts whatever
the latest response says, so a limit lowered mid-run is honoured at once.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass

from citeman.errors import OnlineError

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*s?\s*$")


@dataclass(frozen=True, slots=True)
class Limits:
    """A request budget: ``rate`` requests per ``interval`` seconds, ``concurrency``."""

    rate: int = 5
    interval: float = 1.0
    concurrency: int = 1

    @property
    def spacing(self) -> float:
        """Return the least time between two request starts."""
        return self.interval / self.rate


def limits_from(headers: Mapping[str, str], current: Limits) -> Limits:
    """Return the limits ``headers`` state, keeping ``current`` for any missing.

    >>> limits_from({"x-rate-limit-limit": "10", "x-rate-limit-interval": "1s",
    ...              "x-concurrency-limit": "3"}, Limits())
    Limits(rate=10, interval=1.0, concurrency=3)
    >>> limits_from({"x-rate-limit-limit": "lots"}, Limits())
    Limits(rate=5, interval=1.0, concurrency=1)
    """
    rate = _positive_int(headers.get("x-rate-limit-limit"), current.rate)
    concurrency = _positive_int(headers.get("x-concurrency-limit"), current.concurrency)
    found = _INTERVAL.match(headers.get("x-rate-limit-interval") or "")
    interval = float(found.group(1)) if found else current.interval
    return Limits(rate, interval if interval > 0 else current.interval, concurrency)


class Gate:
    """Admit one request at a time when both the pace and the concurrency allow.

    ``deadline`` is a ``time.monotonic()`` instant past which nobody is admitted:
    a run that is out of time fails instead of queueing forever. Once Crossref
    itself has failed, :meth:`close` turns every waiting request away at once.
    """

    def __init__(self, deadline: float, limits: Limits | None = None) -> None:
        self._limits = limits or Limits()
        self._deadline = deadline
        self._in_flight = 0
        self._next_start = 0.0
        self._closed: str | None = None
        self._ready = threading.Condition()

    @property
    def limits(self) -> Limits:
        """Return the limits currently obeyed."""
        return self._limits

    def enter(self) -> None:
        """Block until a request may start; raise when the deadline comes first."""
        with self._ready:
            while True:
                now = time.monotonic()
                if self._closed is not None:
                    raise OnlineError(self._closed, stop=True)
                if now >= self._deadline:
                    raise OnlineError("the time limit for lookups ran out", stop=True)
                if self._in_flight < self._limits.concurrency:
                    if now >= self._next_start:
                        break
                    wait = self._next_start - now
                else:
                    wait = self._deadline - now
                self._ready.wait(min(wait, self._deadline - now))
            self._in_flight += 1
            self._next_start = now + self._limits.spacing

    def close(self, cause: str) -> None:
        """Admit nobody any more: Crossref failed for ``cause``; waiters fail too."""
        with self._ready:
            if self._closed is None:
                self._closed = cause
            self._ready.notify_all()

    def leave(self, headers: Mapping[str, str] | None) -> None:
        """Mark a request finished and adopt the limits its response stated."""
        with self._ready:
            self._in_flight -= 1
            if headers is not None:
                self._limits = limits_from(headers, self._limits)
            self._ready.notify_all()


def _positive_int(value: str | None, default: int) -> int:
    try:
        number = int(value or "")
    except ValueError:
        return default
    return number if number > 0 else default
