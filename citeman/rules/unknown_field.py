"""A field name or entry type that is probably a typo of a known one.

BibTeX silently ignores a field it does not know, so ``jounral = {…}`` loses the
journal without a word, and an unknown type (``@artcle``) is printed with no
style at all. A name is reported when it is one edit (a letter added, dropped,
changed, or two swapped) from a name BibTeX or biblatex knows, or two edits for
names of eight letters or more. Names far from any known one, such as
``abstract``, ``mendeley-tags``, ``timestamp`` or ``owner``, are fields of other
tools and are left alone, as are names with digits, ``-``, ``_``, ``:`` or
``.``, and names disabled with an ``OPT``/``ALT`` prefix (Emacs, JabRef).

The fields of the big producers are known and never reported: Beebe's
``fjournal`` (the full journal name), ``bibdate``, ``bibsource``, ``CODEN``,
``MRclass``, ``ZMnumber``; JabRef's ``owner`` and ``timestamp``; Zotero and
Better BibTeX's ``pmid``, ``langid``, ``shorttitle``; Mendeley's ``city`` and
``websites``. Only names that a style reads are suggested. The fix renames the
field to the known name; it is unsafe, since the name may be meant for a tool
citeman does not know, and there is none when the entry already has a field of
the known name. A mistyped entry type is reported
without a fix.

FAIL:
    @article{kopta1994, title = {Patterns of symptomatic recovery},
      jounral = {Journal of Consulting and Clinical Psychology}}
    @artcle{kopta1994b, title = {Patterns of symptomatic recovery}}

PASS:
    @article{kopta1994, title = {Patterns of symptomatic recovery},
      journal = {Journal of Consulting and Clinical Psychology},
      mendeley-tags = {psychotherapy}, timestamp = {2024-01-02}}
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import lru_cache

from citeman.fields import BIBLATEX_FIELDS, BIBTEX_FIELDS, ENTRY_TYPES, FIELDS
from citeman.model import Entry, Field, Span
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext

_NOT_A_TYPO = re.compile(r"[\d\-_:.]|^(?:opt|alt)", re.IGNORECASE)
#: Only names a style reads are suggested: a typo of another tool's field
#: (``journalabr``) loses nothing in print.
_SORTED_FIELDS = sorted(BIBTEX_FIELDS | BIBLATEX_FIELDS)
_SORTED_TYPES = sorted(ENTRY_TYPES)


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for the entry type and each field name that looks mistyped."""
    if entry.type not in ENTRY_TYPES:
        known = _suggest_type(entry.type)
        if known is not None:
            yield _type_finding(entry, known)
    for field in entry.fields.values():
        if field.name in FIELDS:
            continue
        known = _suggest_field(field.name)
        if known is not None:
            yield _field_finding(entry, field, known)


@lru_cache(maxsize=1024)
def _suggest_field(name: str) -> str | None:
    return _suggest(name, _SORTED_FIELDS)


@lru_cache(maxsize=256)
def _suggest_type(name: str) -> str | None:
    return _suggest(name, _SORTED_TYPES)


def _suggest(name: str, known: list[str]) -> str | None:
    """Return the known name ``name`` is a typo of, or None if it is not close."""
    if len(name) < 3 or _NOT_A_TYPO.search(name):
        return None
    allowed = 1 if len(name) < 8 else 2
    for candidate in difflib.get_close_matches(name, known, n=5, cutoff=0.6):
        if _edits(name, candidate) <= allowed:
            return candidate
    return None


def _edits(first: str, second: str) -> int:
    """Return the edit distance, counting a swap of neighbours as one edit."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1,
                       previous[j - 1] + (a != b))  # fmt: skip
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _type_finding(entry: Entry, known: str) -> Finding:
    written = entry.raw[1 : 1 + len(entry.type)]
    return Finding(
        entry.span,
        f'unknown entry type "@{written}"; did you mean "@{known}"?',
        key=entry.key,
    )


def _field_finding(entry: Entry, field: Field, known: str) -> Finding:
    at = entry.name_offset(field)
    span = field.span
    fix = None
    if at is not None:
        start = at - entry.offset
        written = entry.raw[start : start + len(field.name)]
        between = entry.raw[start : field.offset - entry.offset]
        if "\n" not in between:
            column = field.column - len(between)
            span = Span(field.line, column, field.line, column + len(written))
        # A rename never makes a second field of a name the entry already has.
        if known not in entry.fields:
            # The fix runs to the end of the value so that ``citeman fix`` sees
            # the old field go and the new one come in one change.
            value_end = field.offset - entry.offset + len(field.raw)
            old = entry.raw[start:value_end]
            new = _same_case(written, known) + old[len(written) :]
            fix = Fix(known, at, old, new, safe=False)
    return Finding(
        span,
        f'unknown field "{field.name}"; did you mean "{known}"?',
        key=entry.key,
        field=field.name,
        fix=fix,
    )


def _same_case(written: str, known: str) -> str:
    """Return ``known`` in the letter case ``written`` uses (lower, upper, title)."""
    if written.isupper():
        return known.upper()
    if written[:1].isupper():
        return known.capitalize()
    return known


RULE = EntryRule(
    code="CM103",
    name="unknown-field",
    summary="a field name or entry type that is probably a typo of a known one",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes="rename to the known field (unsafe)",
    check=check,
)
