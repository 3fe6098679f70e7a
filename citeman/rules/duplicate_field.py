"""A field given twice in one entry.

BibTeX keeps the first value, warns "I'm ignoring …'s extra field" and drops
the later one (biber does the same), so an edit made to the second copy never
reaches the document. The message names the line of the copy that is kept;
delete the copy that is wrong.

FAIL:
    @article{kopta1994, year = {1994}, title = {Patterns of symptomatic
      recovery}, year = {1995}}

PASS:
    @article{kopta1994, year = {1994}, title = {Patterns of symptomatic
      recovery}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry
from citeman.problem import Finding, Severity
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
            )
        else:
            yield Finding(
                repeat.span,
                f'field "{repeat.name}" is given twice; BibTeX keeps the first '
                f"(line {first.line}) and ignores this one",
                key=entry.key,
                field=repeat.name,
            )


RULE = EntryRule(
    code="CM003",
    name="duplicate-field",
    summary="a field given twice in one entry",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
