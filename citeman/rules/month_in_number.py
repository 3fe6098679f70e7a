"""A month written as an article's issue number (``number = {June}``).

Zotero and Mendeley exports sometimes put the issue's month, or a whole date
(``October 2016``), in ``number``. The reference then prints "7(June)" where
the issue number belongs, and loses the month if ``month`` is empty. Reported
for articles whose ``number`` is a month name, optionally with a year; a
season ("Spring") or a number passes. No fix: only the source knows the issue
number; the month belongs in ``month``.

FAIL:
    @article{a, volume = {7}, number = {June}, pages = {479--485}}

PASS:
    @article{a, volume = {7}, number = {6}, month = jun, pages = {479--485}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.dates import is_month_name
from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext

_DATED = re.compile(r"(?P<month>[A-Za-z]+\.?)(?:\s+\d{4})?")


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding when an article's ``number`` is a month (and year)."""
    field = entry.fields.get("number")
    if entry.type != "article" or field is None:
        return
    value = field.value.strip().strip("{}").strip()
    found = _DATED.fullmatch(value)
    if found is None or not is_month_name(found["month"]):
        return
    yield Finding(
        field.span,
        f'number "{value}" is a month, not an issue number; write the month in '
        "month and the issue in number",
        entry.key,
        "number",
    )


RULE = EntryRule(
    code="CM214",
    name="month-in-number",
    summary='a month written as an article\'s issue number ("number = {June}")',
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
