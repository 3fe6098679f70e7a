"""An entry without a DOI whose work Crossref holds: the DOI can be added.

Needs ``--online``. Crossref is searched with the entry's own citation text
(``query.bibliographic``) and each of the top candidates is checked against
the entry: title, first author, year (±1), journal, volume and first page or
article number must agree wherever both state them, something besides title,
author and year must corroborate the match, and no runner-up may fit about as
well. Only a match at or above ``min-confidence`` is reported, and it carries
its DOI as a safe fix (``citeman fix --online`` adds the field). Anything less
is not a finding: ``citeman lookup KEY`` shows the candidates and why each was
accepted or rejected. A DOI already present is never replaced.

Options: ``min-confidence``, 0–1, how sure a match must be (default 0.9).

FAIL:
    @article{gamieldien2021, author = {Gamieldien, F. and Galvaan, R.},
      title = {Exploration of recovery of people living with severe mental
      illness (SMI) in low/middle-income countries (LMICs): A scoping review},
      journal = {BMJ Open}, year = {2021}, volume = {11}, pages = {e045005}}

PASS:
    @article{gamieldien2021, author = {Gamieldien, F. and Galvaan, R.},
      title = {Exploration of recovery of people living with severe mental
      illness (SMI) in low/middle-income countries (LMICs): A scoping review},
      journal = {BMJ Open}, year = {2021}, volume = {11}, pages = {e045005},
      doi = {10.1136/bmjopen-2020-045005}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman import field_layout
from citeman.model import Entry
from citeman.online import match
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield the DOI Crossref holds for a DOI-less entry, when the match is sure."""
    if context.resolver is None or "doi" in entry.fields:
        return
    result = context.resolver.match(entry)
    least = context.option("min-confidence")
    assert isinstance(least, float)
    if result is None or result.work is None or not match.is_confident(result, least):
        return
    found = result.work.doi
    yield Finding(
        entry.span,
        f"crossref has this work: add doi {found} (confidence {result.confidence:.2f})",
        key=entry.key,
        field="doi",
        fix=_insertion(entry, found),
    )


def _insertion(entry: Entry, doi: str) -> Fix | None:
    """Return a safe fix adding ``doi = {…}`` after the last field, in its layout."""
    found = field_layout.insertion(entry, [("doi", f"{{{doi}}}")])
    if found is None:
        return None
    at, text = found
    return Fix("doi", at, "", text, safe=True)


RULE = EntryRule(
    code="CM305",
    name="doi-available",
    summary="an entry without a DOI that matches a Crossref work with high "
    "confidence (online)",
    severity=Severity.INFO,
    doc=__doc__ or "",
    defaults={"min-confidence": 0.9},
    bounds={"min-confidence": (0.0, 1.0)},
    fixes="adds the DOI of a confident match (safe); nothing below min-confidence",
    online=True,
    check=check,
)
