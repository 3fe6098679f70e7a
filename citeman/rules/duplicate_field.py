"""A field given twice in one entry.

BibTeX keeps the first value, warns "I'm ignoring …'s extra field" and drops
the later one (biber does the same), so an edit made to the second copy never
reaches the document. The message names the line of the copy that is kept.
When both copies hold the same value the repeat is removed as a safe fix;
otherwise choose the right value by hand.

FAIL:
    @article{kopta1994, year = {1994}, title = {Patterns of symptomatic
      recovery}, year = {1995}}

PASS:
    @article{kopta1994, year = {1994}, title = {Patterns of symptomatic
      recovery}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry, Field
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each later copy of a field name."""
    for repeat in entry.repeated:
        first = entry.fields[repeat.name]
        if repeat.value == first.value:
            yield Finding(
                repeat.span,
                f'field "{repeat.name}" is given twice with the same value '
                f"(first at line {first.line}); remove this copy",
                key=entry.key,
                field=repeat.name,
                fix=_removal(entry, repeat),
            )
        else:
            yield Finding(
                repeat.span,
                f'field "{repeat.name}" is given twice; BibTeX keeps the first '
                f"(line {first.line}) and ignores this one",
                key=entry.key,
                field=repeat.name,
            )


def _removal(entry: Entry, repeat: Field) -> Fix | None:
    """Return a fix deleting ``repeat`` and the comma before it, or None."""
    at = entry.name_offset(repeat)
    if at is None:
        return None
    start = at - entry.offset
    comma = start
    while comma > 0 and entry.raw[comma - 1].isspace():
        comma -= 1
    if comma == 0 or entry.raw[comma - 1] != ",":
        return None
    old = entry.raw[comma - 1 : repeat.offset - entry.offset + len(repeat.raw)]
    return Fix(repeat.name, entry.offset + comma - 1, old, "", safe=True)


RULE = EntryRule(
    code="CM003",
    name="duplicate-field",
    summary="a field given twice in one entry",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    fixes="remove a repeat that holds the same value as the first (safe)",
    check=check,
)
