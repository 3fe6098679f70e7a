"""APA 7 in-text citations: ``(Bellis et al., 2014)`` and ``Bellis et al. (2014)``.

One or two authors are always named, three or more as the first and "et al."
(§8.17), with more names when two works would otherwise cite alike (§8.18);
"&" inside parentheses, "and" in running text; several works in one
parenthesis in reference-list order, separated by semicolons, and the years of
one author group together (§8.12); year letters as in the list (§8.19).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from citeman.latex import to_text
from citeman.render.order import creators_key, sort_key
from citeman.render.reference import Name, Reference


@dataclass(frozen=True)
class Cited:
    """One work as a citation shows it: who, and when."""

    names: tuple[str, ...]
    et_al: bool
    year: str
    title: str

    def who(self, narrative: bool) -> str:
        """Return the author part: ``A``, ``A & B``, ``A, B, et al.`` or the title."""
        if not self.names:
            return self.title
        if self.et_al:
            return ", ".join(self.names) + (
                " et al." if len(self.names) == 1 else ", et al."
            )
        if len(self.names) == 1:
            return self.names[0]
        joiner = " and " if narrative else " & "
        comma = "," if len(self.names) > 2 else ""
        return f"{', '.join(self.names[:-1])}{comma}{joiner}{self.names[-1]}"


def year_of(reference: Reference, suffix: str) -> str:
    """Return the citation date: ``2020a``, ``n.d.``, ``in press``, ``1966/1969``."""
    date = reference.date
    if date.status:
        return date.status + (f"-{suffix}" if suffix else "")
    original = to_text(reference.get("origdate") or reference.get("origyear"))[:4]
    year = date.year + suffix
    return f"{original}/{year}" if original else year


def _family(name: Name) -> str:
    return name.family


def _shares_family(name: Name, library: Sequence[Reference]) -> bool:
    """Return whether another first author has ``name``'s family but not its initials.

    APA 8.20 then puts the first author's initials in every citation
    (``A. Smith, 2020; Ch. Smith, 2020``), as ``audit`` expects.
    """
    if name.is_organization or not name.initials:
        return False
    for other in library:
        people = other.authors or other.editors
        first = people[0] if people else None
        if (
            first is not None
            and not first.is_organization
            and first.family == name.family
            and first.initials != name.initials
        ):
            return True
    return False


def cited(reference: Reference, library: Sequence[Reference], suffix: str) -> Cited:
    """Return how ``reference`` is cited, told apart from the rest of ``library``."""
    people = [
        name for name in (reference.authors or reference.editors) if not name.is_others
    ]
    year = year_of(reference, suffix)
    title = f'"{to_text(reference.title)}"' if reference.title else reference.key
    families = tuple(_family(name) for name in people)
    if people and _shares_family(people[0], library):
        families = (f"{people[0].initials} {people[0].family}", *families[1:])
    if len(people) <= 2:
        return Cited(families, False, year, title)
    own = creators_key(reference)
    # Works of the same year whose first author is the same but whose list is not.
    rivals = [
        creators_key(other)
        for other in library
        if other.key != reference.key
        and creators_key(other) != own
        and creators_key(other)[:1] == own[:1]
        and other.date.year == reference.date.year
    ]
    shown = 1
    while shown < len(own) and any(rival[:shown] == own[:shown] for rival in rivals):
        shown += 1
    if shown >= len(people) - 1:
        return Cited(families, False, year, title)
    return Cited(families[:shown], True, year, title)


def cite(
    references: Sequence[Reference],
    library: Sequence[Reference],
    suffixes: dict[str, str],
    narrative: bool = False,
) -> str:
    """Return the citation of ``references``; narrative: a line per author group."""
    works = sorted(references, key=sort_key)
    parts = [cited(work, library, suffixes.get(work.key, "")) for work in works]
    groups = []
    for who, members in groupby(parts, key=lambda part: part.who(narrative)):
        years = ", ".join(dict.fromkeys(member.year for member in members))
        groups.append(f"{who} ({years})" if narrative else f"{who}, {years}")
    if narrative:
        return "\n".join(groups)
    return f"({'; '.join(groups)})"
