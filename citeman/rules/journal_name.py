"""The same journal spelled in different ways across the library.

Entries of one journal should name it one way: APA 7 prints the journal as
written, so ``J. Affect. Disord.`` in one reference and ``Journal of Affective
Disorders`` in the next look like two journals. Two spellings are taken for
the same journal when they differ only in case, braces, punctuation, ``&`` for
``and`` or a leading "The" (``BMC medicine``, ``The Lancet``), or when one
abbreviates the other word by word (each word of the abbreviation starts the
matching word of the full name; "of", "and", "the" are skipped). An
abbreviation that could stand for two journals of the library is left alone.

Spellings that differ only in a leading "The", a hyphen for a space or "&"
for "and" ("Solid-State Electronics", "Solid State Electronics") are one
spelling and never reported against each other; a suggestion keeps the entry's
own leading "The" or its absence. Full names are told the library's best full
spelling (capitals, then the most used). An abbreviation is told the full name
where that is the library's majority spelling; a full name is never told to
become an abbreviation, and an abbreviation more entries use than the full name
is left to abbreviated-journal (CM211, info). Among abbreviations only, the most
common wins. Values compare after macro expansion and LaTeX decoding; a LaTeX
command is read as its name, so ``\\TeXhax`` and ``\\TUB`` stay two journals.
Each other spelling is reported with the library's and its count; the unsafe
fix rewrites it when that keeps every word written. Checked: ``journal`` and
``journaltitle``.

FAIL:
    @article{a, journal = {Journal of Affective Disorders}}
    @article{b, journal = {Journal of Affective Disorders}}
    @article{c, journal = {J. Affect. Disord.}}

PASS:
    @article{a, journal = {Journal of Affective Disorders}}
    @article{b, journal = {Journal of Affective Disorders}}
    @article{c, journal = {Journal of Affect Research}}
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from citeman.journal_words import FIELDS, abbreviates, keeps_letters
from citeman.journal_words import words as name_words
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
from citeman.text import strip_braces

_MINOR = frozenset({"of", "the", "and", "for", "in", "on", "a", "an", "to"})
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
#: A hyphen inside a word ("Solid-State"), not a dash ("Sov. Phys. --- JETP").
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


@dataclass(frozen=True, slots=True)
class _Use:
    """One entry's journal: the field and its spelling (braces and spaces evened)."""

    entry: Head
    field: Field
    spelling: str


#: One journal field of an entry: the field (relative), its spelling and words.
_Named = tuple[Field, str, tuple[str, ...]]


def summarise(entry: Entry, context: RuleContext) -> tuple[_Named, ...] | None:
    """Return the entry's journal fields with their spellings, or None."""
    found = []
    for name in FIELDS:
        field = entry.fields.get(name)
        if field is not None and field.value.strip():
            spelling = _spelling(field.value)
            found.append((relative(field, entry), spelling, name_words(spelling)))
    return tuple(found) or None


@lru_cache(maxsize=4096)
def _spelling(value: str) -> str:
    """Return a journal name without braces, spaces evened.

    Cached: a library names a few hundred journals, each many times (and
    equal spellings are then one object in the summaries a worker sends).
    """
    return " ".join(strip_braces(value).split())


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each minority spelling of a journal."""
    by_name: dict[tuple[str, ...], list[_Use]] = defaultdict(list)
    for entry, named in summarised(shelves):
        for field, spelling, words in named:
            by_name[words].append(_Use(entry, entry.place(field), spelling))
    by_name.pop((), None)  # "????" or nothing readable: no journal to compare
    for uses in _merge_abbreviations(by_name):
        variant_of = _variants(uses)
        counts = Counter(variant_of[use.spelling] for use in uses)
        if len(counts) < 2:
            continue
        for use, target in _targets(uses, counts, variant_of):
            yield _finding(use, _same_article(use.spelling, target), counts[target])


def _variant_key(spelling: str) -> str:
    """Return ``spelling`` without what does not make it another name.

    A leading "The", a hyphen for a space and "&" for "and" are how one
    journal is written, not a different spelling of it: "Solid-State
    Electronics" and "Solid State Electronics", "AI Magazine" and "The AI
    Magazine" are not reported against each other.
    """
    text = _LEADING_THE.sub("", spelling).replace("\\&", "&")
    text = _HYPHEN.sub(" ", text.replace("&", " and "))
    return " ".join(text.split())


def _variants(uses: list[_Use]) -> dict[str, str]:
    """Map each spelling to the most used one of its variants (see _variant_key)."""
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for use in uses:
        by_key[_variant_key(use.spelling)][use.spelling] += 1
    return {
        spelling: counts.most_common(1)[0][0]
        for counts in by_key.values()
        for spelling in counts
    }


def _same_article(spelling: str, target: str) -> str:
    """Return ``target`` with a leading "The" exactly where ``spelling`` has one."""
    bare = _LEADING_THE.sub("", target)
    article = _LEADING_THE.match(spelling)
    return "The " + bare if article else bare


def _targets(
    uses: list[_Use], counts: Counter[str], variant_of: dict[str, str]
) -> Iterator[tuple[_Use, str]]:
    """Yield each use to report with the spelling it should take.

    A full spelling is told the library's best full one (capitals, "The").
    An abbreviation is told the full name only where the full name is the
    library's majority spelling, and never is a full name told to abbreviate;
    an abbreviation the library mostly uses is left to abbreviated-journal
    (CM211). Without a full name, abbreviations follow the most common one.
    """
    first = {variant_of[use.spelling]: use.entry.offset for use in reversed(uses)}
    full = [s for s in counts if not _is_abbreviated(s)]
    short = [s for s in counts if _is_abbreviated(s)]
    best_full = max(
        full,
        key=lambda s: (
            _letters(_variant_key(s)),
            _capitals(_variant_key(s)),
            counts[s],
            -first[s],
        ),
        default=None,
    )
    best_short = max(short, key=lambda s: (counts[s], -first[s]), default=None)
    full_count = sum(counts[s] for s in full)
    for use in uses:
        spelling = variant_of[use.spelling]
        if spelling in full or (
            best_full is not None and counts[spelling] <= full_count
        ):
            target = best_full
        elif best_full is None and best_short is not None:
            target = best_short if counts[spelling] < counts[best_short] else None
        else:
            target = None
        if target is not None and target != spelling:
            yield use, target


def _finding(use: _Use, common: str, count: int) -> Finding:
    field = use.field
    entries = "entry" if count == 1 else "entries"
    fix = None
    if field.is_delimited:
        span = field.span_at(0, len(field.value))
        # Only a rewrite that keeps every word written (it adds or spells out
        # some) is offered as a fix; dropping "The" is the author's call.
        if keeps_letters(use.spelling, common):
            fix = Fix(field.name, field.value_offset, field.value, common, safe=False)
    else:
        span = field.span
    return Finding(
        span,
        f'write the journal as "{common}" like {count} other {entries}, found '
        f'"{use.spelling}"',
        use.entry.key,
        field.name,
        fix,
        use.entry.path,
    )


def _merge_abbreviations(
    by_name: dict[tuple[str, ...], list[_Use]],
) -> list[list[_Use]]:
    """Join each abbreviated name's uses to the one full name it abbreviates."""
    # Candidates share the number of words and the first letter of each.
    full_by_initials: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in by_name:
        full_by_initials["".join(word[0] for word in words)].append(words)
    groups = {words: list(uses) for words, uses in by_name.items()}
    for words in list(by_name):
        if not any(word.endswith(".") for word in words) and len(words) < 2:
            continue
        initials = "".join(word[0] for word in words)
        targets = [
            full
            for full in full_by_initials[initials]
            if full != words and abbreviates(words, full)
        ]
        if len(targets) == 1 and words in groups and targets[0] in groups:
            groups[targets[0]].extend(groups.pop(words))
    return list(groups.values())


def _letters(spelling: str) -> int:
    """Return the number of letters: of one journal's names, the full is longest."""
    return sum(char.isalnum() for char in spelling)


def _capitals(spelling: str) -> int:
    """Return how many words start with a capital (title case beats lower case)."""
    words = spelling.split()
    score = sum(word[:1].isupper() for word in words)
    # Title case keeps minor words small inside a name ("Journal of the …").
    return score - 2 * sum(w[:1].isupper() for w in words[1:] if w.lower() in _MINOR)


def _is_abbreviated(spelling: str) -> bool:
    return any(word.endswith(".") for word in name_words(spelling))


RULE = LibraryRule(
    code="CM206",
    name="journal-name",
    summary="the same journal spelled in different ways across entries (abbreviated "
    "vs full, different case)",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes="the journal rewritten in the library's most common spelling (unsafe)",
    summarise=summarise,
    aggregate=aggregate,
)
