"""APA 7 in-text citations: ``(Bellis et al., 2014)`` and ``Bellis et al. (2014)``.

Who is named and which year letter is written is the author–date model's
(:mod:`citeman.authordate`), shared with the reference list and ``audit``.
Several works in one parenthesis come in reference-list order, separated by
semicolons, and the years of one author group together (§8.12); a
republished work gives both years, "1900/1953" (§8.15).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from citeman.authordate import text
from citeman.authordate.naming import tell_apart
from citeman.latex import to_text
from citeman.render.order import sort_key
from citeman.render.reference import Reference


def year_of(reference: Reference, suffix: str) -> str:
    """Return the citation date: ``2020a``, ``n.d.-a``, ``in press``, ``1966/1969``."""
    year = text.year_text(reference.work.year, suffix)
    if reference.date.status:
        return year
    original = to_text(reference.get("origdate") or reference.get("origyear"))[:4]
    return f"{original}/{year}" if original else year


def cite(
    references: Sequence[Reference],
    library: Sequence[Reference],
    narrative: bool = False,
    *,
    letters: bool = True,
) -> str:
    """Return the citation of ``references``, told apart within ``library``.

    ``references`` are members of ``library`` (the same objects); narrative:
    a line per author group; ``letters``: whether years get their letters.
    """
    namings = dict(
        zip(map(id, library), tell_apart([ref.work for ref in library]), strict=True)
    )
    groups = []
    works = sorted(references, key=sort_key)
    parts = [
        (text.who(work.work, namings[id(work)], narrative=narrative),
         year_of(work, namings[id(work)].suffix if letters else ""))
        for work in works
    ]  # fmt: skip
    for who, members in groupby(parts, key=lambda part: part[0]):
        years = ", ".join(dict.fromkeys(year for _, year in members))
        groups.append(f"{who} ({years})" if narrative else f"{who}, {years}")
    if narrative:
        return "\n".join(groups)
    return f"({'; '.join(groups)})"
