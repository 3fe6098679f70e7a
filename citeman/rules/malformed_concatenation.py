"""A ``#`` concatenation with a missing part: ``# {x}``, ``{x} ## {y}``, ``{x} #``.

``#`` joins two parts of a value. With a part missing BibTeX stops reading the
entry ("You're missing a field part") and the fields after it are lost; other
tools guess. Write the value as one literal, or put the missing part back.

FAIL:
    @article{kopta1994, title = # {Patterns}, journal = {J} ## jccp}

PASS:
    @article{kopta1994, title = {Patterns}, month = jan # "~1"}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.macros import concatenation_marks
from citeman.model import Entry, Field, Span
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each ``#`` that lacks a part on one side."""
    if "#" not in entry.raw:  # most entries; every raw value is part of it
        return
    for field in (*entry.fields.values(), *entry.repeated):
        if "#" not in field.raw or field.is_delimited:
            continue
        for index in _dangling(field.raw):
            yield Finding(
                _span(field, index),
                f'"#" in {field.name} joins nothing on one side; remove it or '
                "put back the missing part",
                key=entry.key,
                field=field.name,
            )


def _dangling(raw: str) -> Iterator[int]:
    """Yield the index of each top-level ``#`` with an empty part before or after."""
    previous = -1  # index of the last top-level "#", -1 for the value's start
    for index in concatenation_marks(raw):
        if not raw[previous + 1 : index].strip():
            yield index
        previous = index
    if previous >= 0 and not raw[previous + 1 :].strip():
        yield previous


def _span(field: Field, index: int) -> Span:
    before = field.raw[:index]
    newlines = before.count("\n")
    column = field.column + index if newlines == 0 else index - before.rfind("\n")
    line = field.line + newlines
    return Span(line, column, line, column + 1)


RULE = EntryRule(
    code="CM006",
    name="malformed-concatenation",
    summary='a "#" concatenation with a missing part (# {x}, {x} ## {y}, {x} #)',
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
