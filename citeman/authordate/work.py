"""One entry as an author–date citation sees it: its creators, its date, its title.

The creators are the authors, else the editors (APA §9.12), else none: the
title then stands in the author's place (§8.14, §9.12). A person is cited by
the family name with its particles (``van Gogh``), a group author whole. An
entry's ``crossref`` and ``xdata`` are resolved before it gets here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from citeman import names
from citeman.authordate.keys import (
    fold_family,
    fold_group,
    is_initials,
    is_lead,
    letters,
    significant,
)
from citeman.dates import Date
from citeman.latex import to_text
from citeman.model import Entry

#: A reference's place in the list, as :attr:`Work.sort_key` gives it.
SortKey = tuple[tuple[tuple[str, str], ...], tuple[int, str, int, int], str, str]


@dataclass(frozen=True, slots=True)
class Creator:
    """One author (or editor) as citations name them.

    ``family`` is as cited (LaTeX decoded, particles kept; a group's whole
    name), ``initials`` as APA writes them (``J.-P.``, ``Ch.``); ``folded``
    is the name folded for matching ("van Berg" and "Berg" meet) and
    ``sort_key`` how it sorts: family letter by letter, then initials.
    """

    family: str
    initials: str
    is_group: bool
    folded: str
    sort_key: tuple[str, str]

    @classmethod
    def of(cls, person: names.Person) -> Creator:
        """Return how ``person`` is cited.

        Not cached: a work's facts are read for a moment (ordering, letters),
        and decoding and initials are cached below (``to_text``, ``initials``).
        """
        return _creator(person)


def _creator(person: names.Person) -> Creator:
    # to_text's text has its whitespace collapsed and trimmed already.
    if person.is_organization:
        group = to_text(person.last)
        return Creator(
            group, "", True, fold_group(group), (letters(significant(group)), "")
        )
    written = f"{person.von} {person.last}" if person.von else person.last
    family = to_text(written)
    initials = names.initials(person.first)
    lettered = letters(family)
    return Creator(
        family,
        initials,
        False,
        _folded_family(family, lettered),
        (lettered, letters(initials)),
    )


def _folded_family(family: str, lettered: str) -> str:
    """Return :func:`fold_family` of ``family``, whose :func:`letters` are ``lettered``.

    For ASCII, folding and lettering keep the same characters; a family name
    not led by a particle or initials then folds to its letters (most names:
    one fold less for each of a library's tens of thousands of authors).
    """
    if family.isascii() and not (" " in family and is_lead(family.split(" ", 1)[0])):
        return lettered
    return fold_family(family)


@dataclass(frozen=True, slots=True)
class Work:
    """An entry's author–date facts.

    ``creators`` leave out the ``others`` of "and others", which ``has_others``
    records: such a list has three or more authors (APA cites "et al.").
    ``title`` is kept when it stands in the author's place (no creator), and
    ``sort_key`` is the place in an APA reference list (§9.44–9.47): letter
    by letter by the first element (names, else title), then by date
    (undated first, in press last), then by title.
    """

    key: str
    creators: tuple[Creator, ...]
    has_others: bool
    date: Date
    title: str
    sort_key: SortKey

    @classmethod
    def of(cls, entry: Entry) -> Work:
        """Read the author–date facts of ``entry`` (inheritance already applied)."""
        people = names.split_names(entry.get("author")) or names.split_names(
            entry.get("editor")
        )
        creators = tuple(Creator.of(p) for p in people if not p.is_others)
        title = to_text(entry.get("title"))
        date = Date.of(entry)
        by_title = letters(significant(title))
        if creators:
            who = tuple(creator.sort_key for creator in creators)
        else:
            who = ((by_title, ""),)
        sort_key = (who, date.sort_key, by_title, entry.key)
        shown = "" if creators else title
        return cls(
            entry.key, creators, len(creators) < len(people), date, shown, sort_key
        )

    @property
    def is_titled(self) -> bool:
        """Return whether the title stands in the author's place (no creator)."""
        return not self.creators

    @property
    def is_group(self) -> bool:
        """Return whether a group (or, with no creator, the title) is cited whole."""
        return self.is_titled or (len(self.creators) == 1 and self.creators[0].is_group)

    @property
    def author_count(self) -> int:
        """Return how many authors APA counts; "and others" makes three or more."""
        if self.has_others:
            return max(3, len(self.creators) + 1)
        return max(1, len(self.creators))

    @property
    def year(self) -> str:
        """Return the year as cited: "2020", "n.d." or "in press"."""
        return self.date.status or self.date.year

    @property
    def families(self) -> tuple[str, ...]:
        """Return the names a citation may list: families, or the quoted title."""
        if self.is_titled:
            return (f'"{self.title}"' if self.title else self.key,)
        return tuple(creator.family for creator in self.creators)

    @property
    def folded(self) -> tuple[str, ...]:
        """Return the names folded for matching (the title, when it stands in)."""
        if self.is_titled:
            # Neither author nor title: cited by its key, like no other work.
            return (fold_group(self.title) if self.title else self.key,)
        return tuple(creator.folded for creator in self.creators)


def cited_sort_key(written: Sequence[str], year: str) -> SortKey:
    """Return where a citation as written ("J. Smith", "2020") sorts in the list.

    For a citation that matches no work: it is ordered among the others by
    what it says, names letter by letter and the year (§9.44–9.46).

    >>> cited_sort_key(["Ch. Smith", "Lee"], "in press")
    ((('smith', 'ch'), ('lee', '')), (2, '', 0, 0), '', '')
    """
    who = []
    for name in written:
        words = name.split()
        lead = [word for word in words[:-1] if is_initials(word)]
        family = " ".join(words[len(lead) :])
        who.append((letters(family), letters(" ".join(lead))))
    if year in ("n.d.", "in press"):
        when = (0 if year == "n.d." else 2, "", 0, 0)
    else:
        when = (1, year, 0, 0)
    return (tuple(who), when, "", "")
