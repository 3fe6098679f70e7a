"""Run lookups on a few threads and stop waiting for them at the run's deadline.

The threads are daemons: a server that trickles its headers a byte a second
can hold one of them, but never the run, nor the interpreter's exit (a
``ThreadPoolExecutor`` joins its threads at exit, so it could).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def run_all(
    jobs: Sequence[T],
    work: Callable[[T], None],
    *,
    workers: int,
    deadline: float,
    progress: Callable[[int], None] | None = None,
) -> list[T]:
    """Call ``work`` on every job, ``workers`` at a time; return those unfinished.

    A job still queued or running at ``deadline`` (a ``time.monotonic()``
    instant) is returned, and any it left running is abandoned. ``work`` must
    not raise; a job that does is returned as unfinished too.
    """
    waiting: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(jobs)):
        waiting.put(index)
    finished: set[int] = set()
    ended = [0]  # jobs that returned or raised
    changed = threading.Condition()

    def loop() -> None:
        while True:
            try:
                index = waiting.get_nowait()
            except queue.Empty:
                return
            try:
                work(jobs[index])
                succeeded = True
            except Exception:  # reported as unfinished, never lost
                succeeded = False
            with changed:
                if succeeded:
                    finished.add(index)
                ended[0] += 1
                changed.notify_all()

    for number in range(max(1, min(workers, len(jobs)))):
        threading.Thread(target=loop, name=f"lookup-{number}", daemon=True).start()
    seen = 0
    with changed:
        while ended[0] < len(jobs):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            changed.wait(remaining)
            if progress is not None and len(finished) > seen:
                progress(len(finished) - seen)
                seen = len(finished)
        done = set(finished)
    return [job for index, job in enumerate(jobs) if index not in done]
