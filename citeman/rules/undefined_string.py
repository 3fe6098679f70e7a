"""A value that refers to an ``@string`` macro that is never defined before its use.

A bare word in a value (``journal = jccp``, ``month = jan # "~1"``) is a macro
name. BibTeX reports an undefined one as an error and prints nothing in its
place; a macro defined only further down the file is undefined where it is
used. The month abbreviations ``jan`` … ``dec`` are predefined. Files checked
together are read in order, as ``\\bibliography{abbrev,biblio}`` reads them, so
the ``@string`` definitions of ``abbrev.bib`` count in ``biblio.bib``. A name
used twice in one value is reported once. An ``@string`` is checked the same
way: ``@string{a = b}`` with ``b`` undefined, or a macro that uses itself
(``@string{s = s # "x"}``), leaves BibTeX without a value.

FAIL:
    @article{kopta1994, journal = jccp, month = jan}

PASS:
    @string{jccp = {Journal of Consulting and Clinical Psychology}}
    @article{kopta1994, journal = jccp, month = jan}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from citeman.model import Entry, Field, Span
from citeman.parse import MONTHS
from citeman.problem import Finding, Severity
from citeman.rules.base import Head, LibraryRule, RuleContext, Shelf, relative

#: A value that is one bare word (a macro name or a number).
_WORD = re.compile(r'[^\s#{}"]+')
#: A value that is one quoted or braced literal, with no other delimiter inside.
_LITERAL = re.compile(r'"[^"{}]*"|\{[^"{}]*\}')


def summarise(entry: Entry, context: RuleContext) -> tuple[Field, ...] | None:
    """Return the entry's fields that name a macro (relative), or None.

    Numbers and the month names BibTeX predefines are no such use. The
    fields are kept without their expanded value, which :func:`aggregate`
    does not read: a summary is sent from a worker process and held for the
    whole check (``citeman.chunked``).
    """
    found = tuple(
        relative(field, entry)._replace(value="")
        for field in (*entry.fields.values(), *entry.repeated)
        if not (field.raw[:1] in ("{", '"') and "#" not in field.raw)
        and not field.raw.isdigit()
        and _names_macro(field.raw)
    )
    return found or None


def _names_macro(raw: str) -> bool:
    """Return whether ``raw`` uses a macro other than a predefined month.

    The common shapes are told at once: one bare word, or one quoted or
    braced literal with a ``#`` inside (a URL's anchor); others are walked.
    """
    if _WORD.fullmatch(raw):
        return not raw.isdigit() and raw.lower() not in MONTHS
    if _LITERAL.fullmatch(raw):
        return False
    return any(name.lower() not in MONTHS for name, _ in _macro_uses(raw))


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each macro name used before or without its definition."""
    earlier: set[str] = set()
    for shelf in shelves:
        for entry, fields in shelf.entries:
            if fields is None:
                continue
            assert isinstance(fields, tuple)
            for field in fields:
                yield from _check_field(shelf, earlier, entry, field)
        yield from _check_strings(shelf, earlier)
        earlier.update(shelf.strings)


def _check_strings(library: Shelf, earlier: set[str]) -> Iterator[Finding]:
    """Yield a finding for each macro an ``@string`` uses before its definition."""
    for macro in library.strings.values():
        for name, _ in _macro_uses(macro.raw):
            folded = name.lower()
            used = library.strings.get(folded)
            if folded in MONTHS or folded in earlier:
                continue
            if folded == macro.name.lower():
                message = f'@string "{macro.name}" uses itself; it has no value there'
            elif used is None or used.line > macro.line:
                message = (
                    f'@string "{macro.name}" uses "{name}", which is not defined '
                    "above it; define it first"
                )
            else:
                continue
            span = Span(macro.line, 1, macro.line, 1 + len("@string"))
            yield Finding(span, message, path=library.path)


def _check_field(
    library: Shelf, earlier: set[str], entry: Head, field: Field
) -> Iterator[Finding]:
    """Yield a finding per macro ``field`` (relative to ``entry``) uses undefined.

    The field is placed only for a finding: nearly every use is defined.
    """
    reported: set[str] = set()
    for name, start in _uses(field.raw):
        folded = name.lower()
        if folded in MONTHS or folded in earlier or folded in reported:
            continue
        reported.add(folded)
        macro = library.strings.get(folded)
        if macro is not None and macro.line <= entry.line:
            continue
        if macro is None:
            message = (
                f'@string "{name}" is not defined in this file or one checked '
                "before it; define it above its first use"
            )
        else:
            message = (
                f'@string "{name}" is defined only later, at line {macro.line}; '
                "move the definition above its first use"
            )
        yield Finding(
            _span(entry.place(field), start, len(name)),
            message,
            key=entry.key,
            field=field.name,
            path=entry.path,
        )


def _uses(raw: str) -> Iterable[tuple[str, int]]:
    """Return :func:`_macro_uses`, told at once for a value of one bare word."""
    if _WORD.fullmatch(raw):  # most: a macro's name alone
        return () if raw.isdigit() else ((raw, 0),)
    return _macro_uses(raw)


def _macro_uses(raw: str) -> Iterator[tuple[str, int]]:
    """Yield each bare word of a raw value outside delimiters, with its index."""
    depth = 0
    quoted = False
    start = -1
    for index, char in enumerate(f"{raw} "):
        bare = depth == 0 and not quoted
        if bare and start < 0 and not (char.isspace() or char in '#{"'):
            start = index
        elif bare and start >= 0 and (char.isspace() or char in '#{"'):
            word = raw[start:index]
            if not word.isdigit():
                yield word, start
            start = -1
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted


def _span(field: Field, start: int, length: int) -> Span:
    before = field.raw[:start]
    newlines = before.count("\n")
    column = field.column + start if newlines == 0 else start - before.rfind("\n")
    line = field.line + newlines
    return Span(line, column, line, column + length)


RULE = LibraryRule(
    code="CM004",
    name="undefined-string",
    summary="a reference to an @string macro that is never defined",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    summarise=summarise,
    aggregate=aggregate,
)
