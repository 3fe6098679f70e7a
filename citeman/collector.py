"""Pause Python's cyclic garbage collector while bulk work allocates acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the body with the cyclic collector off, restoring its previous state.

    Parsing and linting a large library create millions of small objects and no
    reference cycles; each automatic collection would re-scan the whole growing
    heap for nothing, costing a fifth of the run. Reference counting still frees
    everything as usual.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
