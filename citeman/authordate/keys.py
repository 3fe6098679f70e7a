"""The two ways names are compared: folded for matching, lettered for ordering.

A cited "Kivimaki" or "Van der Berg" must meet the list's ``Kivim{\\"a}ki`` and
``van der Berg``: names are matched folded (accents, case, particles and
punctuation dropped). The reference list is ordered letter by letter on base
letters (APA §9.44): :func:`letters`.
"""

from __future__ import annotations

import re
import unicodedata

from citeman.collation import base_letters

#: Words that may lead a family name and that writers drop or capitalise
#: ("Auf der Maur", "Al Suleiman", "El Mansouri", "Ibn Khaldun").
PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le",
    "ten", "ter", "dos", "das", "des", "vom", "zu", "zur", "zum", "y", "auf", "al",
    "el", "bin", "ibn",
})  # fmt: skip
# Initials as written before a cited family name: "J.", "J.-P.", "Ch.", "Th."
_INITIALS = re.compile(r"(?:[^\W\d_][^\W\d_]{0,2}\.-?)+")
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
_ARTICLES = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_NOT_LETTER = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Return ``text`` reduced to lower-case letters and digits, accents dropped.

    >>> fold("Kivimäki-Smith")
    'kivimakismith'
    """
    # NFKD splits "ä" into "a" and a combining mark, which is not a word character.
    return _NOT_ALPHANUMERIC.sub("", unicodedata.normalize("NFKD", text)).casefold()


def is_initials(word: str) -> bool:
    """Return whether ``word`` is initials written before a family name ("J.-P.")."""
    return _INITIALS.fullmatch(word) is not None


def is_lead(word: str) -> bool:
    """Return whether ``word`` may precede a family name: a particle or initials.

    >>> is_lead("van"), is_lead("J.-P."), is_lead("Ch."), is_lead("Smith")
    (True, True, True, False)
    """
    return word.casefold() in PARTICLES or is_initials(word)


def fold_family(name: str) -> str:
    """Return a family name folded for matching, leading particles dropped.

    Initials go too: APA writes "(J. Smith, 2020)" to tell two Smiths apart.

    >>> fold_family("Van der Berg") == fold_family("J.-P. van der Berg") == "berg"
    True
    >>> fold_family("Auf der Maur"), fold_family("Al Suleiman")
    ('maur', 'suleiman')
    """
    words = name.split()
    while len(words) > 1 and is_lead(words[0]):
        words.pop(0)
    return fold(" ".join(words))


def fold_group(name: str) -> str:
    """Return a group author's name folded for matching, a leading "The" dropped.

    >>> fold_group("The World Health Organization")
    'worldhealthorganization'
    """
    words = name.split()
    if len(words) > 1 and words[0].casefold() == "the":
        words.pop(0)
    return fold(" ".join(words))


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
