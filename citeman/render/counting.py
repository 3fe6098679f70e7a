"""Count long loops for a progress line, without a call per item."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
#: Items between two reports.
EVERY = 500


def counted(
    items: Iterable[T], advance: Callable[[int], None] | None, every: int = EVERY
) -> Iterator[T]:
    """Yield ``items``, telling ``advance`` every ``every`` items and at the end.

    >>> told = []
    >>> list(counted("abcde", told.append, every=2)), told
    (['a', 'b', 'c', 'd', 'e'], [2, 2, 1])
    """
    if advance is None:
        yield from items
        return
    count = 0
    for count, item in enumerate(items, 1):
        yield item
        if count % every == 0:
            advance(every)
    if count % every:
        advance(count % every)
