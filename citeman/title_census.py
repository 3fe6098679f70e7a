"""What a library's own titles tell about the case of their words.

One census, read by the title-case rule (CM202) and by the APA renderer, so
that a library's proper nouns ("Scherrer", "Kondo") keep their capital and its
common words ("muonium", "manual") lose a Title Case capital the same way in
``check``, ``fix`` and ``render``. Each title is summarised alone (:func:`read`,
small and picklable, so a per-entry cache can keep it); :func:`casing_of`
adds the summaries up into a :class:`~citeman.text.Casing`.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from citeman.text import Casing, is_sentence_case, is_title_case, unbraced

_CORE = re.compile(r"^[^\w]+|[^\w]+$")
#: A word after one of these opens a sentence: its capital tells nothing.
_OPENERS = (":", "?", "!", ".", "—")


@dataclass(frozen=True, slots=True)
class TitleWords:
    """One title's part of the census.

    Its style, the words (in lower case) it capitalises inside a sentence, and
    the words it writes in lower case there; plain words of three letters or
    more only (no braces, digits, hyphens or commands). Slotted: a large
    library's summaries hold one per title.
    """

    sentence: bool
    title: bool
    capitalised: tuple[str, ...]
    lower: tuple[str, ...]

    def __reduce__(self) -> tuple[type[TitleWords], tuple[object, ...]]:
        # Pickled by its fields: a slotted dataclass's own state methods look
        # up its fields at each call, and a worker sends one per title
        # (``citeman.chunked``): 50,000 pickled and read back 0.30 -> 0.12 s.
        return TitleWords, (self.sentence, self.title, self.capitalised, self.lower)


@lru_cache(maxsize=65536)
def read(title: str) -> TitleWords:
    """Return the census's summary of one stored title.

    >>> read("Reactions of Muonium with simple molecules").capitalised
    ('muonium',)
    """
    capitalised: list[str] = []
    lower: list[str] = []
    for before, word in pairwise(title.split()):
        counted = _counted(word)
        if counted is None or before.endswith(_OPENERS):
            continue
        is_lower, core = counted
        (lower if is_lower else capitalised).append(core)
    inside = unbraced(title) or title  # braces around it all: read the inside
    return TitleWords(
        is_sentence_case(inside),
        is_title_case(inside),
        tuple(capitalised),
        tuple(lower),
    )


@lru_cache(maxsize=65536)
def _counted(word: str) -> tuple[bool, str] | None:
    """Return whether a word counts in lower case, and it in lower case; or None.

    None for a word that does not count (under three letters, not only
    letters, neither in lower case nor capitalised). Interned: a library's
    titles share most of their words, and summaries are pickled (equal words
    of one chunk then arrive as one); cached for the same reason.
    """
    core = _CORE.sub("", word)
    if len(core) < 3 or not core.isalpha():
        return None
    if core.islower():
        return True, sys.intern(core)
    if core[0].isupper() and core[1:].islower():
        return False, sys.intern(core.lower())
    return None


class Census(NamedTuple):
    """The sums :func:`casing_of` reads, kept apart so that titles can be taken
    out and put in (a re-check after an edit, ``citeman.splice``).

    Counts of each word capitalised inside a sentence-case title and written
    in lower case inside any, and counts of titles: all, sentence case only,
    Title Case only. Plain data: a kept state holds it.
    """

    capital: dict[str, int]
    lower: dict[str, int]
    total: int
    sentence: int
    title: int


def census_of(titles: Iterable[TitleWords]) -> Census:
    """Return the census of ``titles``."""
    return counted(Census({}, {}, 0, 0, 0), titles, ())


def counted(
    census: Census, added: Iterable[TitleWords], removed: Iterable[TitleWords]
) -> Census:
    """Return ``census`` with the titles ``added`` put in and ``removed`` taken out."""
    capital, lower = Counter(census.capital), Counter(census.lower)
    count, sentence, title = census.total, census.sentence, census.title
    for step, titles in ((1, added), (-1, removed)):
        for words in titles:
            count += step
            only_sentence = words.sentence and not words.title
            sentence += step * only_sentence
            title += step * (words.title and not words.sentence)
            for word in words.lower:
                lower[word] += step
            if only_sentence:
                for word in words.capitalised:
                    capital[word] += step
    return Census(
        {word: n for word, n in capital.items() if n},
        {word: n for word, n in lower.items() if n},
        count,
        sentence,
        title,
    )


def casing_of(titles: Iterable[TitleWords]) -> Casing:
    """Return what a library's titles, summarised by :func:`read`, tell.

    A word capitalised inside at least two sentence-case titles, and more often
    than it is written in lower case anywhere, is a proper noun of the library
    (a place, a method named after someone); it is learnt only when most
    titles are in sentence case, as in a Title Case library every word is
    capitalised somewhere. A word written in lower case inside a title more
    often than it is capitalised in sentence-case ones is a common word, and
    plainly so when written in lower case three times and three times as
    often. Two thirds of the titles that tell in one style make it the
    library's ``style``.
    """
    return casing_in(census_of(titles))


def casing_in(census: Census) -> Casing:
    """Return what the titles counted in ``census`` tell (see :func:`casing_of`)."""
    capital, lower = census.capital, census.lower
    count, sentence, title = census.total, census.sentence, census.title
    proper: frozenset[str] = frozenset()
    if sentence * 2 > count:
        proper = frozenset(
            w for w, n in capital.items() if n >= 2 and n > lower.get(w, 0)
        )
    common = frozenset(w for w, n in lower.items() if n > capital.get(w, 0))
    plain = frozenset(
        w for w in common if lower[w] >= 3 and lower[w] >= 3 * capital.get(w, 0)
    )
    style = ""
    if max(title, sentence) * 3 >= (title + sentence) * 2 > 0:
        style = "title" if title > sentence else "sentence"
    return Casing(proper, common, plain, style)


def casing_of_titles(titles: Iterable[str]) -> Casing:
    """Return what the stored titles ``titles`` tell, read one by one."""
    return casing_of(read(title) for title in titles)
