"""Look every entry up once, concurrently, and answer the rules from memory.

Rules run one entry at a time and must not wait on the network, so the command
calls :meth:`CrossrefResolver.prefetch` first: a thread pool as wide as
Crossref's concurrency limit fetches each DOI (and, when Crossref does not
hold it, its registration agency) and each DOI-less entry's candidates. A
lookup that fails is recorded as :class:`Unverified`; once Crossref itself
fails (unreachable, overloaded, out of time) the rest are skipped, not tried.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from citeman import doi as doi_module
from citeman.crossref import match, reference, workers
from citeman.crossref.client import CrossrefClient
from citeman.crossref.match import MatchResult
from citeman.crossref.work import DoiRecord, parse_agency, parse_items, parse_work
from citeman.crossref.work import message as envelope
from citeman.errors import CrossrefError
from citeman.model import Entry

#: Candidates asked for per search: Crossref's advice for re-ranking oneself.
ROWS = 5


@dataclass(frozen=True, slots=True)
class Unverified:
    """An entry that could not be looked up, and the one-line cause."""

    path: str
    key: str
    cause: str


class CrossrefResolver:
    """A :class:`~citeman.rules.base.DoiResolver` backed by Crossref."""

    def __init__(self, client: CrossrefClient) -> None:
        self._client = client
        self._records: dict[str, DoiRecord] = {}
        self._matches: dict[tuple[str, str], MatchResult] = {}
        self._unverified: dict[tuple[str, str, int], Unverified] = {}
        self._stopped: str | None = None
        self._lock = threading.Lock()

    @property
    def unverified(self) -> list[Unverified]:
        """Return the entries whose lookups failed, in file order."""
        return [self._unverified[place] for place in sorted(self._unverified)]

    def count(
        self, entries: Iterable[Entry], *, dois: bool = True, searches: bool = True
    ) -> int:
        """Return how many lookups :meth:`prefetch` would make for ``entries``."""
        return sum(1 for entry in entries if _wanted(entry, dois, searches))

    def prefetch(
        self,
        entries: Iterable[Entry],
        *,
        dois: bool = True,
        searches: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Look up every entry's DOI (``dois``) or candidates (``searches``)."""
        jobs = [entry for entry in entries if _wanted(entry, dois, searches)]
        unfinished = workers.run_all(
            jobs,
            self._lookup,
            workers=self._client.settings.max_workers,
            deadline=self._client.deadline,
            progress=progress,
        )
        for entry in unfinished:
            self._fail(entry, "the time limit for lookups ran out")

    def exists(self, doi: str) -> bool:
        """Return whether ``doi`` is registered with Crossref or another agency."""
        found = self.record(doi)
        return found is not None and (found.work is not None or bool(found.agency))

    def record(self, doi: str) -> DoiRecord | None:
        """Return what was learned about ``doi``; None if it was not looked up."""
        return self._records.get(doi_module.key(doi))

    def match(self, entry: Entry) -> MatchResult | None:
        """Return the best candidate for ``entry``; None if it was not searched."""
        return self._matches.get((entry.path, entry.key))

    def _lookup(self, entry: Entry) -> None:
        if self._stopped is not None:
            self._fail(entry, self._stopped)
            return
        try:
            bare = doi_module.normalise(entry.get("doi"))
            if bare is not None:
                self._records[doi_module.key(bare)] = self._fetch_record(bare)
            else:
                self._matches[(entry.path, entry.key)] = self._search(entry)
        except CrossrefError as error:
            with self._lock:
                if error.stop and self._stopped is None:
                    self._stopped = error.cause
            self._fail(entry, error.cause)
        except Exception as error:  # a lookup that failed is never a pass
            self._fail(entry, f"lookup failed unexpectedly: {type(error).__name__}")

    def _fetch_record(self, bare: str) -> DoiRecord:
        key = doi_module.key(bare)
        body = self._client.work(bare)
        if body is None and "//" in bare:
            # APA's legacy aliases (10.1037//0022-006x…) resolve at doi.org;
            # Crossref may hold only the single-slash form.
            body = self._client.work(bare.replace("//", "/", 1))
        if body is not None:
            work = parse_work(envelope(body, "work"))
            if doi_module.key(work.doi) not in {key, key.replace("//", "/", 1)}:
                raise CrossrefError(f"crossref answered for {work.doi!r}, not {bare!r}")
            return DoiRecord(bare, work, "crossref")
        # Crossref only holds its own DOIs; DataCite's are real but 404 here.
        agency = self._client.agency(bare)
        return DoiRecord(bare, None, parse_agency(agency) if agency else None)

    def _search(self, entry: Entry) -> MatchResult:
        body = self._client.search(reference.query_text(entry), ROWS)
        return match.choose(reference.from_entry(entry), parse_items(body))

    def _fail(self, entry: Entry, cause: str) -> None:
        with self._lock:
            failed = Unverified(entry.path, entry.key, cause)
            self._unverified.setdefault((entry.path, entry.key, entry.offset), failed)


def _wanted(entry: Entry, dois: bool, searches: bool) -> bool:
    has_doi = doi_module.normalise(entry.get("doi")) is not None
    if has_doi:
        return dois
    return searches and bool(entry.get("title").strip()) and not entry.get("doi")


def causes(unverified: Sequence[Unverified]) -> dict[str, list[Unverified]]:
    """Group failed lookups by cause, first-seen order, for one line per cause."""
    grouped: dict[str, list[Unverified]] = {}
    for item in unverified:
        grouped.setdefault(item.cause, []).append(item)
    return grouped
