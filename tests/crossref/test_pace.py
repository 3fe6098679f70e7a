"""The gate: concurrency and pace from Crossref's headers, a deadline, a stop."""

from __future__ import annotations

import threading
import time

import pytest

from citeman.errors import OnlineError
from citeman.online.pace import Gate, Limits, limits_from


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param({"x-rate-limit-limit": "10", "x-rate-limit-interval": "1s",
                      "x-concurrency-limit": "3"}, Limits(10, 1.0, 3), id="polite"),
        pytest.param({"x-rate-limit-interval": "2"}, Limits(5, 2.0, 1), id="no-suffix"),
        pytest.param({"x-concurrency-limit": "0"}, Limits(5, 1.0, 1), id="zero"),
        pytest.param({}, Limits(5, 1.0, 1), id="none-keeps-current"),
    ],
)  # fmt: skip
def test_limits_from_headers(headers: dict[str, str], expected: Limits) -> None:
    assert limits_from(headers, Limits()) == expected


def test_never_more_in_flight_than_allowed() -> None:
    gate = Gate(time.monotonic() + 10, Limits(rate=1000, interval=1.0, concurrency=2))
    most, current, lock = 0, 0, threading.Lock()

    def request() -> None:
        nonlocal most, current
        gate.enter()
        with lock:
            current += 1
            most = max(most, current)
        time.sleep(0.02)
        with lock:
            current -= 1
        gate.leave(None)

    threads = [threading.Thread(target=request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 2


def test_a_closed_gate_turns_waiters_away() -> None:
    gate = Gate(time.monotonic() + 10)
    gate.enter()
    failures: list[str] = []

    def waiter() -> None:
        try:
            gate.enter()
        except OnlineError as error:
            failures.append(error.cause)

    thread = threading.Thread(target=waiter)
    thread.start()
    gate.close("crossref kept answering 503")
    thread.join(timeout=2)
    assert failures == ["crossref kept answering 503"]


def test_past_the_deadline_nobody_enters() -> None:
    gate = Gate(time.monotonic() - 1)
    with pytest.raises(OnlineError, match="time limit"):
        gate.enter()
