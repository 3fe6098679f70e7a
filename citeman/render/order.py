"""Put references in a style's order and tell same-author, same-year works apart.

APA orders the list letter by letter by the first element, "nothing precedes
something" (Anders before Anderson), group authors by their first significant
word, works without an author by their title; then by year (undated first, in
press last) and title (§9.44–9.47). Works by the same authors in the same year
get ``a``, ``b``, ``c`` after the year, in the list and in citations (§9.47).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby
from string import ascii_lowercase

from citeman.collation import base_letters
from citeman.latex import to_text
from citeman.render.reference import Name, Reference

_ARTICLES = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_NOT_LETTER = re.compile(r"[\W_]+")

NameKey = tuple[tuple[str, str], ...]


def letters(value: str) -> str:
    """Return ``value`` reduced to what APA alphabetises by: letters and digits.

    Accents, case, spaces, hyphens and apostrophes are ignored, so that the
    comparison is letter by letter; letters such as ø and ł count as their
    base letters (:mod:`citeman.collation`).

    >>> letters("Santesteban-Echarri"), letters("Kivimäki"), letters("O'Neil")
    ('santestebanecharri', 'kivimaki', 'oneil')
    >>> letters("Ørsted"), letters("Łukasiewicz")
    ('orsted', 'lukasiewicz')
    """
    if not value.isascii():
        decomposed = unicodedata.normalize("NFKD", value.casefold())
        value = "".join(c for c in decomposed if not unicodedata.combining(c))
        if not value.isascii():
            value = "".join(c if c.isascii() else base_letters(c) for c in value)
    return _NOT_LETTER.sub("", value.casefold())


def significant(value: str) -> str:
    """Return ``value`` without a leading A, An or The (group names and titles)."""
    return _ARTICLES.sub("", value.strip())


@lru_cache(maxsize=65536)
def name_key(name: Name) -> tuple[str, str]:
    """Return how one person or group sorts: family name, then initials."""
    if name.is_organization:
        return (letters(significant(name.family)), "")
    return (letters(name.family), letters(name.initials))


def creators_key(reference: Reference) -> NameKey:
    """Return the sort key of the author element: authors, editors, or the title."""
    people = reference.authors or reference.editors
    if people:
        return tuple(name_key(name) for name in people if not name.is_others)
    return ((letters(significant(to_text(reference.get("title")))), ""),)


def sort_key(reference: Reference) -> tuple[object, ...]:
    """Return the full APA sort key of a reference."""
    title = letters(significant(to_text(reference.get("title"))))
    return (creators_key(reference), reference.date.sort_key, title, reference.key)


def order(references: Sequence[Reference], how: str) -> list[Reference]:
    """Return ``references`` in the order ``how`` names: author-date, or none."""
    if how == "author-date":
        return [reference for _, reference in arrange(references)]
    return list(references)


def arrange(
    references: Sequence[Reference],
) -> list[tuple[tuple[object, ...], Reference]]:
    """Return ``(sort key, reference)`` pairs in APA order, each key computed once."""
    keyed = [(sort_key(reference), reference) for reference in references]
    keyed.sort(key=lambda pair: pair[0])
    return keyed


def suffix_letters(index: int) -> str:
    """Return the ``index``-th (0-based) year suffix: a … z, then aa, ab, ….

    >>> suffix_letters(0), suffix_letters(25), suffix_letters(26)
    ('a', 'z', 'aa')
    """
    if index < len(ascii_lowercase):
        return ascii_lowercase[index]
    return suffix_letters(index // 26 - 1) + ascii_lowercase[index % 26]


def year_suffixes(
    references: Sequence[Reference],
    arranged: Sequence[tuple[tuple[object, ...], Reference]] = (),
) -> dict[str, str]:
    """Return ``{key: "a"}`` for works sharing authors and year, in APA order.

    ``arranged`` is :func:`arrange` of ``references`` when already computed.
    Works without an author are never grouped: their titles differ.
    """
    suffixes: dict[str, str] = {}

    def group(pair: tuple[tuple[object, ...], Reference]) -> tuple[object, ...]:
        key, reference = pair
        if not (reference.authors or reference.editors):
            return ("", reference.key)
        return (key[0], reference.date.status, reference.date.year)

    for _, members in groupby(arranged or arrange(references), key=group):
        works = [reference for _, reference in members]
        if len(works) > 1:
            suffixes.update(
                (work.key, suffix_letters(index)) for index, work in enumerate(works)
            )
    return suffixes
