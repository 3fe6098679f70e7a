"""Guess whether a title without a language field is in English.

Case rules differ by language: German capitalises every noun, Latin and French
titles of old works keep their capitals. Most entries carry no ``langid``, so a
title is taken as foreign when it has function words only other languages use
and none of English's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from citeman.model import Entry

#: Language names (langid, language, hyphenation) that mean English.
_ENGLISH_NAMES = (
    "en", "american", "british", "us", "uk", "canadian", "australian", "new",
)  # fmt: skip
_LETTERS = re.compile(r"[^\W\d_]+")
#: Words common in English titles and rare in Latin, German or French ones.
_ENGLISH = frozenset(
    """
    the of and for with on to from by an is are its using towards toward
    """.split()  # noqa: SIM905
)
#: Function words of Latin, German, French, Italian and Spanish titles.
_FOREIGN = frozenset(
    """
    de et ad cum sive seu ex pro quae qui quod libri liber ab sub der die das und
    für über von zur zum mit ein eine des dem den auf bei aus le la les du pour sur
    une dans avec il della delle degli nel per con el los las del por para y
    """.split()  # noqa: SIM905
)


def looks_foreign(title: str) -> bool:
    """Return whether ``title`` reads as Latin, German, French, Italian or Spanish.

    >>> looks_foreign("De bello Gallico"), looks_foreign("The role of der Waals forces")
    (True, False)
    """
    words = _LETTERS.findall(title.lower())
    return not _FOREIGN.isdisjoint(words) and _ENGLISH.isdisjoint(words)


def is_english(entry: Entry) -> bool:
    """Return whether the entry is in English (or says nothing of its language).

    Other languages have other rules (German capitalises every noun, Latin
    titles keep their capitals). Without a language field, a title with words
    only other languages use and none of English's is taken as foreign.
    """
    language = entry.get("langid") or entry.get("language") or entry.get("hyphenation")
    if language.strip():
        return language.strip().lower().startswith(_ENGLISH_NAMES)
    return not looks_foreign(entry.get("title"))
