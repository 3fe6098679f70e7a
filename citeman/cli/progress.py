"""Say what a slow command is doing, but only once it has taken about a second.

A quick run prints nothing but its results; a run that is still reading or
checking after :data:`DELAY` seconds says which file it reads and draws a
progress bar, on a terminal only.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType

import click
from click._termui_impl import ProgressBar

from citeman.cli.output import say

#: Seconds of silence before the first word about progress.
DELAY = 1.0


class LateStatus:
    """A status line and progress bar on stderr that wait :data:`DELAY` seconds."""

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._lock = threading.Lock()
        self._message = ""
        self._shown = False
        self._timer = threading.Timer(DELAY, self._wake)
        self._timer.daemon = True
        self._bar: ProgressBar[int] | None = None
        self._pending = 0
        if enabled:
            self._timer.start()

    def __enter__(self) -> LateStatus:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._timer.cancel()
        with self._lock:
            self._enabled = False
        if self._bar is not None:
            self._bar.render_finish()

    def say(self, message: str) -> None:
        """Show ``message`` now if the run is already slow, else when it becomes so."""
        with self._lock:
            self._message = message
            if self._enabled and self._shown:
                say(message, err=True)
                self._message = ""

    def _wake(self) -> None:
        with self._lock:
            if not self._enabled:
                return
            self._shown = True
            if self._message:
                say(self._message, err=True)
                self._message = ""

    def progress(self, total: int) -> Callable[[int], None]:
        """Return the callback the linter calls with each batch of entries checked.

        The bar appears once checking itself has taken :data:`DELAY` seconds.
        """
        return functools.partial(self.advance, total, time.monotonic())

    def advance(self, total: int, started: float, done: int) -> None:
        """Count ``done`` more of ``total`` entries; draw the bar once slow."""
        self._pending += done
        if not self._enabled or time.monotonic() - started < DELAY:
            return
        if self._bar is None:
            self._bar = click.progressbar(
                length=total, label="checking", file=sys.stderr
            )
        self._bar.update(self._pending)
        self._pending = 0
