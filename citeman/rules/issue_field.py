"""An ``issue`` field where BibTeX styles look for ``number``.

Mendeley and APS exports write a journal's issue as ``issue = {3}``; BibTeX's
styles (and APA's) read the issue from ``number`` and print nothing for
``issue``, so the reference silently loses it. Reported when the entry has no
``number``; the unsafe fix renames the field. An entry that has both is left
alone: Beebe's bibliographies keep a cumulative issue count there beside the
number, and biblatex uses ``issue`` for named issues ("Spring").

FAIL:
    @article{kopta1994, journal = {Journal of Consulting and Clinical
      Psychology}, volume = {62}, issue = {5}, pages = {1009--1016}}

PASS:
    @article{kopta1994, journal = {Journal of Consulting and Clinical
      Psychology}, volume = {62}, number = {5}, pages = {1009--1016}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rename import rename
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding when ``issue`` holds what ``number`` should."""
    field = entry.fields.get("issue")
    if field is None or "number" in entry.fields or not field.value.strip():
        return
    yield Finding(
        field.span,
        f'put the issue "{field.value.strip()}" in number; BibTeX styles ignore '
        "the field issue",
        entry.key,
        "issue",
        rename(entry, field, "number"),
    )


RULE = EntryRule(
    code="CM104",
    name="issue-field",
    summary="an issue field, which BibTeX styles ignore, where number is missing",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes='the field "issue" renamed to "number" (unsafe)',
    check=check,
)
