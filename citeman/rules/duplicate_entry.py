"""The same work entered twice under different keys.

Two entries are one work when they have the same DOI (in ``doi``, or as a
doi.org link in ``url``; compared without regard to case or spelling) and
titles that agree (a book's DOI given to each of its chapters makes no
duplicates), or the same title, year and first author's family name. Titles
are compared as a reader sees them: LaTeX decoded, case folded, punctuation
and spacing ignored.
Entries with different DOIs are different works even when their titles match,
and so are entries whose container, volume, number or first page disagree (a
journal's recurring column, "Editorial comments" in two issues of a year). A
LaTeX command no style prints counts as its name (``\\METAFONT`` is not
``\\TeX``).
Each later entry is reported with the key and place of the first; entries
with the same key are left to ``duplicate-key`` (CM002).

FAIL:
    @article{kopta1994, author = {Kopta, S. M. and Howard, K. I.},
      title = {Patterns of symptomatic recovery in psychotherapy}, year = {1994}}
    @article{kopta1994a, author = {S. M. Kopta},
      title = {Patterns of Symptomatic Recovery in Psychotherapy.}, year = {1994}}

PASS:
    @article{kopta1994, author = {Kopta, S. M. and Howard, K. I.},
      title = {Patterns of symptomatic recovery in psychotherapy}, year = {1994}}
    @article{kopta1999, author = {Kopta, S. M.},
      title = {Patterns of symptomatic recovery in psychotherapy}, year = {1999}}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from citeman import doi, names
from citeman.latex import decode, to_text
from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import Head, LibraryRule, RuleContext, Shelf

_NOT_WORD = re.compile(r"[\W_]+")
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_YEAR = re.compile(r"\d{4}")
_FIRST_PAGE = re.compile(r"[^-\u2010-\u2015\u2212,\s]*")
_LOCATORS = ("container", "volume", "number", "pages")


class _Work(NamedTuple):
    """What tells one entry's work: DOI, folded title, work key and locators."""

    doi: str
    title: str
    work: tuple[str, str, str] | None
    #: Container, volume, number and pages as written (folded only when compared).
    locators: tuple[str, ...]


#: An entry as the rule compares it.
_Seen = tuple[Head, _Work]


def summarise(entry: Entry, context: RuleContext) -> _Work:
    """Return what the rule compares of ``entry``."""
    title = _folded(entry.get("title"))
    return _Work(
        _doi_key(entry),
        title,
        _work_key(entry, title),
        (
            entry.get("journal") or entry.get("journaltitle"),
            entry.get("volume"),
            entry.get("number"),
            entry.get("pages"),
        ),
    )


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each entry that repeats an earlier entry's work."""
    by_doi: dict[str, _Seen] = {}
    by_work: dict[tuple[str, str, str], list[_Seen]] = {}
    for shelf in shelves:
        for head, work in shelf.entries:
            assert isinstance(work, _Work)
            seen = (head, work)
            found = work.doi
            earlier, reason = None, "same DOI"
            if found:
                earlier = by_doi.setdefault(found, seen)
                if not _titles_agree(earlier[1].title, work.title):
                    earlier = None  # a book's DOI on its chapters, or a wrong DOI
            if earlier in (None, seen) and work.work is not None:
                earlier = _same_work(by_work.setdefault(work.work, []), seen)
                reason = "same title, year and first author"
            if earlier is None or earlier is seen:
                continue
            first = earlier[0]
            if first.key.lower() == head.key.lower():
                continue
            yield Finding(
                head.span,
                f'same work as "{first.key}" at {first.path}:{first.line} '
                f"({reason}); keep one entry and cite it by one key",
                key=head.key,
                path=head.path,
            )


def _same_work(candidates: list[_Seen], seen: _Seen) -> _Seen | None:
    """Return the first candidate that is ``entry``'s work, or remember ``entry``.

    Title, year and first author may agree for different works: a journal's
    recurring column ("Editorial comments", "Calendar") in two issues, or a
    paper and its reprint with their own DOIs. Those are told apart by what
    locates them: DOI, container, volume, number and first page, compared
    where both entries have them.
    """
    found = seen[1].doi
    for earlier in candidates:
        earlier_doi = earlier[1].doi
        if found and earlier_doi and found != earlier_doi:
            continue
        pairs = zip(_LOCATORS, earlier[1].locators, seen[1].locators, strict=True)
        if not any(_differs(*pair) for pair in pairs):
            return earlier
    candidates.append(seen)
    return None


def _titles_agree(first: str, second: str) -> bool:
    """Return whether folded titles may name one work (equal, or one a prefix)."""
    if not first or not second:
        return True
    return first.startswith(second) or second.startswith(first)


def _differs(name: str, one: str, two: str) -> bool:
    """Return whether both entries give locator ``name`` and the values disagree."""
    first, second = _locator(name, one), _locator(name, two)
    return bool(first and second and first != second)


def _locator(name: str, value: str) -> str:
    """Return a comparable locator: container, volume, number or first page."""
    if name == "pages":
        first = _FIRST_PAGE.match(value.strip())
        value = first.group() if first else value
    return _folded(value)


def _doi_key(entry: Entry) -> str:
    """Return the comparable DOI of ``entry``, from ``doi`` or a doi.org ``url``.

    Text that is not DOI syntax gives "": it identifies nothing.
    """
    written = entry.get("doi")
    if not written.strip():
        written = entry.get("url")
        if "doi.org/" not in written:
            return ""
    bare = doi.normalise(written)
    return bare.lower() if bare else ""


def _work_key(entry: Entry, title: str) -> tuple[str, str, str] | None:
    """Return (title, year, first author's family name), or None if one is missing.

    ``title`` is the entry's folded title, one object with the summary's own:
    the summary is pickled by a worker and held by the main process.
    """
    year = _YEAR.search(entry.get("year") or entry.get("date"))
    family = _first_family(entry.get("author") or entry.get("editor"))
    if not title or year is None or not family:
        return None
    return title, year.group(), family


def _folded(value: str) -> str:
    """Return ``value`` reduced to its letters and digits, case folded.

    A command the LaTeX layer cannot print counts as its name, so that
    ``{\\TeX}: The Program`` and ``{\\METAFONT}: The Program`` stay apart.
    """
    if "\\" in value:
        unknown = decode(value).unknown
        if unknown:
            value = _COMMAND.sub(
                lambda m: m.group(1) if m.group(1) in unknown else m.group(0), value
            )
        value = to_text(value)
    if not value.isascii():
        value = unicodedata.normalize("NFKC", value)
    return _NOT_WORD.sub("", value).casefold()


def _first_family(value: str) -> str:
    """Return the folded von and last name of the first person in a name list."""
    head = _AND.split(value, maxsplit=1)[0]
    comma = head.find(",")
    if comma > 0 and head.count("{", 0, comma) == head.count("}", 0, comma):
        return _folded(head[:comma])  # "von Last, First": all before the comma
    if head.count("{") != head.count("}"):
        head = value  # an "and" inside braces: let BibTeX's reading decide
    people = names.split_names(head)
    if not people:
        return ""
    return _folded(people[0].von + people[0].last)


RULE = LibraryRule(
    code="CM401",
    name="duplicate-entry",
    summary="the same work under two keys (same DOI, or same title, year and "
    "first author)",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    summarise=summarise,
    aggregate=aggregate,
)
