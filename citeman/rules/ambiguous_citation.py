"""A citation that fits more than one work in the list.

Two works with the same first author and year whose "et al." forms are the same
need as many names as tell them apart ("Leichsenring, Abbass, et al., 2013").
The message lists the candidates with the citation each one takes. (Works with
the same authors and year take a letter instead: CM504.)

FAIL:
    @article{leich2013a, year = 2013,
      author = {Leichsenring, F. and Abbass, A. and Luyten, P.}}
    @article{leich2013b, year = 2013,
      author = {Leichsenring, F. and Salzer, S. and Luyten, P.}}

    Evidence is growing (Leichsenring et al., 2013).

PASS:
    @article{leich2013a, year = 2013,
      author = {Leichsenring, F. and Abbass, A. and Luyten, P.}}
    @article{leich2013b, year = 2013,
      author = {Leichsenring, F. and Salzer, S. and Luyten, P.}}

    Evidence is growing (Leichsenring, Abbass, et al., 2013).
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.audit.form import listing, written
from citeman.audit.model import Audit, Status
from citeman.problem import Finding, Severity
from citeman.rules.base import ManuscriptRule, RuleContext


def check(audit: Audit, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding per citation left with several candidates."""
    for resolution in audit.resolutions:
        if resolution.status is not Status.AMBIGUOUS:
            continue
        citation = resolution.citation
        yield Finding(
            citation.span,
            f'"{written(citation)}" could be any of '
            f"{listing(resolution.works, citation)}; write the form of the one meant",
            path=citation.path,
        )


RULE = ManuscriptRule(
    code="CM506",
    name="ambiguous-citation",
    summary="a citation that fits more than one work in the list",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
