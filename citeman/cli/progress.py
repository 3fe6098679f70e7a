"""Say what a slow command is doing, but only once it has taken about a second.

A quick run prints nothing but its results. On a terminal, a run still going
after :data:`DELAY` seconds says which file it reads, then keeps one status
line up to date on stderr for each stage of the work that lasts (parsing,
checking entries, each library-wide rule, vetting fixes, writing the output):
its name, the count done when there is one, the seconds it has taken and a
turning wheel, redrawn several times a second so that it never sits still.
The line is erased when the work ends; nothing goes to stdout.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType

from citeman.cli.output import say

#: Seconds of silence before the first word about progress.
DELAY = 1.0
#: Seconds a stage runs before its line is first drawn.
STAGE_DELAY = 0.5
#: Seconds between redraws.
TICK = 0.25
#: Drawn at the end of the status line, one after the other at each redraw.
_WHEEL = "|/-\\"


def _delays() -> tuple[float, float]:
    """Return (DELAY, STAGE_DELAY); tests set ``CITEMAN_PROGRESS_DELAY`` for both."""
    chosen = os.environ.get("CITEMAN_PROGRESS_DELAY")
    if chosen:
        return float(chosen), float(chosen)
    return DELAY, STAGE_DELAY


class LateStatus:
    """A status line on stderr that waits :data:`DELAY` seconds, then keeps moving."""

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._delay, self._stage_delay = _delays()
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._message = ""
        self._shown = False
        self._drawn = False
        self._label = ""
        self._total: int | None = None
        self._done = 0
        self._stage_started = self._started
        self._turns = 0
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick, daemon=True)
        if enabled:
            self._ticker.start()

    def __enter__(self) -> LateStatus:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._ticker.is_alive():
            self._ticker.join()
        with self._lock:
            self._enabled = False
            self._erase()

    def say(self, message: str) -> None:
        """Show ``message`` now if the run is already slow, else when it becomes so."""
        with self._lock:
            self._message = message
            if self._enabled and self._shown:
                self._erase()
                say(message, err=True)
                self._message = ""

    def stage(self, label: str, total: int | None = None) -> None:
        """Start the stage ``label`` of ``total`` steps (None: not counted)."""
        with self._lock:
            self._label, self._total, self._done = label, total, 0
            self._stage_started = time.monotonic()
            self._update(self._stage_started)

    def advance(self, done: int) -> None:
        """Count ``done`` more steps of the current stage."""
        with self._lock:
            self._done += done
            self._update(time.monotonic())

    def progress(self, total: int) -> Callable[[int], None]:
        """Start the stage of checking ``total`` entries; return its counter."""
        self.stage("checking entries", total)
        return self.advance

    def _tick(self) -> None:
        while not self._stop.wait(TICK):
            with self._lock:
                self._update(time.monotonic())

    def _update(self, now: float) -> None:
        """Say what waited, and draw the stage line once due (lock held)."""
        if not self._enabled or now - self._started < self._delay:
            return
        if not self._shown:
            self._shown = True
            if self._message:
                say(self._message, err=True)
                self._message = ""
        # Once a line is up, every stage is drawn at once: no stale line.
        due = self._drawn or now - self._stage_started >= self._stage_delay
        if self._label and due:
            self._draw(now)

    def _draw(self, now: float) -> None:
        count = "" if self._total is None else f" {self._done:,}/{self._total:,}"
        seconds = int(now - self._stage_started)
        # The wheel turns at every redraw (every TICK): the line never sits
        # still, even while a count waits for a slow step.
        self._turns += 1
        wheel = _WHEEL[self._turns % len(_WHEEL)]
        sys.stderr.write(f"\r{self._label}{count} ({seconds} s) {wheel}\033[K")
        sys.stderr.flush()
        self._drawn = True

    def _erase(self) -> None:
        if self._drawn:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self._drawn = False
