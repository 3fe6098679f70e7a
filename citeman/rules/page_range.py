"""A page range not written the BibTeX way, reversed, or abbreviated.

BibTeX writes a range with two hyphens (``--``, typeset as an en dash). A single
hyphen, a typed en or em dash, or spaces around the dash are fixed safely. An
abbreviated range (``1009-16``) is expanded (``1009--1016``) only as an unsafe
fix, since the short end may itself be the typo; a reversed range is reported.

FAIL:
    @article{kopta1994, pages = {1009-1016}}
    @article{kopta1994, pages = {1009--16}}

PASS:
    @article{kopta1994, pages = {1009--1016}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.model import Entry, Span
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext

_RANGE = re.compile(
    r"(?P<first>(?P<prefix1>[A-Za-z]?)(?P<start>\d+))"
    r"(?P<dash>\s*(?:-+|[\u2010-\u2015\u2212])\s*)"
    r"(?P<last>(?P<prefix2>[A-Za-z]?)(?P<end>\d+))"
)


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield findings for each badly written range in ``pages``."""
    field = entry.fields.get("pages")
    if field is None or not field.is_delimited:
        return
    base = field.value_offset
    for match in _RANGE.finditer(field.value):
        if match.start() and field.value[match.start() - 1].isalnum():
            continue
        start, end = match.group("start"), match.group("end")
        dash = match.group("dash")
        column = field.column + (base - field.offset) + match.start()
        span = Span(field.line, column, field.line, column + len(match.group(0)))
        at = base + match.start()
        if len(end) < len(start) and not match.group("prefix2"):
            full = start[: len(start) - len(end)] + end
            new = f"{match.group('first')}--{full}"
            yield Finding(
                span,
                f'write the full range "{new}", found abbreviated "{match.group(0)}"',
                entry.key,
                "pages",
                Fix("pages", at, match.group(0), new, safe=False),
            )
        elif int(end) < int(start):
            yield Finding(
                span,
                f'page range "{match.group(0)}" ends before it starts',
                entry.key,
                "pages",
            )
        elif dash != "--":
            new = f"{match.group('first')}--{match.group('last')}"
            yield Finding(
                span,
                f'use "--" for page ranges, found "{dash}"',
                entry.key,
                "pages",
                Fix("pages", at, match.group(0), new, safe=True),
            )


RULE = EntryRule(
    code="CM203",
    name="page-range",
    summary="a page range written with -, –, — or spaces instead of --; reversed or "
    "abbreviated ranges",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes='"-", "–", "—" and spaced dashes to "--" (safe); abbreviated ranges '
    "expanded (unsafe)",
    check=check,
)
