"""The case knowledge of the library being rendered, for the ``sentence`` filter.

APA writes titles in sentence case, keeping proper nouns (§6.17). Which
capitalised words are proper nouns, and whether a short title is in Title
Case, the library itself tells best (:mod:`citeman.title_census`, as the
title-case rule reads it). Templates pass the filter only a title, so the
census of the whole list is set here for the time one list is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from citeman.model import Entry
from citeman.render.counting import counted
from citeman.text import NO_CASING, Casing
from citeman.title_census import casing_of_titles
from citeman.title_language import is_english

_CURRENT: ContextVar[Casing] = ContextVar("library_casing", default=NO_CASING)


def of_library(
    entries: Sequence[Entry], advance: Callable[[int], None] | None = None
) -> Casing:
    """Return what the English titles of ``entries`` tell of their words' case.

    ``advance`` counts the entries read.
    """
    return casing_of_titles(
        entry.get("title")
        for entry in counted(entries, advance)
        if entry.get("title").strip() and is_english(entry)
    )


@contextmanager
def using(casing: Casing) -> Iterator[None]:
    """Make ``casing`` (see :func:`of_library`) :func:`current` inside the block."""
    token = _CURRENT.set(casing)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current() -> Casing:
    """Return the casing of the library being rendered (nothing known outside)."""
    return _CURRENT.get()
