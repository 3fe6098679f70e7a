"""The HTTP session Crossref answers go through, cached on disk or not at all.

Answers are kept in an SQLite file (requests-cache) so that a second run over
the same library sends no request. Found works and "not found" answers are
both kept: Crossref asks clients not to poll a missing DOI again and again.
A cache that cannot be used (its folder is a file, unwritable, or the file is
not a database) is a warning, never a failure: the run goes on without it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import requests
import requests_cache

#: How long an answer is reused. Crossref metadata changes rarely, and a newly
#: registered DOI missed by an old "not found" appears after a week at most.
EXPIRY = timedelta(days=7)
CACHE_FILE = "crossref.sqlite"


@dataclass(frozen=True, slots=True)
class CachePolicy:
    """Where answers are cached, whether to use them, and whether to go online.

    ``directory`` None means no cache (``--no-cache``); ``offline`` answers from
    the cache only and never touches the network (``--offline``).
    """

    directory: Path | None
    offline: bool = False
    expiry: timedelta = EXPIRY


def build(policy: CachePolicy, warn: Callable[[str], None]) -> requests.Session:
    """Return a session that caches as ``policy`` says.

    When the cache cannot be opened, ``warn`` is told why and the session
    caches nothing; with ``offline`` it then answers nothing either.
    """
    if policy.directory is None:
        return requests.Session()
    path = policy.directory / CACHE_FILE
    try:
        policy.directory.mkdir(parents=True, exist_ok=True)
        session = _cached(str(path), "sqlite", policy)
        _probe(path, writable=not policy.offline)
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error)
        warn(f"cache {path} cannot be used ({reason}); continuing without a cache")
        if policy.offline:
            return _cached("unusable", "memory", policy)
        return requests.Session()
    return session


def _cached(name: str, backend: str, policy: CachePolicy) -> requests.Session:
    return requests_cache.CachedSession(
        name,
        backend=backend,
        expire_after=policy.expiry,
        allowable_codes=(200, 404),
        allowable_methods=("GET",),
        # Request headers (the User-Agent naming a mailto) must not split the cache.
        match_headers=False,
        only_if_cached=policy.offline,
        filter_fn=is_complete,
    )


def _probe(path: Path, *, writable: bool) -> None:
    """Raise sqlite3.Error unless ``path`` is a database to read (and write)."""
    connection = sqlite3.connect(path, timeout=5)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if writable:
            connection.execute("BEGIN IMMEDIATE")
            connection.rollback()
    finally:
        connection.close()


def is_complete(response: requests.Response) -> bool:
    """Return whether an answer is worth keeping: a 404, or a 200 that is JSON.

    A body cut off in transit would otherwise be replayed for a week.
    """
    if response.status_code != 200:
        return True
    try:
        json.loads(response.content)
    except (ValueError, RecursionError):
        return False
    return True
