"""A cited work under an expression of concern, or corrected since.

Needs ``--online``. The work is found by its DOI or, for an entry without one,
by a confident Crossref match, and Crossref's ``updated-by`` lists the notices
that changed it. An ``expression_of_concern`` is a warning: the journal doubts
the work, and a reader should know. A ``correction``, ``erratum``,
``corrigendum`` or ``addendum`` is information: the work stands, but the
notice may change what it says (APA cites the corrected work as usual). The
message names the notice's DOI and date. Retractions are CM306's.

FAIL:
    @article{brennan2018, author = {Brennan, S.}, year = {2018},
      title = {Sleep duration and memory consolidation in adolescents},
      doi = {10.5555/verify.concern.2018}}

PASS:
    @article{ferreira2021, author = {Ferreira, R.}, year = {2021},
      title = {Urban heat islands amplify nighttime mortality},
      doi = {10.5555/verify.published.2021}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext
from citeman.rules.cited import notice_findings

#: Each update type this rule reports, how it reads, and how grave it is.
_KINDS: dict[str, tuple[str, Severity | None]] = {
    "expression_of_concern": ("an expression of concern was issued", Severity.WARNING),
    "correction": ("corrected", Severity.INFO),
    "erratum": ("corrected by an erratum", Severity.INFO),
    "corrigendum": ("corrected by a corrigendum", Severity.INFO),
    "addendum": ("amended by an addendum", Severity.INFO),
}


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield one finding per concern or correction notice on the cited work."""
    yield from notice_findings(entry, context.resolver, _KINDS)


RULE = EntryRule(
    code="CM309",
    name="work-updated",
    summary="a cited work under an expression of concern (warning) or corrected"
    " by a notice (info) (online)",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    online=True,
    check=check,
)
