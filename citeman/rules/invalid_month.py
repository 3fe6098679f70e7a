"""A ``month`` that is a number outside 1 to 12 (``month = 13``, a day such as 31).

biblatex reads ``month`` as an integer from 1 to 12 and stops with an error on
any other number; BibTeX styles print it as it is. A day belongs in ``day``
(or in ``date = {2020-03-31}``). Names (``jan``, ``{March}``), seasons and
ranges are left to the other rules.

FAIL:
    @article{kopta1994, month = 13}

PASS:
    @article{kopta1994, month = 12}
    @article{bellis2014, month = mar}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for a numeric month that is not 1 to 12."""
    field = entry.fields.get("month")
    if field is None:
        return
    number = field.value.strip().strip("{}").strip()
    if number.isdigit() and not 1 <= int(number) <= 12:
        yield Finding(
            field.span,
            f'month "{number}" is not a month (1 to 12); put a day in "day" or "date"',
            key=entry.key,
            field="month",
        )


RULE = EntryRule(
    code="CM008",
    name="invalid-month",
    summary="a month that is a number outside 1 to 12",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
