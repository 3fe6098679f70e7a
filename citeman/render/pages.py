"""Where in a work a reference points: page ranges, chapter pages, article numbers."""

from __future__ import annotations

import re

from citeman.latex import to_text
from citeman.render.markup import Markup, Safe
from citeman.render.reference import Reference

_PAGE = r"[A-Za-z]{0,3}\d+[A-Za-z]?|[ivxlcdmIVXLCDM]+"
_RANGE = re.compile(rf"\s*({_PAGE})(?:\s*(?:-+|–|—|‑|−)\s*({_PAGE}))?")
_E_LOCATOR = re.compile(r"e\d+", re.IGNORECASE)


def pages(markup: Markup, value: str) -> str | Safe:
    """Return a page range with the format's en dash, stray characters dropped.

    A value that is not page numbers at all is printed as written.

    >>> from citeman.render.markup import TEXT
    >>> [str(pages(TEXT, value)) for value in ("1009--1016", "72. 2", "e140-e149")]
    ['1009–1016', '72', 'e140–e149']
    """
    shown = to_text(value)
    parts = []
    for part in shown.split(","):
        found = _RANGE.match(part)
        if found is None:
            return shown
        parts.append([bound for bound in found.groups() if bound])
    ranges: list[str] = [markup.dashed(bounds) for bounds in parts if bounds]
    return markup.join(ranges, ", ")


def has_page_range(value: str) -> bool:
    """Return whether ``value`` spans more than one page ("pp." rather than "p.").

    >>> has_page_range("45--67"), has_page_range("45"), has_page_range("3, 7")
    (True, False, True)
    """
    found = _RANGE.match(to_text(value))
    return found is not None and (bool(found.group(2)) or "," in value)


def page_span(markup: Markup, value: str) -> str | Safe:
    """Return ``pp. 45–67`` or ``p. 45`` for a chapter's pages, or ""."""
    if not value.strip():
        return ""
    label = "pp. " if has_page_range(value) else "p. "
    return markup.join([label, pages(markup, value)])


def e_locator(value: str) -> str:
    """Return ``value`` if it is a lone article number such as ``e045005``.

    >>> e_locator("e045005"), e_locator("e140--e149"), e_locator("72")
    ('e045005', '', '')
    """
    shown = to_text(value)
    return shown if _E_LOCATOR.fullmatch(shown) else ""


def article_locator(markup: Markup, entry: Reference) -> str | Safe:
    """Return where in the issue an article is: ``Article e0193972`` or its pages.

    The article number is ``eid``; a lone e-number stored in ``pages`` is read
    as one too (and reported by the check rule for article numbers).
    """
    number = to_text(entry.get("eid")) or e_locator(entry.get("pages"))
    if number:
        return "Article " + number
    return pages(markup, entry.get("pages"))
