"""Write an author–date citation: "Kopta et al., 1994" or "Kopta et al. (1994)".

One or two authors are always named, three or more as many as the library
needs (:mod:`citeman.authordate.naming`) and "et al."; "&" inside parentheses,
"and" in running text (§8.17); the year with its letter (§8.19).
"""

from __future__ import annotations

from collections.abc import Sequence

from citeman.authordate.naming import Naming
from citeman.authordate.work import Work


def year_text(year: str, suffix: str) -> str:
    """Return a year as APA writes it with its letter.

    >>> year_text("2020", "a"), year_text("n.d.", "b"), year_text("in press", "")
    ('2020a', 'n.d.-b', 'in press')
    """
    if not suffix:
        return year
    return f"{year}{suffix}" if year[-1:].isdigit() else f"{year}-{suffix}"


def names_text(
    families: Sequence[str], count: int, shown: int, *, narrative: bool
) -> str:
    """Return the author part of ``count`` authors of whom ``shown`` are named.

    >>> names_text(["Kopta", "Howard", "Lowry"], 3, 1, narrative=False)
    'Kopta et al.'
    >>> names_text(["Kopta", "Howard", "Lowry"], 3, 3, narrative=True)
    'Kopta, Howard, and Lowry'
    >>> names_text(["Kopta", "Howard", "Lowry", "Roe"], 4, 2, narrative=False)
    'Kopta, Howard, et al.'
    """
    joiner = "and" if narrative else "&"
    if count == 1:
        return families[0]
    if count == 2:
        return f"{families[0]} {joiner} {families[1]}"
    if shown >= count:
        return f"{', '.join(families[:-1])}, {joiner} {families[-1]}"
    if shown <= 1:
        return f"{families[0]} et al."
    return f"{', '.join(families[:shown])}, et al."


def who(work: Work, naming: Naming, *, narrative: bool) -> str:
    """Return the author part of ``work``'s citation, initials included if needed."""
    families = list(work.families)
    if naming.initials:
        families[0] = f"{work.creators[0].initials} {families[0]}"
    if work.is_titled:
        return families[0]
    return names_text(families, work.author_count, naming.shown, narrative=narrative)
