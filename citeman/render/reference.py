"""An entry as templates see it: its people, its date and the fields APA reads.

This module only reads facts out of BibTeX's fields, following the conventions
in the README (``journaltitle`` for ``journal``, ``date`` before ``year``,
``pubstate`` for works in press); how those facts are printed is for the filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from citeman import doi as doi_module
from citeman import names, urls
from citeman.authordate.work import Work
from citeman.dates import Date, is_month_name
from citeman.latex import to_text
from citeman.model import Entry

_SPACE = re.compile(r"\s+")
#: Entry types rendered as web documents, whose arXiv eprint names their source.
_WEB_TYPES = frozenset({"online", "misc", "electronic", "www", "unpublished"})
_URL_ESCAPE = re.compile(r"\\([_%#&~$])")


@dataclass(frozen=True, slots=True)
class Name:
    """One person or group, decoded for printing.

    ``family`` includes the von part (``van Gogh``); a group author has its
    whole name in ``family`` and nothing else.
    """

    family: str
    given: str
    suffix: str
    initials: str
    is_organization: bool

    @classmethod
    def of(cls, person: names.Person) -> Name:
        """Return the printable form of a parsed ``person``."""
        return _printable(person)

    @classmethod
    def _build(cls, person: names.Person) -> Name:
        if person.is_organization:
            return cls(to_text(person.last), "", "", "", True)
        # Spelt as the author-date work (authordate.work) spells it, so that
        # decoding it is found in to_text's cache, the order having read it.
        written = f"{person.von} {person.last}" if person.von else person.last
        family = to_text(written)
        first, suffix = to_text(person.first), to_text(person.jr)
        return cls(family, first, suffix, names.initials(person.first), False)

    @property
    def is_others(self) -> bool:
        """Return whether this stands for ``and others`` (an incomplete list)."""
        return self.family == "others" and not self.given


# The same people recur across a library (as in names.split_names, cached).
_printable = lru_cache(maxsize=65536)(Name._build)


class Reference:
    """An entry as templates see it: ``entry.get("volume")``, ``entry.authors``.

    Absent fields are ``""`` (so a template tests them with ``{% if %}``), while
    a mistyped attribute is an error under ``StrictUndefined``.
    """

    def __init__(self, entry: Entry) -> None:
        """Wrap ``entry``; everything else is read on first use."""
        self.entry = entry
        self.key = entry.key
        self.type = entry.type

    def get(self, name: str) -> str:
        """Return field ``name`` as stored (braces and LaTeX kept), or ""."""
        return self.entry.get(name)

    def has(self, name: str) -> bool:
        """Return whether field ``name`` has a non-blank value."""
        return bool(self.entry.get(name).strip())

    def people(self, role: str) -> tuple[Name, ...]:
        """Return the names in field ``role`` (author, editor, translator, …)."""
        return tuple(Name.of(person) for person in names.split_names(self.get(role)))

    @cached_property
    def authors(self) -> tuple[Name, ...]:
        """Return the authors."""
        return self.people("author")

    @cached_property
    def editors(self) -> tuple[Name, ...]:
        """Return the editors."""
        return self.people("editor")

    @cached_property
    def translators(self) -> tuple[Name, ...]:
        """Return the translators."""
        return self.people("translator")

    @property
    def work(self) -> Work:
        """Return the author–date facts ``render``, ``cite`` and ``audit`` share.

        Read anew each time: they serve the ordering and the year letters,
        once each, and keeping them for every reference of a long list costs
        memory that rendering needs. The work's date is the reference's
        (:attr:`date`, read from the same entry): it is kept, not read again.
        """
        work = Work.of(self.entry)
        self.__dict__.setdefault("date", work.date)  # what cached_property keeps
        return work

    @cached_property
    def date(self) -> Date:
        """Return the date of publication."""
        return Date.of(self.entry)

    @property
    def title(self) -> str:
        """Return the title, with the ``subtitle`` after a colon when there is one."""
        subtitle = self.get("subtitle").strip()
        title = self.get("title").strip()
        return f"{title}: {subtitle}" if subtitle and title else title or subtitle

    @cached_property
    def urldate(self) -> Date:
        """Return when a web page was seen (``urldate``), for retrieval statements."""
        return Date.of_text(self.get("urldate"))

    @property
    def journal(self) -> str:
        """Return the journal name (``journal`` or biblatex's ``journaltitle``)."""
        return self.get("journal") or self.get("journaltitle")

    @property
    def subtype(self) -> str:
        """Return ``entrysubtype`` lower-cased (magazine, newspaper) or ""."""
        return self.get("entrysubtype").strip().lower()

    @property
    def issue(self) -> str:
        """Return the issue (``number``, or biblatex's ``issue``), decoded, or "".

        A month name stored as the number (Zotero exports ``number = {May}``)
        is a date, not an issue.
        """
        issue = to_text(self.get("number") or self.get("issue"))
        return "" if is_month_name(issue) else issue

    @property
    def arxiv(self) -> str:
        """Return the arXiv identifier of an ``eprint`` (eprinttype arxiv), or ""."""
        archive = (self.get("eprinttype") or self.get("archiveprefix")).strip()
        return self.get("eprint").strip() if archive.lower() == "arxiv" else ""

    @property
    def publisher(self) -> str:
        """Return who published the work: publisher, institution, school or site.

        A preprint known only by its arXiv identifier is published by arXiv.
        """
        for field in ("publisher", "institution", "school", "organization"):
            if self.has(field):
                return self.get(field)
        return "arXiv" if self.arxiv and self.type in _WEB_TYPES else ""

    @cached_property
    def doi(self) -> str:
        """Return the bare DOI however it was stored, or "" (read ~3 times each)."""
        stored = self.get("doi") or next(
            (url for url in self.urls if _doi_in_url(url)), ""
        )
        if not stored.strip():
            return ""
        return doi_module.normalise(to_text(stored)) or to_text(stored)

    @cached_property
    def urls(self) -> tuple[str, ...]:
        """Return every URL of the ``url`` field, in order (most hold one).

        A URL is verbatim, as in biblatex: ``%`` and ``&`` are not LaTeX; only
        the backslash escapes classic BibTeX needed (``\\_``) are undone.
        """
        return tuple(urls.split(_URL_ESCAPE.sub(r"\1", self.get("url"))))

    @property
    def url(self) -> str:
        """Return the URL printed when there is no DOI: the first that is no DOI link.

        APA gives one URL per reference (§9.34); ``render`` warns about the
        others (:func:`unprinted_urls`).
        """
        url = next((url for url in self.urls if not _doi_in_url(url)), "")
        if not url and not self.urls and self.arxiv:
            return f"https://arxiv.org/abs/{self.arxiv}"
        return url


def _doi_in_url(url: str) -> str:
    """Return ``url`` if it is a doi.org link (a DOI stored in the wrong field)."""
    if "doi.org/" in url and doi_module.normalise(to_text(url)):
        return url
    return ""


def unprinted_urls(reference: Reference) -> list[str]:
    """Return the URLs of a ``url`` field holding several that the reference omits.

    APA gives a reference its DOI, else one URL (§9.34): the first URL is
    printed (or the DOI, when there is one) and the rest are left out, which
    ``render`` says. A field holding one URL never counts.

    >>> from citeman.parse import loads
    >>> unprinted_urls(Reference(loads("@misc{k, url = {http://a.org;"
    ...     " http://b.org}}").entries[0]))
    ['http://b.org']
    """
    if len(reference.urls) < 2:
        return []
    printed = "" if reference.doi else reference.url
    return [url for url in reference.urls if url != printed and not _doi_in_url(url)]
