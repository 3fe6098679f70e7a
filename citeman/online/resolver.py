"""Look every entry up once, concurrently, and answer the rules from memory.

Rules run one entry at a time and must not wait on the network, so the command
calls :meth:`Resolver.prefetch` first: a few threads fetch each DOI from
Crossref (and, when Crossref does not hold it, from the source its
registration agency names, such as DataCite), the published version a cited
preprint names, and each DOI-less entry's candidates. A lookup that fails is
recorded as :class:`Unverified`; once a source itself fails (unreachable,
overloaded, out of time) its gate closes and the rest fail at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from citeman import doi as doi_module
from citeman.errors import OnlineError
from citeman.model import Entry
from citeman.online import match, reference, workers
from citeman.online.match import MatchResult
from citeman.online.similarity import is_same_family, is_same_title
from citeman.online.work import DoiRecord, Work

if TYPE_CHECKING:  # the HTTP layer (requests) loads only when a run goes online
    from citeman.online.crossref import CrossrefSource

#: Candidates asked for per search: Crossref's advice for re-ranking oneself.
ROWS = 5
#: Published versions a preprint may name that are fetched and checked, at most.
_VERSIONS = 3


class Source(Protocol):
    """What every online source answers; a new source is one module with this."""

    name: str
    can_search: bool

    def work(self, doi: str) -> Work | None:
        """Return the work registered as ``doi``; None when this source lacks it."""
        ...

    def search(self, citation: str, rows: int) -> list[Work]:
        """Return the works this source ranks first for a citation text."""
        ...


@dataclass(frozen=True, slots=True)
class Unverified:
    """An entry that could not be looked up, the one-line cause, and where."""

    path: str
    key: str
    cause: str
    source: str = "crossref"


class Resolver:
    """A :class:`~citeman.rules.base.DoiResolver` over Crossref and other sources.

    ``others`` maps a registration agency's id (``datacite``) to the source that
    holds its DOIs; Crossref's ``/agency`` route says which one to ask.
    """

    def __init__(
        self, crossref: CrossrefSource, others: Mapping[str, Source] | None = None
    ) -> None:
        self.crossref = crossref
        self._others = dict(others or {})
        self._records: dict[str, DoiRecord] = {}
        self._matches: dict[tuple[str, str], MatchResult] = {}
        self._unverified: dict[tuple[str, str, int], Unverified] = {}
        self._looked_up = 0
        self._lock = threading.Lock()

    @property
    def unverified(self) -> list[Unverified]:
        """Return the entries whose lookups failed, in file order."""
        return [self._unverified[place] for place in sorted(self._unverified)]

    @property
    def looked_up(self) -> int:
        """Return how many entries :meth:`prefetch` set out to look up."""
        return self._looked_up

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
        self._looked_up += len(jobs)
        unfinished = workers.run_all(
            jobs,
            self._lookup,
            workers=self.crossref.client.settings.max_workers,
            deadline=self.crossref.client.deadline,
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

    def search(self, text: str) -> list[Work]:
        """Return the candidates every searchable source gives for ``text``."""
        found: list[Work] = []
        for source in (self.crossref, *self._others.values()):
            if source.can_search:
                found += source.search(text, ROWS)
        return found

    def _lookup(self, entry: Entry) -> None:
        try:
            bare = doi_module.normalise(entry.get("doi"))
            if bare is not None:
                self._records[doi_module.key(bare)] = self._fetch_record(bare)
            else:
                self._matches[(entry.path, entry.key)] = self._search(entry)
        except OnlineError as error:
            self._fail(entry, error.cause, error.source)
        except Exception as error:  # a lookup that failed is never a pass
            self._fail(entry, f"lookup failed unexpectedly: {type(error).__name__}")

    def _fetch_record(self, bare: str) -> DoiRecord:
        work, agency = self._fetch(bare)
        published = self._published(work) if work is not None else None
        return DoiRecord(bare, work, agency, published)

    def _fetch(self, bare: str) -> tuple[Work | None, str | None]:
        """Return the work registered as ``bare`` and the agency that holds it."""
        key = doi_module.key(bare)
        work = self.crossref.work(bare)
        if work is None and "//" in bare:
            # APA's legacy aliases (10.1037//0022-006x…) resolve at doi.org;
            # Crossref may hold only the single-slash form.
            work = self.crossref.work(bare.replace("//", "/", 1))
        agency: str | None = self.crossref.name
        if work is None:
            # Crossref only holds its own DOIs; DataCite's are real but 404 here.
            agency = self.crossref.agency(bare)
            other = self._others.get(agency or "")
            work = other.work(bare) if other is not None else None
        if work is not None and doi_module.key(work.doi) not in {
            key,
            key.replace("//", "/", 1),
        }:
            raise OnlineError(f"{work.source} answered for {work.doi!r}, not {bare!r}")
        return work, agency

    def _published(self, preprint: Work) -> Work | None:
        """Return the verified published version ``preprint`` names, if any.

        Only the preprint's own relation is followed (a journal's ``has-preprint``
        can point at another preprint), and the work it names must itself not
        be a preprint and must carry the same title and first author.
        """
        if not preprint.preprint:
            return None
        for target in preprint.published_as[:_VERSIONS]:
            bare = doi_module.normalise(target)
            found = self._fetch(bare)[0] if bare is not None else None
            if found is not None and _same_work(preprint, found):
                return found
        return None

    def _search(self, entry: Entry) -> MatchResult:
        text = reference.query_text(entry)
        result = match.choose(reference.from_entry(entry), self.search(text))
        if result.work is not None and not result.reason and result.work.preprint:
            record = DoiRecord(
                result.work.doi, result.work, result.work.source,
                self._published(result.work),
            )  # fmt: skip
            self._records.setdefault(doi_module.key(result.work.doi), record)
        return result

    def _fail(self, entry: Entry, cause: str, source: str = "crossref") -> None:
        with self._lock:
            failed = Unverified(entry.path, entry.key, cause, source)
            self._unverified.setdefault((entry.path, entry.key, entry.offset), failed)


def _same_work(preprint: Work, published: Work) -> bool:
    if published.preprint or not is_same_title(preprint.title, published.title):
        return False
    if preprint.families and published.families:
        return is_same_family(preprint.families[0], published.families[0])
    return True


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
