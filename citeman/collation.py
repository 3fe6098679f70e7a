"""Base letters for alphabetising, from the Unicode Collation Algorithm.

APA orders references letter by letter on base letters (§9.44): Ørsted files
under O and Łukasiewicz under L, not after Z. Unicode decomposition handles
accents (é is e plus an accent) but not letters such as ø, ł, đ or æ, which
have no decomposition. The Unicode Collation Algorithm's default table
(DUCET) gives each of these the primary weight of its base letter (ø as o, æ
as a then e, ß as s then s), so a character is replaced by the ASCII letters
with its primary weights. ``pyuca`` implements the algorithm in pure Python:
chosen over PyICU because it installs everywhere without a C++ ICU build, and
only its table is needed here, once per distinct character; for the Basic
Multilingual Plane the answers are precomputed (:mod:`citeman.base_letters`),
so that the table is read only for a character beyond it.
"""

from __future__ import annotations

import string
from functools import cache

from pyuca import Collator

from citeman.base_letters import FILED_UNDER

_ASCII = string.ascii_lowercase + string.digits
#: The characters :mod:`citeman.base_letters` answers for.
_PRECOMPUTED = range(0x80, 0x10000)
_SURROGATES = range(0xD800, 0xE000)
_FILED = {char: letters for letters, chars in FILED_UNDER.items() for char in chars}


@cache
def _collator() -> Collator:
    # Reading the table takes a third of a second: only when a name needs it.
    return Collator()


@cache
def _letters_by_weight() -> dict[int, str]:
    collator = _collator()
    return {_primaries(collator, char)[0]: char for char in _ASCII}


def _primaries(collator: Collator, text: str) -> tuple[int, ...]:
    key: tuple[int, ...] = collator.sort_key(text)
    end = key.index(0) if 0 in key else len(key)
    return key[:end]


@cache
def base_letters(char: str) -> str:
    """Return the ASCII letters ``char`` alphabetises as, or ``char`` itself.

    >>> [base_letters(c) for c in "øŁæßđ"], base_letters("þ")
    (['o', 'l', 'ae', 'ss', 'd'], 'þ')
    """
    code = ord(char)
    if code in _PRECOMPUTED and code not in _SURROGATES:
        return _FILED.get(char, char)
    return from_collator(char)


def from_collator(char: str) -> str:
    """Return :func:`base_letters` of ``char`` as DUCET gives it (reads the table)."""
    weights = _primaries(_collator(), char)
    table = _letters_by_weight()
    if weights and all(weight in table for weight in weights):
        return "".join(table[weight] for weight in weights)
    return char


def precomputed() -> dict[str, str]:
    """Return :mod:`citeman.base_letters`' table worked out from DUCET again."""
    filed: dict[str, list[str]] = {}
    for code in _PRECOMPUTED:
        if code in _SURROGATES:
            continue
        letters = from_collator(chr(code))
        if letters != chr(code):
            filed.setdefault(letters, []).append(chr(code))
    return {letters: "".join(chars) for letters, chars in sorted(filed.items())}
