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
from typing import Generic, TypeVar

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
    pool = _Pool(jobs, work)
    for number in range(max(1, min(workers, len(jobs)))):
        threading.Thread(target=pool.loop, name=f"lookup-{number}", daemon=True).start()
    done = pool.wait(deadline, progress)
    return [job for index, job in enumerate(jobs) if index not in done]


class _Pool(Generic[T]):
    """The queue of jobs the threads share, and what became of each."""

    def __init__(self, jobs: Sequence[T], work: Callable[[T], None]) -> None:
        self._jobs = jobs
        self._work = work
        self._waiting: queue.SimpleQueue[int] = queue.SimpleQueue()
        for index in range(len(jobs)):
            self._waiting.put(index)
        self._finished: set[int] = set()
        self._ended = 0  # jobs that returned or raised
        self._changed = threading.Condition()

    def loop(self) -> None:
        """Take jobs until none is left (one thread's whole life)."""
        while True:
            try:
                index = self._waiting.get_nowait()
            except queue.Empty:
                return
            try:
                self._work(self._jobs[index])
                succeeded = True
            except Exception:  # reported as unfinished, never lost
                succeeded = False
            with self._changed:
                if succeeded:
                    self._finished.add(index)
                self._ended += 1
                self._changed.notify_all()

    def wait(self, deadline: float, progress: Callable[[int], None] | None) -> set[int]:
        """Wait until every job ended or ``deadline``; return those that succeeded."""
        seen = 0
        with self._changed:
            while self._ended < len(self._jobs):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._changed.wait(remaining)
                seen = self._tell(progress, seen)
            self._tell(progress, seen)
            return set(self._finished)

    def _tell(self, progress: Callable[[int], None] | None, seen: int) -> int:
        """Report the jobs finished since ``seen``; return how many are finished."""
        if progress is not None and len(self._finished) > seen:
            progress(len(self._finished) - seen)
        return len(self._finished)
