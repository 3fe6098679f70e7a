"""What an audit knows: citations found in a manuscript, works in the list, and links.

These records are what the CM5 rules read; they import nothing from the rest of
the audit package, so ``citeman.rules.base`` can name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from citeman.authordate.work import SortKey
from citeman.model import Entry, Span


class Form(StrEnum):
    """How a citation is written."""

    KEY = "key"  # \cite{kopta1994}, [@kopta1994]: the processor writes the text
    PARENTHETICAL = "parenthetical"  # (Kopta et al., 1994)
    NARRATIVE = "narrative"  # Kopta et al. (1994)


@dataclass(frozen=True, slots=True)
class Citation:
    """One work cited at one place of a manuscript.

    A key citation has ``key``; an author–date one has ``names`` (family names or
    a group's name, as written), ``year`` ("1994", "n.d." or "in press") and its
    letter ``suffix``. ``abbreviation`` is the one introduced here, as in
    "(National Institute of Mental Health [NIMH], 2020)". Works cited in one
    parenthesis share ``group`` (the offset of its "("), and ``segment`` counts
    the runs a prefix such as "see also" starts in it; APA orders each run.
    """

    path: str
    span: Span
    form: Form
    key: str = ""
    names: tuple[str, ...] = ()
    et_al: bool = False
    connector: str = ""
    year: str = ""
    suffix: str = ""
    abbreviation: str = ""
    written: str = ""
    group: int = -1
    segment: int = 0

    @property
    def is_prose(self) -> bool:
        """Return whether the writer typed the author–date text themselves."""
        return self.form is not Form.KEY

    @property
    def is_parenthetical(self) -> bool:
        """Return whether the whole citation is inside parentheses."""
        return self.form is Form.PARENTHETICAL


@dataclass(frozen=True, slots=True)
class Work:
    """An entry of the reference list as in-text citations name it.

    ``families`` are the family names APA cites (particles kept, LaTeX decoded;
    a group author whole; with no author or editor, the title, and ``is_titled``),
    ``folded`` the same reduced for matching. ``initials`` are the first
    author's ("J.-P."); APA writes them when another first author in the list
    has the same family name ("J. Smith, 2020" and "A. Smith, 2019"). ``suffix``
    is the letter APA adds when another work has the same authors and year,
    and ``names_needed`` how many names the in-text form lists before "et al."
    so that it is told apart from works with the same first author and year;
    ``count`` is how many authors APA counts ("and others" makes three).
    All of it comes from :mod:`citeman.authordate`.
    """

    entry: Entry
    families: tuple[str, ...]
    folded: tuple[str, ...]
    is_group: bool
    is_titled: bool
    initials: str
    initials_needed: bool
    year: str
    suffix: str
    names_needed: int
    sort_key: SortKey
    count: int


class Status(StrEnum):
    """What a citation's lookup in the list found."""

    FOUND = "found"
    MISSING = "missing"  # no work by that author (or no such key)
    OTHER_YEAR = "other-year"  # the author's works in the list have other years
    NEEDS_SUFFIX = "needs-suffix"  # same authors and year: 2020a or 2020b
    AMBIGUOUS = "ambiguous"  # several works fit and nothing written tells them apart


@dataclass(frozen=True, slots=True)
class Resolution:
    """A citation and the works it resolved to (the candidates when not one).

    ``group_name`` is the group author an abbreviation stands for, and
    ``introduced`` whether the abbreviation was introduced at or before this use.
    """

    citation: Citation
    status: Status
    works: tuple[Work, ...]
    group_name: str = ""
    introduced: bool = True


@dataclass(frozen=True, slots=True)
class Audit:
    """Every citation of the manuscripts, resolved against every work of the list.

    ``cites_all`` is set by ``\\nocite{*}`` or pandoc's ``nocite: "@*"``.
    """

    resolutions: tuple[Resolution, ...]
    works: tuple[Work, ...]
    cites_all: bool

    def cited(self, named: int) -> set[tuple[str, int]]:
        """Return the works cited, as ``(path, offset)`` of their entries.

        A work a citation resolved to counts, and so do the candidates a
        finding names (at most ``named`` per citation), so that a work cited
        with the wrong year is not also reported as never cited.
        """
        cited: set[tuple[str, int]] = set()
        for resolution in self.resolutions:
            for work in resolution.works[:named]:
                cited.add((work.entry.path, work.entry.offset))
        return cited
