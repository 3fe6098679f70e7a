"""The ``--online`` options of check and fix, and what an online run prints.

The lookups themselves, and every setting they read from the environment,
live in :mod:`citeman.online.run`; this module only parses and prints.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from citeman.cli.inputs import FiniteRange, stderr_is_terminal
from citeman.cli.output import say
from citeman.config import ActiveRule, Config
from citeman.model import Library
from citeman.online import run
from citeman.online.resolver import Resolver
from citeman.online.run import OnlineOptions
from citeman.problem import Problem

#: Fewer lookups than this finish before a progress bar is worth drawing.
_PROGRESS_FROM = 5

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["OnlineOptions", "options", "report_unverified", "resolve", "summarise"]


def options(command: F) -> F:
    """Add ``--online`` and its companions to a click command."""
    return _connection_options(command, switch=True)


def connection_options(command: F) -> F:
    """Add the companions of ``--online`` (a command that is always online)."""
    return _connection_options(command, switch=False)


def _connection_options(command: F, *, switch: bool) -> F:
    decorators = [
        click.option(
            "--online",
            is_flag=True,
            help="Also verify references against Crossref and DataCite.",
        ),
        click.option(
            "--offline",
            is_flag=True,
            help="Run the online rules from cached answers only.",
        ),
        click.option(
            "--no-cache",
            is_flag=True,
            help="Neither read nor write the caches (online answers, check results).",
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
            help="Retries of a request after 429, 5xx or a timeout.",
        ),
        click.option(
            "--timeout",
            type=FiniteRange(0.1, 300),
            default=20.0,
            show_default=True,
            help="Seconds to wait for one answer.",
        ),
        click.option(
            "--time-limit",
            type=FiniteRange(1, 3600),
            default=300.0,
            show_default=True,
            help="Seconds all lookups of a run may take together.",
        ),
    ]
    for decorator in reversed(decorators[0 if switch else 1 :]):
        command = decorator(command)
    return command


def resolve(
    libraries: Sequence[Library],
    active: Sequence[ActiveRule],
    config: Config,
    chosen: OnlineOptions,
    quiet: bool = False,
) -> Resolver | None:
    """Return a resolver that has looked up what the active online rules need."""
    if not chosen.wanted:
        return None
    resolver = run.open_resolver(chosen, config, warn)
    entries, dois, searches = run.lookups(libraries, active)
    total = resolver.count(entries, dois=dois, searches=searches)
    if stderr_is_terminal() and not quiet and total >= _PROGRESS_FROM:
        with click.progressbar(length=total, label="online", file=sys.stderr) as bar:
            resolver.prefetch(
                entries, dois=dois, searches=searches, progress=bar.update
            )
    else:
        resolver.prefetch(entries, dois=dois, searches=searches)
    return resolver


def report_unverified(resolver: Resolver | None) -> bool:
    """Print one line per cause of failed lookups; return whether there were any."""
    lines = run.unverified_lines(resolver)
    for line in lines:
        say(f"citeman: {line}", err=True)
    return bool(lines)


def summarise(
    resolver: Resolver | None, problems: Sequence[Problem], *, to_stderr: bool
) -> None:
    """Print the summary line of an online run (stderr for machine formats)."""
    if resolver is not None and resolver.looked_up:
        say(run.summary(resolver, problems), err=to_stderr)


def warn(message: str) -> None:
    """Print a warning of the online layer (an unusable cache, say)."""
    say(f"citeman: warning: {message}", err=True)
