"""Tell a library's works apart in citations: initials, more names, year letters.

Three rules, applied in this order over the whole library, so that every
citation leads to one reference:

1. A first author who shares a family name with another first author of other
   initials is cited with initials, "(J. Smith, 2020; A. Smith, 2019)" (§8.20).
2. A work of three or more authors is cited as the first and "et al." (§8.17),
   with as many more names as tell it from other works of the same year whose
   citation would start alike (§8.18); "et al." never stands for one name, so
   a list that would leave out only its last name is written whole.
3. Works still cited alike in the same year get letters after the year, in
   reference-list order: 2020a, 2020b, n.d.-a, in press-a (§8.19, §9.47). Works
   by the same authors always are; so are works whose different co-authors
   share family names (two Lees), which no other rule tells apart, as the
   year-suffix disambiguation of APA's CSL style does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from string import ascii_lowercase

from citeman.authordate.keys import fold
from citeman.authordate.work import Work


@dataclass(frozen=True, slots=True)
class Naming:
    """How one work is cited within its library.

    ``initials``: the first author's initials are written; ``shown``: how many
    names come before "et al." (all of them when ``shown`` reaches the count);
    ``suffix``: the year letter, or "".
    """

    initials: bool
    shown: int
    suffix: str


def tell_apart(works: Sequence[Work]) -> list[Naming]:
    """Return how each of ``works`` is cited, in the same order."""
    initials = _shared_first_families(works)
    needs = [
        bool(work.creators)
        and bool(work.creators[0].initials)
        and not work.creators[0].is_group
        and work.creators[0].folded in initials
        for work in works
    ]
    shown = _names_shown(works, needs)
    suffixes = [""] * len(works)
    for members in _cited_alike(works, needs, shown):
        members.sort(key=lambda index: works[index].sort_key)
        for position, index in enumerate(members):
            suffixes[index] = suffix_letters(position)
    return [
        Naming(need, count, suffix)
        for need, count, suffix in zip(needs, shown, suffixes, strict=True)
    ]


def _shared_first_families(works: Sequence[Work]) -> set[str]:
    """Return the first authors' family names borne with different initials."""
    seen: dict[str, set[str]] = defaultdict(set)
    for work in works:
        if work.creators and not work.creators[0].is_group:
            first = work.creators[0]
            if first.initials:
                seen[first.folded].add(fold(first.initials))
    return {family for family, initials in seen.items() if len(initials) > 1}


def _first(work: Work, initials: bool) -> tuple[str, str]:
    """Return the first name as cited: folded family, and initials if written."""
    first = work.creators[0] if work.creators else None
    written = fold(first.initials) if first is not None and initials else ""
    return (work.folded[0], written)


def _names_shown(works: Sequence[Work], needs: Sequence[bool]) -> list[int]:
    """Return how many names each work's citation lists before "et al." (§8.18)."""
    shown = [work.author_count for work in works]
    by_start: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for index, work in enumerate(works):
        if work.author_count >= 3:
            when = (work.date.status, work.date.year)
            by_start[(_first(work, needs[index]), when)].append(index)
    for members in by_start.values():
        for index in members:
            own = works[index].folded
            rivals = [works[i].folded for i in members if works[i].folded != own]
            count = 1
            while count < len(own) and any(r[:count] == own[:count] for r in rivals):
                count += 1
            total = works[index].author_count
            if not works[index].has_others and count >= total - 1:
                count = total
            shown[index] = count
    return shown


def _cited_alike(
    works: Sequence[Work], needs: Sequence[bool], shown: Sequence[int]
) -> list[list[int]]:
    """Return the groups of works (two or more) whose citations a reader confuses.

    A citation fits another work when that work's names start with the names
    it shows and, with "et al.", go on (without, stop there), its initials are
    the same, and the year is. Works joined by fitting, directly or through
    another, share a year's letters.
    """
    buckets: dict[tuple[str, str, bool], list[int]] = defaultdict(list)
    for index, work in enumerate(works):
        buckets[(work.folded[0], work.year, work.is_titled)].append(index)
    parent = list(range(len(works)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for members in buckets.values():
        for own in members:
            for other in members:
                if own != other and _fits(works, needs, shown, own, other):
                    parent[root(own)] = root(other)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(works)):
        groups[root(index)].append(index)
    return [members for members in groups.values() if len(members) > 1]


def _fits(
    works: Sequence[Work],
    needs: Sequence[bool],
    shown: Sequence[int],
    own: int,
    other: int,
) -> bool:
    """Return whether the citation of ``works[own]`` also fits ``works[other]``."""
    mine, theirs = works[own], works[other]
    listed = mine.folded[: shown[own]]
    if theirs.folded[: len(listed)] != listed:
        return False
    if needs[own] and _first(mine, True) != _first(theirs, True):
        return False
    if shown[own] < mine.author_count:
        # "et al." stands for two or more names: never for a two-author work.
        return theirs.author_count >= max(3, len(listed) + 1)
    return theirs.author_count == len(listed)


def suffix_letters(index: int) -> str:
    """Return the ``index``-th (0-based) year letter: a … z, then aa, ab, ….

    >>> suffix_letters(0), suffix_letters(25), suffix_letters(26)
    ('a', 'z', 'aa')
    """
    if index < len(ascii_lowercase):
        return ascii_lowercase[index]
    return suffix_letters(index // 26 - 1) + ascii_lowercase[index % 26]
