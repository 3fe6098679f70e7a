"""A page range not written the BibTeX way, reversed, or abbreviated.

BibTeX writes a range with two hyphens (``--``, typeset as an en dash). A single
hyphen, a typed en or em dash, or spaces around the dash are fixed safely: the
fix replaces the dash and nothing else. An abbreviated range (``1009-16``) is
expanded (``1009--1016``) only as an unsafe fix, since the short end may itself
be the typo; a reversed range is reported. Page identifiers are read whole
(``C2-107--C2-110`` and ``4-1--4-59`` are valid ranges, ``C2-107`` one page).

FAIL:
    @article{kopta1994, pages = {1009-1016}}
    @article{kopta1994, pages = {1009--16}}

PASS:
    @article{kopta1994, pages = {1009--1016}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman import pages
from citeman.model import Entry, Field
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext

#: Both ends of a simple range: prefix and digits each (``pages.numbers``).
_Numbers = tuple[str, str, str, str]


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield findings for each badly written range in ``pages``."""
    field = entry.fields.get("pages")
    if field is None or not field.is_delimited:
        return
    for found in pages.ranges(field.value):
        parts = pages.numbers(found)
        finding = _abbreviated(entry, field, found, parts) or _reversed(
            entry, field, found, parts
        )
        if finding is not None:
            yield finding
        elif found.dash != "--" and found.first != found.last:
            # Only the dash and its spaces change: a safe fix.
            new = f"{found.first}--{found.last}"
            at = field.value_offset + found.start
            yield Finding(
                field.span_at(found.start, found.end),
                f'use "--" for page ranges, found "{found.dash}"',
                entry.key,
                "pages",
                Fix("pages", at, found.text, new, safe=True),
            )


def _abbreviated(
    entry: Entry, field: Field, found: pages.Range, parts: _Numbers | None
) -> Finding | None:
    """Report ``1009-16``; the unsafe fix writes ``1009--1016``."""
    if parts is None:
        return None
    prefix, start, end_prefix, end = parts
    if end_prefix or len(end) >= len(start):
        return None
    new = f"{found.first}--{prefix}{start[: len(start) - len(end)]}{end}"
    return Finding(
        field.span_at(found.start, found.end),
        f'write the full range "{new}", found abbreviated "{found.text}"',
        entry.key,
        "pages",
        Fix("pages", field.value_offset + found.start, found.text, new, safe=False),
    )


def _reversed(
    entry: Entry, field: Field, found: pages.Range, parts: _Numbers | None
) -> Finding | None:
    """Report a range whose end comes before its start (same prefix only)."""
    if (
        parts is None
        or parts[2] not in ("", parts[0])
        or int(parts[3]) >= int(parts[1])
    ):
        return None
    return Finding(
        field.span_at(found.start, found.end),
        f'page range "{found.text}" ends before it starts',
        entry.key,
        "pages",
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
