"""A journal name abbreviated with periods where APA 7 wants the full name.

APA 7 prints the journal's full name ("Physical Review B", not "Phys. Rev.
B"); databases and physics styles export the ISO 4 abbreviation. A name is
taken as abbreviated when at least half of its words (not counting "of",
"the", single letters such as the B of a series, and a parenthesised place)
end in an abbreviation point, so ``Proceedings of the Royal Society of
London. Series A`` and ``Dr. Dobb's Journal`` are full names, and a period
glued to the next word (``PublishersWeekly.com``) is no abbreviation point.

The full name is offered (as an unsafe fix: it changes letters) only where the
library itself spells it out: the entry's own ``fjournal`` (Beebe's full
journal name beside the abbreviation), the ``fjournal`` another entry gives
the same abbreviation, or the one full ``journal``/``fjournal`` of the
library that the abbreviation abridges word by word; a name offered has no
abbreviation point at all (``J. Less-Common Metals`` is not offered). A value
written with a macro is reported without a fix (its ``@string`` is the place to
change).
Values compare after macro expansion and LaTeX decoding. Info by default:
many fields abbreviate on purpose. Checked: ``journal`` and ``journaltitle``.

FAIL:
    @article{a, journal = {Phys. Rev. B}}

PASS:
    @article{a, journal = {Physical Review B}}
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache

from citeman.journal_words import FIELDS, abbreviates, keeps_letters, words
from citeman.latex import to_text
from citeman.model import Entry, Field
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import (
    Head,
    LibraryRule,
    RuleContext,
    Shelf,
    relative,
    summarised,
)

_FULL_FIELD = "fjournal"
_TOKEN = re.compile(r"([^\W_]+)(\.?)")
_PARENTHESISED = re.compile(r"\([^()]*\)")
#: Words that do not count either way: minor words and honorifics.
_IGNORED = frozenset(
    {"of", "the", "and", "for", "in", "on", "a", "an", "to", "at", "et", "de"}
    | {"des", "du", "la", "le", "les", "und", "der", "die", "für"}
    | {"dr", "mr", "mrs", "ms", "st"}
)


#: A full name an entry writes: its words and spelling.
_Full = tuple[tuple[str, ...], str]
#: An abbreviated journal field (relative), its spelling and the entry's fjournal.
_Short = tuple[Field, str, str | None]


def summarise(
    entry: Entry, context: RuleContext
) -> tuple[tuple[_Full, ...], tuple[_Short, ...]] | None:
    """Return the full names the entry writes and its abbreviated journal fields."""
    fulls = []
    for name in (*FIELDS, _FULL_FIELD):
        field = entry.fields.get(name)
        # A full name to offer has no abbreviation point at all.
        if field is not None and _is_full(field.value):
            spelling = _spelling(field.value)
            fulls.append((words(spelling), spelling))
    shorts = []
    for name in FIELDS:
        field = entry.fields.get(name)
        if field is not None and is_abbreviation(field.value):
            spelling = _spelling(field.value)
            own = _own_full(entry, spelling)
            shorts.append((relative(field, entry), spelling, own))
    return (tuple(fulls), tuple(shorts)) if fulls or shorts else None


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each abbreviated journal name."""
    fulls, pairs = _library_spellings(shelves)
    index = _by_initials(fulls)
    # The full name the library offers depends on the spelling alone: a
    # library abbreviates a few hundred journals, each many times.
    offered: dict[str, str | None] = {}
    for entry, summary in summarised(shelves):
        for field, spelling, own in summary[1]:
            full = own
            if full is None:
                if spelling in offered:
                    full = offered[spelling]
                else:
                    full = _unique(pairs.get(spelling))
                    if full is None:
                        full = _unique(fulls.get(_matching_key(spelling, index)))
                    offered[spelling] = full
            yield _finding(entry, entry.place(field), spelling, full)


def is_abbreviation(value: str) -> bool:
    """Return whether at least half the name's words end in an abbreviation point."""
    dotted, counted = _points(value)
    return dotted > 0 and 2 * dotted >= counted


@lru_cache(maxsize=4096)
def _points(value: str) -> tuple[int, int]:
    """Return how many of the name's words end in an abbreviation point, of how many.

    Cached: a library names a few hundred journals, each many times.
    """
    text = _PARENTHESISED.sub(" ", to_text(value))
    dotted = counted = 0
    for match in _TOKEN.finditer(text):
        word, point = match.group(1), match.group(2)
        if word.lower() in _IGNORED or (len(word) == 1 and not point):
            continue
        glued = text[match.end() : match.end() + 1].isalnum()
        counted += 1
        dotted += bool(point) and not glued
    return dotted, counted


def _is_full(value: str) -> bool:
    return bool(value.strip()) and _points(value)[0] == 0


@lru_cache(maxsize=4096)
def _spelling(value: str) -> str:
    """Return ``value`` with its spaces evened (one object per journal name)."""
    return " ".join(value.split())


def _library_spellings(
    shelves: Sequence[Shelf],
) -> tuple[dict[tuple[str, ...], Counter[str]], dict[str, Counter[str]]]:
    """Return the full names by their words, and the fjournal of each abbreviation."""
    fulls: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    for _, summary in summarised(shelves):
        for key, spelling in summary[0]:
            fulls[key][spelling] += 1
        for _, spelling, own in summary[1]:
            if own is not None:
                pairs[spelling][own] += 1
    return fulls, pairs


def _own_full(entry: Entry, spelling: str) -> str | None:
    """Return the entry's ``fjournal`` when it spells this abbreviation out."""
    field = entry.fields.get(_FULL_FIELD)
    if field is None or not _is_full(field.value):
        return None
    full = _spelling(field.value)
    return full if full and keeps_letters(spelling, full) else None


def _unique(spellings: Counter[str] | None) -> str | None:
    """Return the one full name (its most used spelling), or None if none or two."""
    if not spellings:
        return None
    if len({words(spelling) for spelling in spellings}) > 1:
        return None
    return spellings.most_common(1)[0][0]


def _matching_key(spelling: str, fulls: _Index) -> tuple[str, ...]:
    """Return the words of the one full name this abbreviation abridges, or ()."""
    short = words(spelling)
    # A bare "." word abridges anything: only then is every name a candidate.
    bare = not all(word.rstrip(".") for word in short)
    alike = fulls[None] if bare else fulls.get(_initials(short), [])
    found = [key for key in alike if key != short and abbreviates(short, key)]
    return found[0] if len(found) == 1 else ()


#: The full names by the initials of their words (None: every name).
_Index = dict[tuple[str, ...] | None, list[tuple[str, ...]]]


def _by_initials(fulls: dict[tuple[str, ...], Counter[str]]) -> _Index:
    """Index the full names by their initials.

    A name can abridge only a name of as many words with the same initials
    (``abbreviates`` wants each word a prefix of the other's, dots aside).
    """
    index: _Index = defaultdict(list)
    for key in fulls:
        index[_initials(key)].append(key)
    index[None] = list(fulls)
    return index


def _initials(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word.rstrip(".")[:1] for word in key)


def _finding(entry: Head, field: Field, spelling: str, full: str | None) -> Finding:
    span = field.span_at(0, len(field.value)) if field.is_delimited else field.span
    if full is None:
        message = (
            f'APA 7 prints journal names in full, found the abbreviation "{spelling}"'
        )
        fix = None
    else:
        message = (
            f'write the journal in full as "{full}" (as the library spells it), '
            f'found the abbreviation "{spelling}"'
        )
        fix = None
        if field.is_delimited:
            fix = Fix(field.name, field.value_offset, field.value, full, safe=False)
    return Finding(span, message, entry.key, field.name, fix, entry.path)


RULE = LibraryRule(
    code="CM211",
    name="abbreviated-journal",
    summary="a journal name abbreviated with periods (Phys. Rev. B) where APA 7 "
    "wants the full name",
    severity=Severity.INFO,
    doc=__doc__ or "",
    fixes="the full name the library spells out elsewhere written (unsafe)",
    summarise=summarise,
    aggregate=aggregate,
)
