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

from bisect import bisect_left
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
    needs = _needs_initials(works)
    folded = [work.folded for work in works]  # a property: read once here
    shown = _names_shown(works, needs, folded)
    suffixes = [""] * len(works)
    for members in _cited_alike(works, needs, shown, folded):
        members.sort(key=lambda index: works[index].sort_key)
        for position, index in enumerate(members):
            suffixes[index] = suffix_letters(position)
    return [
        Naming(need, count, suffix)
        for need, count, suffix in zip(needs, shown, suffixes, strict=True)
    ]


def _needs_initials(works: Sequence[Work]) -> list[bool]:
    """Return whether each work's first author is cited with initials (§8.20)."""
    initials = _shared_first_families(works)
    return [
        bool(work.creators)
        and bool(work.creators[0].initials)
        and not work.creators[0].is_group
        and work.creators[0].folded in initials
        for work in works
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
    return (work.folded[0], _initials(work) if initials else "")


def _names_shown(
    works: Sequence[Work],
    needs: Sequence[bool],
    folded: Sequence[tuple[str, ...]] | None = None,
) -> list[int]:
    """Return how many names each work's citation lists before "et al." (§8.18).

    ``folded`` are the works' folded names, when already read.
    """
    folded = folded or [work.folded for work in works]
    shown = [work.author_count for work in works]
    by_start: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for index, work in enumerate(works):
        if work.author_count >= 3:
            when = (work.date.status, work.date.year)
            by_start[(_first(work, needs[index]), when)].append(index)
    for members in by_start.values():
        distinct = list(dict.fromkeys(folded[i] for i in members))
        for index in members:
            own = folded[index]
            rivals = [names for names in distinct if names != own]
            count = 1
            while count < len(own) and any(r[:count] == own[:count] for r in rivals):
                count += 1
            total = works[index].author_count
            if not works[index].has_others and count >= total - 1:
                count = total
            shown[index] = count
    return shown


def _cited_alike(
    works: Sequence[Work],
    needs: Sequence[bool],
    shown: Sequence[int],
    folded: Sequence[tuple[str, ...]] | None = None,
) -> list[list[int]]:
    """Return the groups of works (two or more) whose citations a reader confuses.

    A citation fits another work when that work's names start with the names
    it shows and, with "et al.", go on (without, stop there), its initials are
    the same, and the year is (:func:`_fits`). Works joined by fitting,
    directly or through another, share a year's letters.

    Each citation is matched only against the works whose names start with
    what it shows, and joined with all those of a fitting count of authors at
    once: a library citing hundreds of "Anonymous" works of one year is not
    compared pair by pair (``tests/test_author_date_agreement.py`` checks the
    groups against :func:`_fits` pair by pair).
    """
    folded = folded or [work.folded for work in works]
    joins = _Joins(len(works))
    shows: dict[_Shown, _Fitting] = {}
    # The lengths of the names shown, by what every citation shows: its year,
    # whether a title stands in, and the first name.
    sizes: dict[tuple[str, bool, str], set[int]] = defaultdict(set)
    for own, work in enumerate(works):
        key = _shown(work, needs[own], shown[own], folded[own])
        shows.setdefault(key, _Fitting()).asking.append(own)
        sizes[(key[0], key[1], key[2][0])].add(len(key[2]))
    for other, work in enumerate(works):
        names = folded[other]
        initials = _initials(work)
        for size in sizes.get((work.year, work.is_titled, names[0]), ()):
            if size > len(names):
                continue
            for written in (None, initials):
                found = shows.get((work.year, work.is_titled, names[:size], written))
                if found is not None:
                    found.counts.setdefault(work.author_count, []).append(other)
    for key, found in shows.items():
        found.join(works, shown, len(key[2]), joins)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(works)):
        groups[joins.root(index)].append(index)
    return [members for members in groups.values() if len(members) > 1]


#: What a citation shows: year, in-press or undated status as cited, whether the
#: title stands in, the folded names before "et al.", and the first author's
#: initials when they are written (else None).
_Shown = tuple[str, bool, tuple[str, ...], str | None]


def _shown(work: Work, needs: bool, shown: int, folded: tuple[str, ...]) -> _Shown:
    """Return what ``work``'s citation shows (see :data:`_Shown`)."""
    written = _initials(work) if needs else None
    return (work.year, work.is_titled, folded[:shown], written)


def _initials(work: Work) -> str:
    """Return the first author's initials folded, as a citation writes them."""
    return fold(work.creators[0].initials) if work.creators else ""


class _Joins:
    """Union-find over work indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, index: int) -> int:
        """Return the representative of ``index``'s group."""
        parent = self.parent
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def union(self, one: int, other: int) -> None:
        """Put ``one`` and ``other`` in one group."""
        self.parent[self.root(one)] = self.root(other)


class _Fitting:
    """The citations showing one thing, and the works whose names start with it.

    ``counts`` holds those works by their count of authors: a citation with
    "et al." fits the works of at least a count, one without those of exactly
    one count.
    """

    def __init__(self) -> None:
        self.asking: list[int] = []
        self.counts: dict[int, list[int]] = {}

    def join(
        self, works: Sequence[Work], shown: Sequence[int], listed: int, joins: _Joins
    ) -> None:
        """Join each asking work with every other work its citation fits.

        Each count's works are joined once; classes from ``merged`` on are
        already one group, so a run of "et al." citations costs one join each.
        """
        counts = sorted(self.counts)
        classes = [self.counts[count] for count in counts]
        after = [0] * (len(counts) + 1)  # works in the classes from a place on
        for place in range(len(counts) - 1, -1, -1):
            after[place] = after[place + 1] + len(classes[place])
        merged = len(counts)
        inside: set[int] = set()
        for own in self.asking:
            mine = works[own].author_count
            if shown[own] < mine:
                first = bisect_left(counts, max(3, listed + 1))
                last = len(counts)
                fits_itself = mine >= max(3, listed + 1)
            else:
                first = bisect_left(counts, listed)
                if first == len(counts) or counts[first] != listed:
                    continue
                last = first + 1
                fits_itself = mine == listed
            if after[first] - after[last] - fits_itself < 1:
                continue  # no other work
            for place in range(first, last):
                if place not in inside:
                    inside.add(place)
                    for member in classes[place][1:]:
                        joins.union(member, classes[place][0])
            if last == len(counts) and first < merged:
                for place in range(first, min(merged, last - 1)):
                    joins.union(classes[place][0], classes[place + 1][0])
                merged = first
            joins.union(own, classes[first][0])


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
