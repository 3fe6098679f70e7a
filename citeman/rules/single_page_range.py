"""A page range whose two ends are one page (``82--82``).

A one-page article is printed as "p. 82", a range as "pp. 82–82": the range is
an export artefact (Crossref and many databases give first and last page even
when they are the same). The fix writes the single page; it is unsafe only
because a safe fix never removes a digit.

FAIL:
    @article{a, pages = {82--82}}

PASS:
    @article{a, pages = {82}}
    @article{b, pages = {82--83}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman import pages
from citeman.model import Entry
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each range from a page to itself."""
    field = entry.fields.get("pages")
    if field is None or not field.is_delimited:
        return
    for found in pages.ranges(field.value):
        if found.first != found.last:
            continue
        at = field.value_offset + found.start
        yield Finding(
            field.span_at(found.start, found.end),
            f'write the single page "{found.first}", found the range "{found.text}"',
            entry.key,
            "pages",
            Fix("pages", at, found.text, found.first, safe=False),
        )


RULE = EntryRule(
    code="CM208",
    name="single-page-range",
    summary="a page range from a page to itself (82--82)",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes="the single page written (unsafe)",
    check=check,
)
