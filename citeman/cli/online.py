"""The ``--online`` options of check and fix: build the resolver, run it, report.

This is the only place that reads ``CITEMAN_MAILTO``, ``CITEMAN_CACHE_DIR`` and
``CITEMAN_CROSSREF_URL``. Lookups happen here, before linting, concurrently
and with a progress bar on a terminal; the rules then read the answers from
memory. A lookup that fails leaves its entry "not verified": one line per
cause on stderr, and the command exits 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click
import platformdirs

from citeman.cli.inputs import stderr_is_terminal
from citeman.cli.output import say
from citeman.config import ActiveRule, Config
from citeman.crossref import cache, endpoint
from citeman.crossref.client import DEFAULT_URL, CrossrefClient, Settings
from citeman.crossref.resolver import CrossrefResolver, causes
from citeman.errors import UsageError
from citeman.model import Library

#: Fewer lookups than this finish before a progress bar is worth drawing.
_PROGRESS_FROM = 5
_DOI_RULES = frozenset({"CM303", "CM304"})
_SEARCH_RULES = frozenset({"CM305"})

F = TypeVar("F", bound=Callable[..., Any])


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


def options(command: F) -> F:
    """Add ``--online`` and its companions to a click command."""
    decorators = [
        click.option(
            "--online", is_flag=True, help="Also check DOIs against Crossref."
        ),
        click.option(
            "--offline",
            is_flag=True,
            help="Run the online rules from cached Crossref answers only.",
        ),
        click.option(
            "--no-cache", is_flag=True, help="Neither read nor write the answer cache."
        ),
        click.option(
            "--mailto",
            metavar="EMAIL",
            help="Contact sent to Crossref (polite pool) [default: CITEMAN_MAILTO, "
            "or mailto in the configuration].",
        ),
        click.option(
            "--retries",
            type=click.IntRange(0, 10),
            default=3,
            show_default=True,
            help="Retries of a Crossref request after 429, 5xx or a timeout.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(0.1, 300),
            default=20.0,
            show_default=True,
            help="Seconds to wait for one Crossref answer.",
        ),
        click.option(
            "--time-limit",
            type=click.FloatRange(1, 3600),
            default=300.0,
            show_default=True,
            help="Seconds all Crossref lookups of a run may take together.",
        ),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def resolve(
    libraries: Sequence[Library],
    active: Sequence[ActiveRule],
    config: Config,
    chosen: OnlineOptions,
    quiet: bool = False,
) -> CrossrefResolver | None:
    """Return a resolver that has looked up what the active online rules need."""
    if not chosen.wanted:
        return None
    if chosen.offline and chosen.no_cache:
        raise UsageError("--offline reads the cache, so it cannot go with --no-cache")
    codes = {item.rule.code for item in active}
    settings = Settings(
        base_url=endpoint.base_url(
            os.environ.get("CITEMAN_CROSSREF_URL") or DEFAULT_URL,
            "CITEMAN_CROSSREF_URL",
        ),
        mailto=_contact(chosen, config),
        read_timeout=chosen.timeout,
        connect_timeout=min(5.0, chosen.timeout),
        retries=chosen.retries,
        time_limit=chosen.time_limit,
    )
    directory = None if chosen.no_cache else cache_directory()
    policy = cache.CachePolicy(directory, offline=chosen.offline)
    session = cache.build(policy, _warn)
    resolver = CrossrefResolver(CrossrefClient(session, settings))
    entries = [entry for library in libraries for entry in library.entries]
    dois, searches = bool(codes & _DOI_RULES), bool(codes & _SEARCH_RULES)
    total = resolver.count(entries, dois=dois, searches=searches)
    if stderr_is_terminal() and not quiet and total >= _PROGRESS_FROM:
        with click.progressbar(length=total, label="crossref", file=sys.stderr) as bar:
            resolver.prefetch(
                entries, dois=dois, searches=searches, progress=bar.update
            )
    else:
        resolver.prefetch(entries, dois=dois, searches=searches)
    return resolver


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


def _warn(message: str) -> None:
    click.echo(f"citeman: warning: {message}", err=True)


def cache_directory() -> Path:
    """Return ``CITEMAN_CACHE_DIR``, else the user cache directory of citeman."""
    configured = os.environ.get("CITEMAN_CACHE_DIR")
    return (
        Path(configured) if configured else Path(platformdirs.user_cache_dir("citeman"))
    )


def report_unverified(resolver: CrossrefResolver | None) -> bool:
    """Print one line per cause of failed lookups; return whether there were any."""
    if resolver is None or not resolver.unverified:
        return False
    for cause, items in causes(resolver.unverified).items():
        by_file: dict[str, list[str]] = {}
        for item in items:
            by_file.setdefault(item.path, []).append(item.key)
        where = "; ".join(
            f"{path}: {', '.join(keys)}" for path, keys in by_file.items()
        )
        count = len(items)
        noun = "entry" if count == 1 else "entries"
        say(
            f"citeman: crossref: {cause}; {count} {noun} not verified ({where})",
            err=True,
        )
    return True
