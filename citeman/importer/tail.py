"""Read the end of an APA reference: DOI or URL, retrieval date, original date.

These come last in every reference type (§9.34–9.36, §9.41), so they are
taken off the end first and the rest is read without them.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from citeman import doi as doi_module
from citeman.dates import MONTHS
from citeman.importer.record import Draft

_ORIGINAL = re.compile(r"\s*\(Original work published (\d{4})\)\.?\s*$")
_LINK = re.compile(r"(?:^|\s)((?:https?://|doi:\s*|www\.)\S+?)[.,;]?\s*$", re.I)
_RETRIEVED = re.compile(
    rf"\s*Retrieved (?P<month>{'|'.join(MONTHS)}) (?:(?P<day>\d{{1,2}}), )?"
    r"(?P<year>\d{4}), from\s*$"
)


def read(draft: Draft, text: str, end: int) -> int:
    """Put the tail's fields in ``draft``; return where the rest of it ends."""
    original = _ORIGINAL.search(text, 0, end)
    if original:
        draft.put("origyear", original[1], original.start(1), original.end(1))
        end = original.start()
    link = _LINK.search(text, 0, end)
    if link is None:
        return end
    _put_link(draft, link[1], link.start(1), link.end(1))
    end = link.start(1)
    retrieved = _RETRIEVED.search(text, 0, end)
    if retrieved:
        month = MONTHS.index(retrieved["month"]) + 1
        day = f"-{int(retrieved['day']):02d}" if retrieved["day"] else ""
        seen = f"{retrieved['year']}-{month:02d}{day}"
        draft.put("urldate", seen, retrieved.start(), retrieved.end())
        end = retrieved.start()
    return len(text[:end].rstrip())


def _put_link(draft: Draft, link: str, start: int, end: int) -> None:
    """Store a DOI (however written) bare in ``doi``, any other link in ``url``."""
    is_doi = link.lower().startswith("doi:") or "doi.org/" in link.lower()
    bare = doi_module.normalise(unquote(link)) if is_doi else None
    if bare:
        draft.put("doi", bare, start, end)
    else:
        draft.put("url", link, start, end)
