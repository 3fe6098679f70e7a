"""The real libraries, parsed once per test session (they take seconds to parse)."""

from __future__ import annotations

from functools import cache

from citeman import parse
from citeman.model import Library
from tests.conftest import real_corpora


@cache
def real_library(name: str) -> Library:
    """Return the parsed real library ``name`` (its file name without .bib)."""
    return parse.load(real_corpora() / f"{name}.bib")
