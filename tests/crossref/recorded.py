"""A resolver that answers from the recorded corpus in-process, for the case files.

The rule case runner has no HTTP server; this gives it the real
:class:`Resolver` (parsing, matching, bookkeeping) over the same recorded
works the fake server serves, with only the transport left out.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from citeman.model import Library
from citeman.online.client import Settings
from citeman.online.crossref import parse_agency, parse_items, parse_work
from citeman.online.datacite import parse_doi
from citeman.online.resolver import Resolver
from citeman.online.work import Work
from tests.crossref.fake import Corpus
from tests.crossref.fake_datacite import DataCiteCorpus


class CorpusClient:
    """The settings and deadline a source's client carries, without the HTTP."""

    def __init__(self) -> None:
        self.settings = Settings(max_workers=1)
        self.deadline = time.monotonic() + 60


class CorpusCrossref:
    """Crossref's questions, answered from the recorded corpus."""

    name = "crossref"
    can_search = True

    def __init__(self, corpus: Corpus) -> None:
        self.client = CorpusClient()
        self._corpus = corpus

    def work(self, doi: str) -> Work | None:
        body = self._corpus.work_body(doi)
        return None if body is None else parse_work(body["message"])

    def agency(self, doi: str) -> str | None:
        body = self._corpus.agency_body(doi)
        return None if body is None else parse_agency(body)

    def search(self, citation: str, rows: int) -> list[Work]:
        return parse_items(self._corpus.search_body(citation, rows))


class CorpusDataCite:
    """DataCite's lookup by DOI, answered from its recorded corpus."""

    name = "datacite"
    can_search = False

    def __init__(self, corpus: DataCiteCorpus) -> None:
        self._corpus = corpus

    def work(self, doi: str) -> Work | None:
        body = self._corpus.doi_body(doi)
        return None if body is None else parse_doi(body)

    def search(self, citation: str, rows: int) -> list[Work]:
        return []


def recorded_resolver(libraries: Sequence[Library]) -> Resolver:
    """Return a resolver that has looked up every entry of ``libraries``."""
    crossref = CorpusCrossref(Corpus.load())
    datacite = CorpusDataCite(DataCiteCorpus.load())
    resolver = Resolver(crossref, {"datacite": datacite})  # type: ignore[arg-type]
    resolver.prefetch(entry for library in libraries for entry in library.entries)
    return resolver
