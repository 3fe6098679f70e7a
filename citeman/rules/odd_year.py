"""A year that is not a year: TeX, ``19xx``, "in press", a month.

``year`` should hold the four digits of the year of publication. Sorting
tricks (``{\\noopsort{1973b}}1973``, ``1989\\unskip--``) print as garbage
outside BibTeX; ``19xx`` and "unknown" are placeholders (APA writes "n.d.");
"in press", "forthcoming" or "ASAP" belong in ``pubstate`` (biblatex) or a
note; a month belongs in ``month``; APA's ``2020a`` letter is added by the
style. A range (``1982--1983``) is a multi-year work and passes. No fix: only
the author knows the year.

FAIL:
    @article{a, year = {in press}}
    @article{b, year = {19xx}}

PASS:
    @article{a, year = {2021}, pubstate = {inpress}}
    @book{b, year = {1982--1983}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext

_YEAR = re.compile(r"\d{4}(?:\s*(?:--?|–|/)\s*\d{2,4})?")
_STATES = re.compile(
    r"in ?press|forthcoming|submitted|accepted|asap|preprint|to appear|in prep\w*",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d{4}", re.I
)


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding when ``year`` is not a year."""
    field = entry.fields.get("year")
    if field is None:
        return
    value = field.value.strip()
    bare = value.strip("{}").strip()
    if not bare or _YEAR.fullmatch(bare):
        return
    yield Finding(field.span, _why(value, bare), entry.key, "year")


def _why(value: str, bare: str) -> str:
    """Return what is wrong with the year, and where its content belongs."""
    if "\\" in value:
        return f'year "{value}" holds TeX, which prints as garbage outside BibTeX'
    if _STATES.fullmatch(bare):
        return f'year "{bare}" is a publication state; write it in pubstate or note'
    if _MONTH.fullmatch(bare):
        return f'year "{bare}" holds a month; write the month in month'
    if re.fullmatch(r"\d{4}[a-z]", bare):
        return f'year "{bare}" has a letter; the style adds a, b, … itself'
    return f'year "{bare}" is not a year; write four digits, or leave it out (n.d.)'


RULE = EntryRule(
    code="CM212",
    name="odd-year",
    summary='a year that is not a year: TeX, 19xx, "in press", a month',
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
