"""Stop cleanly on Ctrl-C, SIGTERM and SIGHUP, with the exit code a shell expects.

Python ends on SIGTERM and SIGHUP without unwinding, which would leave a
half-written temporary file beside the file being fixed. Here they raise
:class:`Stopped` instead, so every ``finally`` runs (removing that file) before
citeman exits with 128 + the signal's number; Ctrl-C exits 130, not 1 (which
means "problems found").
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import click

from citeman.cli.output import say

_CAUGHT = (signal.SIGTERM, signal.SIGHUP)


class Stopped(BaseException):
    """A signal asked citeman to stop (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _stop(number: int, frame: FrameType | None) -> None:
    raise Stopped(number)


@contextmanager
def stopping_cleanly() -> Iterator[None]:
    """Run the block with SIGTERM/SIGHUP raising; exit 128+N on any stop signal."""
    # Handlers can only be set from the main thread (not, say, in a server's).
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    try:
        # Inside the try: a Ctrl-C just after the first handler is set (the
        # moment a caller may take the command as started) still exits 130.
        for number in _CAUGHT:
            previous[number] = signal.signal(number, _stop)
        yield
    except KeyboardInterrupt:
        _exit(signal.SIGINT)
    except Stopped as stop:
        _exit(signal.Signals(stop.number))
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _exit(number: signal.Signals) -> None:
    say(f"citeman: stopped by {number.name}", err=True)
    sys.exit(128 + number.value)


class StoppableGroup(click.Group):
    """A click group whose commands run under :func:`stopping_cleanly`."""

    def invoke(self, ctx: click.Context) -> object:
        """Run the chosen command; a stop signal ends it with 128 + its number."""
        with stopping_cleanly():
            return super().invoke(ctx)
