"""Read a ``pages`` value as page identifiers and the ranges between them.

A page identifier is whatever a publisher prints as a page or article number:
``1009``, ``e045005``, ``S12``, ``C2-107``, ``4-1``, ``W3.27``, ``05FG03``,
``64730T``, ``161301(R)``, ``xii``. A range joins two of them with a dash:
BibTeX's ``--``, or a hyphen, an en or em dash, a minus, a mix of them
(``271–-297``), with or without spaces. A single hyphen inside an identifier
is part of it when the range has another dash (``C2-107--C2-110``,
``4-1--4-59``); with single hyphens only, the value is split where both sides
look alike (``12-15``, ``S12-S15``, ``C2-107-C2-110``), and ``C2-107`` alone
is one identifier.

Rules that check or fix pages read them here, so that no fix ever cuts an
identifier in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Lower-case roman numerals only: a capital C or D is more often a word.
_PART = r"(?:[A-Za-z]{0,6}\d[A-Za-z0-9]*|[ivxlcdm]+)"
#: One identifier: parts joined by ``.``, ``:`` or ``/`` (W3.27), or by single
#: hyphens (C2-107).
#: APS marks a rapid communication or erratum after the number: 161301(R).
IDENTIFIER = (
    rf"{_PART}(?:[.:/]{_PART})*(?:-(?!-){_PART}(?:[.:/]{_PART})*)*(?:\([A-Z]\))?"
)
_IDENTIFIER = re.compile(IDENTIFIER)
#: Any run of dashes, with the spaces around it.
_DASH = r"\s*[-\u2010-\u2015\u2212]+\s*"
#: A dash that can only be a range's: two or more, a typed dash, or spaced.
_STRONG_DASH = re.compile(
    r"\s*(?:-{2,}|-*[\u2010-\u2015\u2212][-\u2010-\u2015\u2212]*)\s*|\s+-\s*|\s*-\s+"
)
#: A page or range; ``73+`` is page 73 and those after it.
_ITEM = rf"{IDENTIFIER}(?:{_DASH}{IDENTIFIER}|\+)?"
#: The longest start of a value that is a list of pages and ranges.
VALID = re.compile(rf"{_ITEM}(?:\s*[,+;]\s*{_ITEM})*")
_SIMPLE = re.compile(r"(?P<prefix>[A-Za-z]*)(?P<number>\d+)")
_PLAIN_RANGE = re.compile(r"([0-9]+)--([0-9]+)")


@dataclass(frozen=True, slots=True)
class Range:
    """A range ``first dash last`` at ``start`` of the value (end exclusive)."""

    start: int
    first: str
    dash: str
    last: str

    @property
    def end(self) -> int:
        """Return the offset just after the range."""
        return self.start + len(self.first) + len(self.dash) + len(self.last)

    @property
    def text(self) -> str:
        """Return the range as written."""
        return self.first + self.dash + self.last


@lru_cache(maxsize=4096)
def ranges(value: str) -> tuple[Range, ...]:
    """Return the ranges of a pages value, in order (single pages are not ranges).

    Cached: two rules read the ranges of every ``pages`` value.

    >>> [r.text for r in ranges("C2-107--C2-110, 7, 12-15, S1 – S9")]
    ['C2-107--C2-110', '12-15', 'S1 – S9']
    >>> ranges("C2-107")
    ()
    """
    plain = _PLAIN_RANGE.fullmatch(value)
    if plain is not None:  # most values: BibTeX's range between two numbers
        return (Range(0, plain.group(1), "--", plain.group(2)),)
    return _ranges(value)


def _ranges(value: str) -> tuple[Range, ...]:
    """Return :func:`ranges`, read item by item."""
    found = []
    position = 0
    for item in value.split(","):
        stripped = item.strip()
        lead = position + item.find(stripped[:1]) if stripped else position
        position += len(item) + 1
        split = _split(stripped)
        if split is not None:
            first, dash, last = split
            found.append(Range(lead, first, dash, last))
    return tuple(found)


def _split(item: str) -> tuple[str, str, str] | None:
    """Return ``item`` as (first, dash, last) if it is a range, else None."""
    strong = _STRONG_DASH.search(item)
    if strong is not None:
        first, last = item[: strong.start()], item[strong.end() :]
        if _IDENTIFIER.fullmatch(first) and _IDENTIFIER.fullmatch(last):
            return first, strong.group(0), last
        return None
    hyphens = [index for index, char in enumerate(item) if char == "-"]
    if len(hyphens) % 2 == 0:
        return None
    middle = hyphens[len(hyphens) // 2]
    first, last = item[:middle], item[middle + 1 :]
    if not (_IDENTIFIER.fullmatch(first) and _IDENTIFIER.fullmatch(last)):
        return None
    if len(hyphens) == 1 and not _alike(first, last):
        return None
    return first, "-", last


def _alike(first: str, last: str) -> bool:
    """Return whether a hyphen between ``first`` and ``last`` reads as a range.

    Both plain numbers, or both with the same letter prefix (S12-S15), or a
    prefixed start and a plain number that is larger (e140-149 is not C2-107,
    which has the larger number but reads as section 2, page 107; so a letter
    prefix followed by a plain end is a range only when both numbers have the
    same number of digits).
    """
    one, two = _SIMPLE.fullmatch(first), _SIMPLE.fullmatch(last)
    if one is None or two is None:
        return False
    if one.group("prefix") == two.group("prefix"):
        return True
    return not two.group("prefix") and len(one.group("number")) == len(
        two.group("number")
    )


def numbers(found: Range) -> tuple[str, str, str, str] | None:
    """Return the (prefix, digits) of both ends of a simple range, else None.

    Simple ends are a number with an optional letter prefix (``e140``); other
    identifiers (``C2-107``) are not compared as numbers.

    >>> numbers(ranges("e140--149")[0])
    ('e', '140', '', '149')
    """
    one, two = _SIMPLE.fullmatch(found.first), _SIMPLE.fullmatch(found.last)
    if one is None or two is None:
        return None
    return (
        one.group("prefix"),
        one.group("number"),
        two.group("prefix"),
        two.group("number"),
    )
