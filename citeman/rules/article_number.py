"""An article number (e-locator) stored in ``pages``.

Online journals number articles instead of paging them: ``e045005`` in BMJ
Open, ``e0193972`` in PLOS ONE. APA 7 prints it as "Article e045005", not as a
page, and biblatex keeps it in ``eid``. A ``pages`` value that is one such
number (``e`` and four or more digits, or six or more bare digits) is reported;
a range of electronic pages such as ``e140--e149`` is a page range and passes.
The unsafe fix renames the field to ``eid``.

FAIL:
    @article{gamieldien2021, journal = {BMJ Open}, pages = {e045005}}

PASS:
    @article{gamieldien2021, journal = {BMJ Open}, eid = {e045005}}
    @article{kivimaki2020, pages = {e140--e149}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rename import rename
from citeman.rules.base import EntryRule, RuleContext

_LOCATOR = re.compile(r"[eE]\d{4,}|\d{6,}")


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding when ``pages`` holds a single article number."""
    field = entry.fields.get("pages")
    if field is None:
        return
    number = field.value.strip()
    if not _LOCATOR.fullmatch(number):
        return
    fix = rename(entry, field, "eid")
    span = field.span
    if field.is_delimited:
        span = field.span_at(field.value.index(number), len(field.value.rstrip()))
    yield Finding(
        span,
        f'put the article number "{number}" in eid, not pages; APA prints '
        f'"Article {number}"',
        entry.key,
        "pages",
        fix,
    )


RULE = EntryRule(
    code="CM207",
    name="article-number",
    summary="an article number (e-locator such as e045005) in pages instead of eid",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes='the field "pages" renamed to "eid" (unsafe)',
    check=check,
)
