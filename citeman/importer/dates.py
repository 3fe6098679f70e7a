"""Read APA's date element (``2019``, ``2019, January 4``, ``n.d.``, ``in press``).

The date goes to ``year`` when it is a year alone, else to biblatex's ISO
``date`` (a range with ``/``), as :mod:`citeman.dates` reads them. A
year letter (``2020a``) is not stored: the renderer assigns it.
"""

from __future__ import annotations

import re

from citeman.dates import MONTHS

_MONTH = "|".join(MONTHS)
#: The date element in parentheses, followed by its period.
PATTERN = re.compile(
    r"\((?P<date>(?P<year>\d{4})(?P<letter>[a-z]{1,3})?"
    rf"(?:, (?P<month>{_MONTH})(?: (?P<day>\d{{1,2}}))?"
    rf"(?:[–-](?:(?P<end_month>{_MONTH}) )?(?P<end_day>\d{{1,2}}))?)?"
    r"|n\.d\.(?:-[a-z]{1,3})?|in press(?:-[a-z]{1,3})?)\)\.?"
)


def fields(found: re.Match[str]) -> dict[str, str]:
    """Return the date fields of a match of :data:`PATTERN`.

    >>> fields(PATTERN.match("(2016, March 30–April 2)."))
    {'date': '2016-03-30/2016-04-02'}
    >>> fields(PATTERN.match("(2014a)")), fields(PATTERN.match("(n.d.)"))
    ({'year': '2014'}, {})
    """
    if found["date"].startswith("in press"):
        return {"year": "in press"}
    if not found["year"]:
        return {}
    year = found["year"]
    if not found["month"]:
        return {"year": year}
    start = _iso(year, found["month"], found["day"])
    if not found["end_day"]:
        return {"date": start}
    end = _iso(year, found["end_month"] or found["month"], found["end_day"])
    return {"date": f"{start}/{end}"}


def _iso(year: str, month: str, day: str | None) -> str:
    number = MONTHS.index(month) + 1
    return f"{year}-{number:02d}" + (f"-{int(day):02d}" if day else "")
