"""An entry of a type that normally has a DOI has none.

Journal articles, conference papers and book chapters almost always have a DOI,
and APA 7 prints it as ``https://doi.org/…``. Entries with a ``url`` holding a
doi.org link are left to ``doi-in-url`` (CM302).

Options: ``types``, the entry types that need a DOI (default: article,
inproceedings, incollection, inbook).

FAIL:
    @article{kopta1994, author = {Kopta, S. M.}, title = {Patterns of
      symptomatic recovery in psychotherapy}, journal = {Journal of Consulting
      and Clinical Psychology}, year = {1994}}

PASS:
    @article{kopta1994, author = {Kopta, S. M.}, title = {Patterns of
      symptomatic recovery in psychotherapy}, journal = {Journal of Consulting
      and Clinical Psychology}, year = {1994}, doi = {10.1037/0022-006X.62.5.1009}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding when an entry of a DOI-bearing type has no DOI."""
    types = context.option("types")
    assert isinstance(types, list)
    if entry.type not in types or entry.get("doi").strip():
        return
    if "doi.org/" in entry.get("url"):
        return
    yield Finding(
        entry.span,
        f"@{entry.type} has no doi; add it bare (10.xxxx/…);"
        ' "citeman check --online" tells whether one exists',
        key=entry.key,
    )


RULE = EntryRule(
    code="CM101",
    name="missing-doi",
    summary="an entry of a type that normally has a DOI without one",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    defaults={"types": ["article", "inproceedings", "incollection", "inbook"]},
    check=check,
)
