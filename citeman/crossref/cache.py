"""The HTTP session Crossref answers go through, cached on disk or not at all.

Answers are kept in an SQLite file (requests-cache) so that a second run over
the same library sends no request. Found works and "not found" answers are
both kept: Crossref asks clients not to poll a missing DOI again and again.
"""

from __future__ import annotations

import json
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


def build(policy: CachePolicy) -> requests.Session:
    """Return a session that caches as ``policy`` says."""
    if policy.directory is None:
        return requests.Session()
    policy.directory.mkdir(parents=True, exist_ok=True)
    return requests_cache.CachedSession(
        str(policy.directory / CACHE_FILE),
        backend="sqlite",
        expire_after=policy.expiry,
        allowable_codes=(200, 404),
        allowable_methods=("GET",),
        # Request headers (the User-Agent naming a mailto) must not split the cache.
        match_headers=False,
        only_if_cached=policy.offline,
        filter_fn=is_complete,
    )


def is_complete(response: requests.Response) -> bool:
    """Return whether an answer is worth keeping: a 404, or a 200 that is JSON.

    A body cut off in transit would otherwise be replayed for a week.
    """
    if response.status_code != 200:
        return True
    try:
        json.loads(response.content)
    except ValueError:
        return False
    return True
