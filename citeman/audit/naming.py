"""Read the names and years writers type in author–date citations.

A citation's names are matched to the list's folded (:mod:`citeman.authordate.keys`);
its year is read here: "2020b", "n.d.-a", "in press", as APA writes them.
"""

from __future__ import annotations

import re

from citeman.authordate.keys import fold, is_initials
from citeman.latex import to_text

_YEAR = re.compile(r"(\d{4})\s*-?\s*([a-z]?)(?![a-z])")
_NO_DATE = frozenset({"", "n.d.", "nd", "n. d.", "no date", "s.d."})
_IN_PRESS = frozenset({"in press", "forthcoming", "accepted"})
#: Where in-press works sort among an author's works: after every year.
IN_PRESS_RANK = 9999


def cited_initials(name: str) -> str:
    """Return the initials written before a cited family name.

    >>> cited_initials("J. Smith"), cited_initials("Ch. Smith"), cited_initials("Smith")
    ('j', 'ch', '')
    """
    words = name.split()[:-1]
    return "".join(fold(word) for word in words if is_initials(word))


def read_year(value: str) -> tuple[str, str]:
    """Return the year ("2020", "n.d." or "in press") and letter suffix of a value.

    >>> read_year("2020b"), read_year("{n.d.}"), read_year("In press-a")
    (('2020', 'b'), ('n.d.', ''), ('in press', 'a'))
    """
    text = " ".join(to_text(value).split()).casefold()
    if text in _NO_DATE:
        return "n.d.", ""
    for word in _IN_PRESS:
        if text.startswith(word):
            return "in press", text[len(word) :].strip(" -")[:1]
    if text.startswith("n.d."):
        return "n.d.", text[4:].strip(" -")[:1]
    match = _YEAR.search(text)
    if match is None:
        return text, ""
    return match.group(1), match.group(2)


def year_rank(year: str) -> int:
    """Return where a year sorts: "n.d." first, then by year, "in press" last."""
    if year == "n.d.":
        return -1
    if year.isdigit():
        return int(year)
    return IN_PRESS_RANK
