"""An online run: sources built from the settings, every lookup made, the outcome told.

This is the only place that reads ``CITEMAN_MAILTO``, ``CITEMAN_CACHE_DIR``,
``CITEMAN_CROSSREF_URL`` and ``CITEMAN_DATACITE_URL``. Lookups happen here,
before linting, concurrently; the rules then read the answers from memory. A
lookup that fails leaves its entry "not verified" (:func:`unverified_lines`),
and the command exits 2. The command line only parses options and prints.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from citeman.config import ActiveRule, Config
from citeman.errors import OnlineError, UsageError
from citeman.model import Entry, Library
from citeman.online import endpoint, workers
from citeman.online.resolver import Resolver, causes
from citeman.online.work import Work
from citeman.problem import Problem

#: Rules that need each DOI looked up, and those that need DOI-less entries searched.
DOI_RULES = frozenset({"CM303", "CM304", "CM306", "CM308", "CM309"})
SEARCH_RULES = frozenset({"CM305", "CM306", "CM307", "CM308", "CM309"})
#: What the summary line counts, by rules, in this order.
_TALLIED = (
    (("CM306",), "retracted", "retracted"),
    (("CM303", "CM307"), "not found", "not found"),
    (("CM308",), "preprint with a published version",
     "preprints with a published version"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class OnlineOptions:
    """What the command line said about going online."""

    online: bool
    offline: bool
    no_cache: bool
    mailto: str | None
    retries: int
    timeout: float
    time_limit: float

    @property
    def wanted(self) -> bool:
        """Return whether the online rules run (``--offline`` reads the cache)."""
        return self.online or self.offline


def open_resolver(
    chosen: OnlineOptions, config: Config, warn: Callable[[str], None]
) -> Resolver:
    """Return a resolver over Crossref and DataCite, as the options and environment say.

    Every setting is checked here, once, before any request: a bad URL or
    contact is a :class:`UsageError`; an unusable cache is a ``warn``-ing.
    The HTTP layer (requests, requests-cache) is imported here, not at the
    top: every command imports this module, and only online runs need it.
    """
    from citeman.online import cache, crossref, datacite
    from citeman.online.client import DEFAULT_URL, Client, Settings

    if chosen.offline and chosen.no_cache:
        raise UsageError("--offline reads the cache, so it cannot go with --no-cache")
    settings = Settings(
        base_url=_url("CITEMAN_CROSSREF_URL", DEFAULT_URL),
        mailto=_contact(chosen, config),
        read_timeout=chosen.timeout,
        connect_timeout=min(5.0, chosen.timeout),
        retries=chosen.retries,
        time_limit=chosen.time_limit,
    )
    other = dataclasses.replace(
        settings, base_url=_url("CITEMAN_DATACITE_URL", datacite.DEFAULT_URL)
    )
    directory = None if chosen.no_cache else cache_directory()
    session = cache.build(cache.CachePolicy(directory, offline=chosen.offline), warn)
    deadline = time.monotonic() + settings.time_limit
    return Resolver(
        crossref.CrossrefSource(Client(session, settings, crossref.NAME, deadline)),
        {datacite.NAME: datacite.DataCiteSource(
            Client(session, other, datacite.NAME, deadline))},
    )  # fmt: skip


def lookups(
    libraries: Sequence[Library], active: Sequence[ActiveRule]
) -> tuple[list[Entry], bool, bool]:
    """Return the entries to look up and whether DOIs and searches are wanted."""
    codes = {item.rule.code for item in active}
    entries = [entry for library in libraries for entry in library.entries]
    return entries, bool(codes & DOI_RULES), bool(codes & SEARCH_RULES)


def search(resolver: Resolver, text: str) -> list[Work]:
    """Return the candidates for a citation ``text``, within the run's time limit.

    The search runs on a worker thread like every lookup, so that a server
    trickling its answer cannot hold the command past the deadline.
    """
    found: list[list[Work]] = []
    failed: list[OnlineError] = []

    def ask(query: str) -> None:
        try:
            found.append(resolver.search(query))
        except OnlineError as error:
            failed.append(error)
        except Exception as error:  # a lookup that failed is never a pass
            cause = f"lookup failed unexpectedly: {type(error).__name__}"
            failed.append(OnlineError(cause))

    from citeman.online.transport import OUT_OF_TIME

    deadline = resolver.crossref.client.deadline
    workers.run_all([text], ask, workers=1, deadline=deadline)
    if failed:
        raise failed[0]
    if not found:
        raise OnlineError(OUT_OF_TIME, stop=True)
    return found[0]


def cache_directory() -> Path:
    """Return ``CITEMAN_CACHE_DIR``, else the user cache directory of citeman."""
    configured = os.environ.get("CITEMAN_CACHE_DIR")
    return (
        Path(configured) if configured else Path(platformdirs.user_cache_dir("citeman"))
    )


def unverified_lines(resolver: Resolver | None) -> list[str]:
    """Return one line per cause of failed lookups, naming files and keys."""
    if resolver is None:
        return []
    lines = []
    for cause, items in causes(resolver.unverified).items():
        by_file: dict[str, list[str]] = {}
        for item in items:
            by_file.setdefault(item.path, []).append(item.key)
        where = "; ".join(
            f"{path}: {', '.join(keys)}" for path, keys in by_file.items()
        )
        count = len(items)
        noun = "entry" if count == 1 else "entries"
        lines.append(
            f"{items[0].source}: {cause}; {count} {noun} not verified ({where})"
        )
    return lines


def summary(resolver: Resolver, problems: Sequence[Problem]) -> str:
    """Return the line after an online run: how many verified, and what was found."""
    total = resolver.looked_up
    verified = total - len(resolver.unverified)
    line = f"verified {verified} of {total} reference{'s' if total != 1 else ''}"
    counts = []
    for codes, one, many in _TALLIED:
        count = sum(1 for problem in problems if problem.code in codes)
        if count:
            counts.append(f"{count} {one if count == 1 else many}")
    return f"{line}: {', '.join(counts)}" if counts else line


def _url(variable: str, default: str) -> str:
    return endpoint.base_url(os.environ.get(variable) or default, variable)


def _contact(chosen: OnlineOptions, config: Config) -> str:
    """Return the first contact given, checked to be an address, or ""."""
    for value, where in (
        (chosen.mailto, "--mailto"),
        (os.environ.get("CITEMAN_MAILTO"), "CITEMAN_MAILTO"),
        (config.mailto, f"mailto in {config.source}" if config.source else "mailto"),
    ):
        if value:
            return endpoint.mailto(value, where)
    return ""
