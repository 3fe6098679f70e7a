"""How journal names are compared: their significant words, and abbreviations.

Shared by journal-name (CM206: one journal spelled two ways) and
abbreviated-journal (CM211: an abbreviation APA wants written in full), so that
both read a name, and decide that one name abbreviates another, the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from citeman.latex import to_text

#: The fields that hold an entry's journal name (BibTeX's, then biblatex's).
FIELDS = ("journal", "journaltitle")
#: Words two spellings of one journal may differ by ("in" and "for" name
#: different journals: Computers in Chemistry, Computers and Chemistry).
_SKIPPED_WORDS = frozenset({"of", "the", "and", "&"})
_WORD = re.compile(r"[^\W_]+\.?")
_COMMAND = re.compile(r"\\([A-Za-z]+)")


@lru_cache(maxsize=4096)
def words(spelling: str) -> tuple[str, ...]:
    """Return the lower-case significant words, abbreviation dots kept.

    A LaTeX command counts as the word it is named by, so that ``\\TeXhax``
    and ``\\TUB`` (a journal each) are not both read as no words at all.
    Cached: a library names a few hundred journals, each many times.
    """
    text = _COMMAND.sub(r" \1 ", spelling)
    text = to_text(text).lower().replace("&", " and ")
    return tuple(
        word for word in _WORD.findall(text) if word.rstrip(".") not in _SKIPPED_WORDS
    )


def abbreviates(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Return whether each word of ``short`` abbreviates the word of ``full``.

    A word abbreviates another when it is a prefix of it ending in a dot, or a
    prefix at least two letters shorter (``Psychol``, ``Res``). At least one
    word must be shortened to a dot or to four letters or fewer, so that
    ``Mind`` and ``Mindfulness`` stay two journals.
    """
    shortened = False
    for word, longer in zip(short, full, strict=True):
        stem, whole = word.rstrip("."), longer.rstrip(".")
        if stem == whole:
            continue
        if longer.endswith(".") or not whole.startswith(stem):
            return False
        if not (word.endswith(".") or len(whole) - len(stem) >= 2):
            return False
        shortened = shortened or word.endswith(".") or len(stem) <= 4
    return shortened


def keeps_letters(spelling: str, common: str) -> bool:
    """Return whether every letter of ``spelling`` is in ``common``, in order."""
    rest = iter(to_text(common).casefold())
    return all(char in rest for char in to_text(spelling).casefold() if char.isalnum())
