"""APA's date element: ``(2020a)``, ``(n.d.-b)``, ``(2019, June 6–8)``.

The date itself is read by :mod:`citeman.dates`.
"""

from __future__ import annotations

from citeman.dates import MONTHS, Date
from citeman.render.markup import Markup, Safe


def date(markup: Markup, when: Date, suffix: str = "", full: bool = False) -> Safe:
    """Return the date element's text: ``2020a``, ``n.d.-b``, ``2019, June 6–8``.

    ``full`` adds month and day (magazines, web pages, presentations) when known.
    """
    if when.status:
        return markup.escape(when.status + (f"-{suffix}" if suffix else ""))
    start = _day(when.year + suffix, when.month, when.day, full)
    if not (full and when.month and when.end_year):
        return markup.escape(start)
    if when.end_year != when.year:
        end = _day(when.end_year, when.end_month, when.end_day, True)
    elif when.end_month != when.month:
        end = _day("", when.end_month, when.end_day, True)
    else:
        end = str(when.end_day) if when.end_day != when.day else ""
    return markup.dashed([start, end]) if end else markup.escape(start)


def _day(year: str, month: int, day: int, full: bool) -> str:
    if not (full and month):
        return year
    named = MONTHS[month - 1] + (f" {day}" if day else "")
    return f"{year}, {named}" if year else named
