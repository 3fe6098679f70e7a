"""The lookup threads: every job ends, fails or is abandoned at the deadline."""

from __future__ import annotations

import threading
import time

from citeman.online.workers import run_all


def test_a_job_that_raises_is_unfinished_and_nobody_waits_for_the_deadline() -> None:
    done: list[int] = []

    def work(job: int) -> None:
        if job == 3:
            raise RuntimeError("boom")
        done.append(job)

    ticks: list[int] = []
    deadline = time.monotonic() + 3600
    assert run_all(range(6), work, workers=2, deadline=deadline,
                   progress=ticks.append) == [3]  # fmt: skip
    assert sorted(done) == [0, 1, 2, 4, 5]
    assert sum(ticks) == 5


def test_a_job_that_never_ends_is_abandoned_at_the_deadline() -> None:
    release = threading.Event()

    def work(job: int) -> None:
        if job == 0:
            release.wait()

    try:
        left = run_all([0, 1, 2], work, workers=3, deadline=time.monotonic() + 0.3)
    finally:
        release.set()
    assert left == [0]
    assert all(thread.daemon for thread in threading.enumerate()
               if thread.name.startswith("lookup-"))  # fmt: skip
