"""When a work appeared, read from its date fields.

biblatex's ``date`` (ISO 8601, ``/`` for a range) comes first; classic files
give ``year`` and ``month`` (``jan`` or ``1``). Works in press (``year = {in
press}`` or ``pubstate = {inpress}``) and undated works have a ``status``.
Every command reads dates here; :mod:`citeman.render.dates` prints them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeman.latex import to_text
from citeman.model import Entry

_MONTHS = {
    name: number
    for number, names_of_month in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names_of_month
}
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_IN_PRESS = {"in press", "inpress", "forthcoming"}
#: A year field that says the work has no date (APA writes "n.d.").
_NO_DATE = {"n.d.", "n. d.", "nd", "no date", "s.d.", "s. d."}


def is_in_press(entry: Entry) -> bool:
    """Return whether ``pubstate`` says the work is in press (its year is not printed).

    ``render``, ``cite`` and ``audit`` all ask this, so that they agree.
    """
    return entry.get("pubstate").strip().lower() in _IN_PRESS


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True, slots=True)
class Date:
    """When a work appeared; ``status`` is "in press", "n.d." or "" (dated).

    ``end_*`` hold the end of a range (``date = {2017-07-12/2017-07-15}``).
    """

    year: str
    month: int
    day: int
    end_year: str = ""
    end_month: int = 0
    end_day: int = 0
    status: str = ""

    @classmethod
    def of(cls, entry: Entry) -> Date:
        """Read ``date`` (ISO 8601, ``/`` for a range), else year, month and day."""
        if is_in_press(entry):
            return cls("", 0, 0, status="in press")
        if entry.get("date").strip():
            return cls.of_text(entry.get("date"))
        dated = cls.of_text(entry.get("year"))
        if dated.status or dated.month:
            return dated
        month = _month(entry.get("month"))
        return cls(dated.year, month, _number(entry.get("day")) if month else 0)

    @classmethod
    def of_text(cls, value: str) -> Date:
        """Read an ISO 8601 date or range (``2017-07-12/2017-07-15``) or a year."""
        stated = to_text(value)
        if stated.lower() in _IN_PRESS:
            return cls("", 0, 0, status="in press")
        if not stated or stated.lower() in _NO_DATE:
            return cls("", 0, 0, status="n.d.")
        start, _, end = stated.partition("/")
        found = _ISO_DATE.fullmatch(start.strip())
        if found is None:
            # A year that is not ISO ("c. 1900", "1999a") is printed as written.
            return cls(stated, 0, 0)
        year, month, day = (
            found.group(1),
            _number(found.group(2)),
            _number(found.group(3)),
        )
        ending = _ISO_DATE.fullmatch(end.strip())
        if ending is None:
            return cls(year, month, day)
        return cls(
            year, month, day,
            ending.group(1), _number(ending.group(2)), _number(ending.group(3)),
        )  # fmt: skip

    @property
    def sort_key(self) -> tuple[int, str, int, int]:
        """Order undated works first and works in press last, as APA does."""
        rank = {"n.d.": 0, "": 1, "in press": 2}[self.status]
        return (rank, self.year, self.month, self.day)


def _number(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() else 0


def is_month_name(value: str) -> bool:
    """Return whether ``value`` is a month's name (``May``, ``jan``), not a number."""
    cleaned = to_text(value).strip(" .").lower()
    return cleaned in _MONTHS and not cleaned.isdigit()


def _month(value: str) -> int:
    """Return the month number of ``month = jan``, ``{January}`` or ``{1}``."""
    cleaned = to_text(value).strip(" .").lower()
    if cleaned.isdigit():
        return int(cleaned) if 1 <= int(cleaned) <= 12 else 0
    return _MONTHS.get(cleaned, 0)
