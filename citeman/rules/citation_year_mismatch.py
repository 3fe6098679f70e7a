"""A citation whose author is in the list, but with another year.

The message names the works of that author in the list, nearest year first,
with the citation each of them takes. A year letter that the list does not
give ("2020c" when the author has two works that year) is reported here too.

FAIL:
    @article{kopta1994, year = 1994,
      author = {Kopta, S. M. and Howard, K. I. and Lowry, J. L.}}

    Most patients improve within a year (Kopta et al., 1995).

PASS:
    @article{kopta1994, year = 1994,
      author = {Kopta, S. M. and Howard, K. I. and Lowry, J. L.}}

    Most patients improve within a year (Kopta et al., 1994).
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.audit.form import listing, who
from citeman.audit.model import Audit, Status
from citeman.authordate.text import year_text
from citeman.problem import Finding, Severity
from citeman.rules.base import ManuscriptRule, RuleContext


def check(audit: Audit, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding per citation that matched its author in other years only."""
    for resolution in audit.resolutions:
        if resolution.status is not Status.OTHER_YEAR:
            continue
        citation = resolution.citation
        year = year_text(citation.year, citation.suffix)
        yield Finding(
            citation.span,
            f"no {year} work by {who(citation)} in the reference list;"
            f" it has {listing(resolution.works, citation)}",
            key=resolution.works[0].entry.key,
            path=citation.path,
        )


RULE = ManuscriptRule(
    code="CM503",
    name="citation-year-mismatch",
    summary="a cited author whose works in the list have another year",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
