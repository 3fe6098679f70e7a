"""What an entry states about its work, in the comparable form matching needs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from citeman.latex import to_text
from citeman.model import Entry
from citeman.names import Person, split_names
from citeman.text import strip_braces

_NOT_WORD = re.compile(r"[^\w]+")
_YEAR = re.compile(r"\b(\d{4})\b")
_FIRST_PAGE = re.compile(r"[A-Za-z]*\d+")


@dataclass(frozen=True, slots=True)
class Reference:
    """An entry's title, first author's family name, year and locators, as read."""

    title: str
    family: str
    year: int | None
    container: str
    volume: str
    first_page: str


def from_entry(entry: Entry) -> Reference:
    """Return what ``entry`` states, LaTeX decoded and braces dropped."""
    # biblatex writes journaltitle and date where BibTeX writes journal and year.
    year = _YEAR.search(entry.get("year") or entry.get("date"))
    container = (
        entry.get("journal") or entry.get("journaltitle") or entry.get("booktitle")
    )
    return Reference(
        title=_plain(entry.get("title")),
        family=first_family(entry.get("author") or entry.get("editor")),
        year=int(year.group(1)) if year else None,
        container=_plain(container),
        volume=_plain(entry.get("volume")).strip(),
        first_page=first_page(_plain(entry.get("pages"))),
    )


def query_text(entry: Entry) -> str:
    """Return the citation text to send as ``query.bibliographic``.

    Authors, year, title and container as a reader would cite them; volume and
    pages are left out because a stray ``72. 2`` would only add noise.
    """
    reference = from_entry(entry)
    families = [_family(person) for person in split_names(entry.get("author"))]
    parts = [" ".join(families[:3]), str(reference.year or ""), reference.title]
    parts.append(reference.container)
    return " ".join(part for part in parts if part)


def first_family(names: str) -> str:
    """Return the family name of the first of BibTeX ``names``.

    >>> first_family("Kivim{\\\\\\"a}ki, M. and Batty, G. D.")
    'Kivimäki'
    >>> first_family("Mark A. Bellis and Karen Hughes")
    'Bellis'
    >>> first_family("{the Helsinki Psychotherapy Study Group}")
    'the Helsinki Psychotherapy Study Group'
    """
    found = split_names(names)
    return _family(found[0]) if found else ""


def first_page(pages: str) -> str:
    """Return the first page or article number of ``pages``.

    >>> first_page("72. 2"), first_page("e140--e149"), first_page("")
    ('72', 'e140', '')
    """
    found = _FIRST_PAGE.search(pages)
    return found.group(0).lower() if found else ""


def normalise(text: str) -> str:
    """Return ``text`` folded for comparison: no accents, case, punctuation or "the".

    >>> normalise("The Lancet  Public-Health")
    'lancet public health'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = _NOT_WORD.sub(" ", letters).replace("_", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _plain(value: str) -> str:
    return strip_braces(to_text(value)).strip()


def _family(person: Person) -> str:
    return _plain(f"{person.von} {person.last}" if person.von else person.last)
