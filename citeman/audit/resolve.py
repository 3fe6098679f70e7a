"""Resolve citations to works: by key, or by family names and year.

Works are indexed by the folded family name of their first author, so a
citation looks at that author's works only, however long the list. Group
abbreviations are expanded from their introduction in the same manuscript
("[NIMH]"), or failing that from the acronym of a group author in the list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from citeman.audit.model import Citation, Form, Resolution, Status, Work
from citeman.audit.naming import cited_initials, year_rank
from citeman.authordate.keys import fold, fold_family, fold_group


class Index:
    """The works of a list, by key, by first author (and year), group acronym."""

    def __init__(self, works: Sequence[Work]) -> None:
        self.works = tuple(works)
        self.by_key: dict[str, Work] = {}
        self.by_first: dict[str, list[Work]] = defaultdict(list)
        self.by_first_year: dict[tuple[str, str], list[Work]] = defaultdict(list)
        self.by_acronym: dict[str, list[str]] = defaultdict(list)
        self.titled = [work for work in works if work.is_titled]
        for work in works:
            self.by_key.setdefault(work.entry.key, work)
            if work.folded:
                self.by_first[work.folded[0]].append(work)
                self.by_first_year[(work.folded[0], work.year)].append(work)
            if work.is_group:
                acronym = "".join(
                    word[0] for word in work.families[0].split() if word[0].isupper()
                )
                self.by_acronym[acronym].append(work.families[0])

    @property
    def groups(self) -> list[str]:
        """Return the names of the group authors (and no-author titles) listed."""
        return [work.families[0] for work in self.works if work.is_group]

    def titled_like(self, folded: str) -> list[Work]:
        """Return the works with no author whose title starts as ``folded`` does."""
        if len(folded) < 4:
            return []
        return [work for work in self.titled if work.folded[0].startswith(folded)]

    def first_key(self, name: str) -> str:
        """Return the folded form of a cited first name under which works are kept."""
        folded = fold_family(name)
        return folded if folded in self.by_first else fold_group(name)


def resolve(citations: Sequence[Citation], index: Index) -> list[Resolution]:
    """Resolve the citations of one manuscript, given in text order."""
    introductions: dict[str, tuple[str, tuple[int, int]]] = {}
    for citation in citations:
        if citation.abbreviation and citation.abbreviation not in introductions:
            where = (citation.span.line, citation.span.column)
            introductions[citation.abbreviation] = (citation.names[0], where)
    resolutions = []
    for citation in citations:
        if citation.form is Form.KEY:
            work = index.by_key.get(citation.key)
            status = Status.FOUND if work else Status.MISSING
            resolutions.append(Resolution(citation, status, (work,) if work else ()))
            continue
        names, group_name, introduced = _expand(citation, index, introductions)
        status, works = _lookup(citation, names, index)
        resolutions.append(Resolution(citation, status, works, group_name, introduced))
    return resolutions


def _expand(
    citation: Citation,
    index: Index,
    introductions: dict[str, tuple[str, tuple[int, int]]],
) -> tuple[tuple[str, ...], str, bool]:
    """Return the names with an abbreviation expanded, the group, and if introduced."""
    first = citation.names[0]
    if citation.abbreviation or not first.isupper():
        return citation.names, "", True
    if first in introductions:
        group, where = introductions[first]
        introduced = where <= (citation.span.line, citation.span.column)
        return (group, *citation.names[1:]), group, introduced
    groups = index.by_acronym.get(first, [])
    if len(groups) == 1 and index.first_key(first) not in index.by_first:
        return (groups[0], *citation.names[1:]), groups[0], False
    return citation.names, "", True


def _lookup(
    citation: Citation, names: tuple[str, ...], index: Index
) -> tuple[Status, tuple[Work, ...]]:
    """Return what the list holds for an author–date citation, and the works."""
    first = index.first_key(names[0])
    works = index.by_first.get(first)
    if works:
        same_year = index.by_first_year.get((first, citation.year))
    else:
        # A work with no author is cited by its title, often shortened.
        works = index.titled_like(first) if len(names) == 1 else []
        same_year = [work for work in works if work.year == citation.year]
    if not works:
        return Status.MISSING, ()
    if not same_year or (
        # "Kopta & Howard, 1995" when the list has them in 1994 only, and Kopta
        # with others in 1995: the year is what is wrong.
        not _fitting(same_year, names) and _fitting(works, names)
    ):
        # The nearest years first: those are what the writer most likely meant.
        wanted = year_rank(citation.year)
        likely = sorted(
            _narrow(works, citation, names),
            key=lambda work: (abs(year_rank(work.year) - wanted), work.sort_key),
        )
        return Status.OTHER_YEAR, tuple(likely)
    narrowed = _narrow(same_year, citation, names)
    if citation.suffix:
        lettered = [work for work in narrowed if work.suffix == citation.suffix]
        if lettered:
            narrowed = lettered
        elif any(work.suffix for work in narrowed):
            return Status.OTHER_YEAR, _ordered(narrowed)
    if len(narrowed) == 1:
        return Status.FOUND, tuple(narrowed)
    if all(work.suffix for work in narrowed):
        # Cited alike: the list gives them letters (citeman.authordate.naming).
        return Status.NEEDS_SUFFIX, _ordered(narrowed)
    return Status.AMBIGUOUS, _ordered(narrowed)


def _ordered(works: list[Work]) -> tuple[Work, ...]:
    """Return candidates in reference-list order, as a message lists them."""
    return tuple(sorted(works, key=lambda work: work.sort_key))


def _fitting(works: list[Work], names: tuple[str, ...]) -> list[Work]:
    """Return the works whose initials and later names are those written, if any.

    With nothing written beyond one family name, nothing is said to fit.
    """
    cited = tuple(fold_family(name) for name in names[1:])
    lead = cited_initials(names[0])
    if not cited and not lead:
        return []
    fitting = [
        work
        for work in works
        if work.folded[1 : 1 + len(cited)] == cited
        and fold(work.initials).startswith(lead)
    ]
    # "J. Smith" is J. Smith, not J. A. Smith, when the list has both.
    exact = [work for work in fitting if lead and fold(work.initials) == lead]
    return exact or fitting


def _narrow(
    works: list[Work], citation: Citation, names: tuple[str, ...]
) -> list[Work]:
    """Keep the works whose names fit those written, if any does.

    A work whose further names differ is still a candidate when none fits: the
    citation is then most likely a miswritten form of it (CM504), not a miss.
    """
    works = _fitting(works, names) or works
    count = len(names)
    # ``count`` is APA's: "Smith and others" has three or more authors.
    if citation.et_al:
        preferred = [work for work in works if work.count >= max(3, count + 1)]
        fitting = preferred or [work for work in works if work.count > count]
    else:
        fitting = [work for work in works if work.count == count]
    return fitting or works
