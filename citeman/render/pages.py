"""Where in a work a reference points: page ranges, chapter pages, article numbers."""

from __future__ import annotations

import re

from citeman.latex import to_text
from citeman.render.markup import Markup, Safe
from citeman.render.reference import Reference

_PAGE = r"[A-Za-z]{0,3}\d+[A-Za-z]?|[ivxlcdmIVXLCDM]+"
_RANGE = re.compile(rf"\s*({_PAGE})(?:\s*(?:-+|–|—|‑|−)\s*({_PAGE}))?")
_E_LOCATOR = re.compile(r"e\d+", re.IGNORECASE)
# An article number where pages would be: an e-number, SPIE's 64730T, or a long
# or zero-padded number (Physical Review's 085318); pages have fewer digits.
_ARTICLE_NUMBER = re.compile(r"[A-Za-z]{0,2}(?:\d{5,}|0\d{3,}|\d{4,}[A-Za-z])")


def pages(markup: Markup, value: str) -> str | Safe:
    """Return a page range with the format's en dash, stray characters dropped.

    A value that is not page numbers at all is printed as written.

    >>> from citeman.render.markup import TEXT
    >>> [str(pages(TEXT, value)) for value in ("1009--1016", "72. 2", "e140-e149")]
    ['1009–1016', '72', 'e140–e149']
    >>> str(pages(TEXT, "5509--13"))
    '5509–5513'
    """
    shown = to_text(value)
    parts = []
    for part in shown.split(","):
        found = _RANGE.match(part)
        if found is None:
            return shown
        bounds = [bound for bound in found.groups() if bound]
        if len(bounds) == 2:
            bounds[1] = _unelided(*bounds)
        # A "range" from a page to itself is that page (APA prints 24, not 24–24).
        parts.append(
            bounds[:1] if len(bounds) == 2 and bounds[0] == bounds[1] else bounds
        )
    ranges: list[str] = [markup.dashed(bounds) for bounds in parts if bounds]
    return markup.join(ranges, ", ")


def _unelided(first: str, last: str) -> str:
    """Return the last page of a range written in full: 5509--13 ends at 5513.

    APA prints page numbers in full (no elision, as in all its examples).
    Only plain numbers are read so, and only when the short end, completed
    from the first page's leading digits, comes after it.
    """
    if not (first.isdigit() and last.isdigit()) or len(last) >= len(first):
        return last
    full = first[: len(first) - len(last)] + last
    return full if int(full) > int(first) else last


def has_page_range(value: str) -> bool:
    """Return whether ``value`` spans more than one page ("pp." rather than "p.").

    >>> has_page_range("45--67"), has_page_range("45"), has_page_range("3, 7")
    (True, False, True)
    """
    found = _RANGE.match(to_text(value))
    if found is None:
        return False
    return "," in value or found.group(2) not in (None, found.group(1))


def page_span(markup: Markup, value: str) -> str | Safe:
    """Return ``pp. 45–67``, ``p. 45`` or ``Article 64730T`` for a chapter's pages.

    >>> from citeman.render.markup import TEXT
    >>> [str(page_span(TEXT, v)) for v in ("45--67", "24--24", "64730T", "")]
    ['pp. 45–67', 'p. 24', 'Article 64730T', '']
    """
    if not value.strip():
        return ""
    number = article_number(value)
    if number:
        return "Article " + number
    label = "pp. " if has_page_range(value) else "p. "
    return markup.join([label, pages(markup, value)])


def article_number(value: str) -> str:
    """Return ``value`` if it reads as an article number rather than pages (APA 9.27).

    >>> [article_number(v) for v in ("e0193972", "64730T", "085318", "115321", "1960")]
    ['e0193972', '64730T', '085318', '115321', '']
    """
    shown = to_text(value)
    return shown if _ARTICLE_NUMBER.fullmatch(shown) else ""


def e_locator(value: str) -> str:
    """Return ``value`` if it is a lone article number such as ``e045005``.

    >>> e_locator("e045005"), e_locator("e140--e149"), e_locator("72")
    ('e045005', '', '')
    """
    shown = to_text(value)
    return shown if _E_LOCATOR.fullmatch(shown) else ""


def article_locator(markup: Markup, entry: Reference) -> str | Safe:
    """Return where in the issue an article is: ``Article e0193972`` or its pages.

    The article number is ``eid``; a lone article number stored in ``pages``
    (e0193972, 085318) is read as one too (the check rule for article numbers
    reports it).
    """
    number = to_text(entry.get("eid")) or article_number(entry.get("pages"))
    if number:
        return "Article " + number
    return pages(markup, entry.get("pages"))
