"""A work in the reference list that the text never cites.

APA lists exactly the works cited. Reported at the entry in the ``.bib`` file;
``citeman audit --fix-list OUT.bib`` writes the list without these entries.
``\\nocite{*}`` (LaTeX) or ``nocite: "@*"`` (pandoc) cites every entry, and a
work that another finding names as what a citation meant counts as cited.

FAIL:
    @article{kopta1994, year = 1994,
      author = {Kopta, S. M. and Howard, K. I. and Lowry, J. L.}}
    @article{leichsenring2011, author = {Leichsenring, F. and Rabung, S.}, year = 2011}

    Long-term therapy helps (Leichsenring & Rabung, 2011).

PASS:
    @article{kopta1994, year = 1994,
      author = {Kopta, S. M. and Howard, K. I. and Lowry, J. L.}}
    @article{leichsenring2011, author = {Leichsenring, F. and Rabung, S.}, year = 2011}

    Long-term therapy helps (Kopta et al., 1994; Leichsenring & Rabung, 2011).
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.audit.form import NAMED, cite
from citeman.audit.model import Audit
from citeman.problem import Finding, Severity
from citeman.rules.base import ManuscriptRule, RuleContext


def check(audit: Audit, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding per work no citation resolved to."""
    if audit.cites_all:
        return
    cited = audit.cited(NAMED)
    for work in audit.works:
        entry = work.entry
        if (entry.path, entry.offset) in cited:
            continue
        yield Finding(
            entry.span,
            f'"{entry.key}" ({cite(work, narrative=False)}) is never cited;'
            " cite it or remove it from the list",
            key=entry.key,
            path=entry.path,
        )


RULE = ManuscriptRule(
    code="CM502",
    name="reference-not-cited",
    summary="a work in the reference list that the text never cites",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
