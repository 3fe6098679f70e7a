"""A work cited in the text that the reference list does not have.

An author–date citation whose first author has no work in the list, or a key
(``\\cite{key}``, ``[@key]``) that names no entry. Add the work to the list or
correct the citation.

FAIL:
    @article{leichsenring2011, author = {Leichsenring, F. and Rabung, S.}, year = 2011}

    Long-term therapy helps (Rabung, 2020).

PASS:
    @article{leichsenring2011, author = {Leichsenring, F. and Rabung, S.}, year = 2011}

    Long-term therapy helps (Leichsenring & Rabung, 2011).
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.audit.form import who, written
from citeman.audit.model import Audit, Status
from citeman.problem import Finding, Severity
from citeman.rules.base import ManuscriptRule, RuleContext


def check(audit: Audit, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding per citation that resolves to nothing."""
    keys = {work.entry.key.casefold(): work.entry.key for work in audit.works}
    for resolution in audit.resolutions:
        if resolution.status is not Status.MISSING:
            continue
        citation = resolution.citation
        if citation.key:
            close = keys.get(citation.key.casefold())
            hint = f'; did you mean "{close}"?' if close else ""
            message = f'no entry "{citation.key}" in the reference list{hint}'
        else:
            message = (
                f'no work by {who(citation)} in the reference list for "'
                f'{written(citation)}"; add it to the list or correct the citation'
            )
        yield Finding(citation.span, message, path=citation.path)


RULE = ManuscriptRule(
    code="CM501",
    name="citation-not-in-list",
    summary="a work cited in the text that the reference list does not have",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
