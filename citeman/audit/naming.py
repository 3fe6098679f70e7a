"""How author–date citations compare names and years, whoever wrote them.

A cited "Kivimaki" or "Van der Berg" must meet the list's ``Kivim{\\"a}ki`` and
``van der Berg``: names are compared folded (accents, case, particles and
punctuation dropped) and years read the same way on both sides.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from citeman.latex import to_text

#: Words that may lead a family name and that writers drop or capitalise.
PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le",
    "ten", "ter", "dos", "das", "des", "vom", "zu", "zur", "zum", "y",
})  # fmt: skip
_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)+")
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
_YEAR = re.compile(r"(\d{4})\s*-?\s*([a-z]?)(?![a-z])")
_NO_DATE = frozenset({"", "n.d.", "nd", "n. d.", "no date", "s.d."})
_IN_PRESS = frozenset({"in press", "forthcoming", "accepted"})
#: Where in-press works sort among an author's works: after every year.
IN_PRESS_RANK = 9999


def fold(text: str) -> str:
    """Return ``text`` reduced to lower-case letters and digits, accents dropped.

    >>> fold("Kivimäki-Smith")
    'kivimakismith'
    """
    # NFKD splits "ä" into "a" and a combining mark, which is not a word character.
    return _NOT_ALPHANUMERIC.sub("", unicodedata.normalize("NFKD", text)).casefold()


@lru_cache(maxsize=65536)
def fold_family(name: str) -> str:
    """Return a family name folded for matching, leading particles dropped.

    Initials go too: APA writes "(J. Smith, 2020)" to tell two Smiths apart.

    >>> fold_family("Van der Berg") == fold_family("J.-P. van der Berg") == "berg"
    True
    """
    words = name.split()
    while len(words) > 1 and is_lead(words[0]):
        words.pop(0)
    return fold(" ".join(words))


def is_lead(word: str) -> bool:
    """Return whether ``word`` may precede a family name: a particle or initials."""
    return word.casefold() in PARTICLES or _INITIALS.fullmatch(word) is not None


def fold_initials(written: str) -> str:
    """Return initials reduced for comparison: "J.-P." and "J. P." are both "jp"."""
    return fold(written)


def cited_initials(name: str) -> str:
    """Return the initials written before a cited family name ("J. Smith": "j")."""
    words = name.split()[:-1]
    return "".join(fold(word) for word in words if _INITIALS.fullmatch(word))


@lru_cache(maxsize=65536)
def fold_group(name: str) -> str:
    """Return a group author's name folded for matching, a leading "The" dropped.

    >>> fold_group("The World Health Organization")
    'worldhealthorganization'
    """
    words = name.split()
    if len(words) > 1 and words[0].casefold() == "the":
        words.pop(0)
    return fold(" ".join(words))


def read_year(value: str) -> tuple[str, str]:
    """Return the year ("2020", "n.d." or "in press") and letter suffix of a value.

    >>> read_year("2020b"), read_year("{n.d.}"), read_year("In press")
    (('2020', 'b'), ('n.d.', ''), ('in press', ''))
    """
    text = " ".join(to_text(value).split()).casefold()
    if text in _NO_DATE:
        return "n.d.", ""
    for word in _IN_PRESS:
        if text.startswith(word):
            return "in press", text[len(word) :].strip(" -")[:1]
    if text.startswith("n.d."):
        return "n.d.", text[4:].strip(" -")[:1]
    match = _YEAR.search(text)
    if match is None:
        return text, ""
    return match.group(1), match.group(2)


def year_rank(year: str) -> int:
    """Return where a year sorts: "n.d." first, then by year, "in press" last."""
    if year == "n.d.":
        return -1
    if year.isdigit():
        return int(year)
    return IN_PRESS_RANK


def year_text(year: str, suffix: str) -> str:
    """Return the year as APA writes it with its suffix.

    >>> year_text("2020", "a"), year_text("n.d.", "b"), year_text("in press", "")
    ('2020a', 'n.d.-b', 'in press')
    """
    if not suffix:
        return year
    return f"{year}{suffix}" if year.isdigit() else f"{year}-{suffix}"
