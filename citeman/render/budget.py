"""Bound what a user's template may cost: time, output size, loops and numbers.

Jinja's sandbox keeps a template away from Python, but not from the CPU: a
nested loop or ``9**9**9`` runs for hours, and a self-calling macro or a
repeated string fills memory. A style is code from someone else, so each
reference is rendered within a budget, and a template that overruns it stops
with an :class:`OverBudget` naming the limit (the engine adds template and line).

Three guards, each cheap: the ``**`` and ``*`` operators refuse results that
would be huge; ``range`` counts every number it hands out; the output is
streamed and measured, and a timer (where the platform has one) ends a
rendering that runs too long whatever it does.
"""

from __future__ import annotations

import operator
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

#: Generous: a reference is a few hundred characters and renders in microseconds.
SECONDS = 2.0
OUTPUT_CHARACTERS = 1_000_000
RANGE_ITEMS = 1_000_000
#: The largest power or repetition a template may compute.
_POWER_BITS = 4096


class OverBudget(RuntimeError):
    """A template ran too long, printed too much, or computed too large a value."""


@dataclass(frozen=True)
class Budget:
    """The limits of one reference's rendering."""

    seconds: float = SECONDS
    output_characters: int = OUTPUT_CHARACTERS
    range_items: int = RANGE_ITEMS


def call_binop(operator_name: str, left: object, right: object) -> object:
    """Compute ``left ** right`` or ``left * right``, refusing huge results.

    >>> call_binop("**", 2, 10), call_binop("*", "ab", 2)
    (1024, 'abab')
    >>> call_binop("**", 9, 9 ** 9)
    Traceback (most recent call last):
    ...
    citeman.render.budget.OverBudget: 9 ** 387420489 is too large for a template
    """
    if operator_name == "**" and _is_huge_power(left, right):
        raise OverBudget(f"{left} ** {right} is too large for a template")
    if operator_name == "*" and _is_huge_repetition(left, right):
        raise OverBudget("a repeated string or list is too large for a template")
    binop: Callable[[object, object], object] = getattr(
        operator, {"**": "pow", "*": "mul"}[operator_name]
    )
    return binop(left, right)


def _is_huge_power(base: object, exponent: object) -> bool:
    if not (isinstance(base, int) and isinstance(exponent, int)):
        return False
    return (
        exponent > 0
        and abs(base) > 1
        and (exponent * abs(base).bit_length() > _POWER_BITS)
    )


def _is_huge_repetition(left: object, right: object) -> bool:
    count, sequence = (right, left) if isinstance(right, int) else (left, right)
    if not (isinstance(count, int) and isinstance(sequence, str | list | tuple)):
        return False
    return count * len(sequence) > OUTPUT_CHARACTERS


class Meter:
    """Counts what one rendering used; ``range`` and the output stream report here."""

    def __init__(self, budget: Budget) -> None:
        """Start counting against ``budget``."""
        self.budget = budget
        self.items = 0
        self.deadline = time.process_time() + budget.seconds

    def counted_range(self, *bounds: int) -> Iterator[int]:
        """Yield ``range(*bounds)``, stopping the rendering past the budget."""
        numbers = range(*bounds)
        self.items += len(numbers)
        if self.items > self.budget.range_items:
            raise OverBudget(
                f"loops over more than {self.budget.range_items} numbers in all"
            )
        return iter(numbers)

    def measured(self, chunks: Iterator[str]) -> str:
        """Join the streamed output, stopping it past the size or time budget.

        The error is thrown into the template's generator, so that it is
        raised at the template line that printed too much.
        """
        pieces = []
        size = 0
        for chunk in chunks:
            size += len(chunk)
            pieces.append(chunk)
            if size > self.budget.output_characters:
                limit = f"printed more than {self.budget.output_characters} characters"
                _stop(chunks, OverBudget(limit))
            if time.process_time() > self.deadline:
                _stop(
                    chunks, OverBudget(f"ran for more than {self.budget.seconds:g} s")
                )
        return "".join(pieces)


def _stop(chunks: Iterator[str], error: OverBudget) -> None:
    """Raise ``error`` inside the generator, where its traceback names the line."""
    if isinstance(chunks, Generator):
        chunks.throw(error)
    raise error


@contextmanager
def timer(seconds: float) -> Iterator[Callable[[], None]]:
    """Raise :class:`OverBudget` where the code is once ``seconds`` of CPU have passed.

    Yields ``restart``, which gives the next reference its own ``seconds``. A
    loop that prints nothing and calls nothing can only be stopped from
    outside: an interval timer, which exists in the main thread of a POSIX
    process. Elsewhere the output and range guards still hold.

    The seconds are the process's CPU time (``ITIMER_PROF``), as are the
    output guard's (:meth:`Meter.measured`): on a machine busy with other
    work, a reference that waited for the CPU (or for memory to be paged in)
    has not cost what the budget bounds, and a wall-clock budget stopped
    well-behaved styles there.
    """
    usable = hasattr(signal, "setitimer") and (
        threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield lambda: None
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise OverBudget(f"ran for more than {seconds:g} s")

    def restart() -> None:
        signal.setitimer(signal.ITIMER_PROF, seconds)

    # Whoever set a timer before gets it (and its handler) back afterwards.
    pending = signal.getitimer(signal.ITIMER_PROF)
    previous = signal.signal(signal.SIGPROF, expire)
    try:
        yield restart
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        if pending[0] > 0:
            signal.setitimer(signal.ITIMER_PROF, *pending)
