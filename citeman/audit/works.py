"""Turn reference-list entries into works as in-text citations name them.

APA names a work by its authors' family names (a group author whole; with no
author, the editors) and its year, and adds a letter to the year when the same
authors have several works that year, ordered by title. Works with three or
more authors whose "X et al." forms collide list as many names as tell them apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from citeman import inheritance
from citeman.audit.model import Work
from citeman.audit.naming import (
    fold,
    fold_family,
    fold_group,
    fold_initials,
    read_year,
    year_rank,
)
from citeman.latex import to_text
from citeman.model import Entry, Library
from citeman.names import Person, initials, split_names
from citeman.render.dates import is_in_press
from citeman.text import strip_braces

_ARTICLES = ("the ", "a ", "an ")


@dataclass(frozen=True, slots=True)
class _Draft:
    """A work before the letters and name counts that depend on its neighbours."""

    entry: Entry
    families: tuple[str, ...]
    folded: tuple[str, ...]
    is_group: bool
    is_titled: bool
    initials: str
    year: str
    suffix: str


def build(libraries: Sequence[Library]) -> tuple[Work, ...]:
    """Return one work per entry of the libraries, in file order.

    An entry's year and authors may come from its ``crossref`` parent; an
    ``@xdata`` entry only lends fields and is no work.
    """
    drafts = [
        _draft(entry)
        for library in libraries
        for entry in inheritance.resolve(library.entries)
        if not inheritance.is_data_only(entry)
    ]
    suffixes = _suffixes(drafts)
    needed = _names_needed(drafts)
    shared = _shared_family_names(drafts)
    works = []
    for index, draft in enumerate(drafts):
        suffix = draft.suffix or suffixes.get(index, "")
        works.append(
            Work(
                entry=draft.entry,
                families=draft.families,
                folded=draft.folded,
                is_group=draft.is_group,
                is_titled=draft.is_titled,
                initials=draft.initials,
                initials_needed=bool(draft.folded) and draft.folded[0] in shared,
                year=draft.year,
                suffix=suffix,
                names_needed=needed.get(index, 1),
                sort_key=(
                    draft.folded[0] if draft.folded else "",
                    fold_initials(draft.initials),
                    draft.folded[1:],
                    year_rank(draft.year),
                    suffix,
                ),
            )
        )
    return tuple(works)


def _draft(entry: Entry) -> _Draft:
    people = split_names(entry.get("author")) or split_names(entry.get("editor"))
    families: list[str] = []
    folded: list[str] = []
    for person in people:
        name, key = _family(person)
        families.append(name)
        folded.append(key)
    is_group = bool(people) and people[0].is_organization
    if not people:
        # No author or editor: APA puts the title in the author's place.
        title = " ".join(to_text(entry.get("title")).split())
        families, folded, is_group = [title], [fold_group(title)], True
    year, suffix = read_year(entry.get("year") or entry.get("date")[:4])
    if is_in_press(entry):
        year, suffix = "in press", ""
    first = "" if not people or people[0].is_organization else people[0].first
    return _Draft(
        entry=entry,
        families=tuple(families),
        folded=tuple(folded),
        is_group=is_group,
        is_titled=not people,
        initials=initials(first),
        year=year,
        suffix=suffix,
    )


@lru_cache(maxsize=65536)
def _family(person: Person) -> tuple[str, str]:
    """Return the family name APA cites for ``person`` and its folded form.

    Cached: a library names the same people again and again.
    """
    if person.is_others:
        # "and others": APA cites three or more as "et al." all the same.
        return "others", ""
    written = f"{person.von} {person.last}" if person.von else person.last
    name = " ".join(to_text(written).split())
    return name, fold_group(name) if person.is_organization else fold_family(name)


def _suffixes(drafts: Sequence[_Draft]) -> dict[int, str]:
    """Return the letter of each work that shares its authors and year with another."""
    groups: dict[tuple[tuple[str, ...], str, str], list[int]] = defaultdict(list)
    for index, draft in enumerate(drafts):
        if not draft.suffix:
            # Same authors means the same people: "Smith, J." is not "Smith, A.".
            who = (draft.folded, fold_initials(draft.initials)[:1])
            groups[(*who, draft.year)].append(index)
    letters: dict[int, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda index: _title_key(drafts[index].entry))
        for position, index in enumerate(ordered):
            letters[index] = _letter(position)
    return letters


def _shared_family_names(drafts: Sequence[_Draft]) -> set[str]:
    """Return the first authors' family names borne by people of other initials.

    Only the first initial counts: "Smith, J." and "Smith, J. A." may well be
    one person written twice.
    """
    seen: dict[str, set[str]] = defaultdict(set)
    for draft in drafts:
        if draft.folded and draft.initials and not draft.is_group:
            seen[draft.folded[0]].add(fold_initials(draft.initials)[:1])
    return {family for family, letters in seen.items() if len(letters) > 1}


def _names_needed(drafts: Sequence[_Draft]) -> dict[int, int]:
    """Return how many names each 3+ author work's in-text form must list."""
    buckets: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for index, draft in enumerate(drafts):
        if len(draft.folded) >= 3:
            # Initials already tell first authors of one family name apart.
            who = (draft.folded[0], fold_initials(draft.initials)[:1])
            buckets[(*who, draft.year)].append(index)
    needed: dict[int, int] = {}
    for members in buckets.values():
        for index in members:
            own = drafts[index].folded
            others = [drafts[i].folded for i in members if drafts[i].folded != own]
            count = 1
            while count < len(own) and _collides(own, others, count):
                count += 1
            needed[index] = count
    return needed


def _collides(
    own: tuple[str, ...], others: Iterable[tuple[str, ...]], count: int
) -> bool:
    return any(other[:count] == own[:count] for other in others)


def _title_key(entry: Entry) -> str:
    raw = entry.get("title")
    # Decoding LaTeX is slow; braces alone ("{DNA}") only need dropping.
    title = to_text(raw) if "\\" in raw else strip_braces(raw)
    title = " ".join(title.split()).casefold()
    for article in _ARTICLES:
        if title.startswith(article):
            title = title[len(article) :]
            break
    return fold(title)


def _letter(position: int) -> str:
    """Return a, b, …, z, then aa, ab, … for very prolific years."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    if position < len(letters):
        return letters[position]
    return letters[position // 26 - 1] + letters[position % 26]
