"""A resolver that answers from the recorded corpus in-process, for the case files.

The rule case runner has no HTTP server; this gives it the real
:class:`CrossrefResolver` (parsing, matching, bookkeeping) over the same
recorded works the fake server serves, with only the transport left out.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from citeman.crossref.client import Settings
from citeman.crossref.resolver import CrossrefResolver
from citeman.model import Library
from tests.crossref.fake import Corpus


class CorpusClient:
    """The three questions of :class:`CrossrefClient`, answered from the corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.settings = Settings(max_workers=1)
        self.deadline = time.monotonic() + 60
        self._corpus = corpus

    def work(self, doi: str) -> object | None:
        return self._corpus.work_body(doi)

    def agency(self, doi: str) -> object | None:
        return self._corpus.agency_body(doi)

    def search(self, citation: str, rows: int) -> object:
        return self._corpus.search_body(citation, rows)


def recorded_resolver(libraries: Sequence[Library]) -> CrossrefResolver:
    """Return a resolver that has looked up every entry of ``libraries``."""
    resolver = CrossrefResolver(CorpusClient(Corpus.load()))  # type: ignore[arg-type]
    resolver.prefetch(entry for library in libraries for entry in library.entries)
    return resolver
