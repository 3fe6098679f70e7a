"""Several works in one parenthesis, not in the order of the reference list.

APA orders the works of one parenthetical citation as the reference list does:
alphabetically by first author, then by year ("n.d." first, "in press" last),
separated by semicolons. A prefix such as "see also" starts a new run, ordered
on its own. Citations by key are ordered by the citation processor instead.

FAIL:
    @article{bellis2014, year = 2014,
      author = {Bellis, M. A. and Hughes, K. and Leckenby, N.}}
    @article{kopta1994, year = 1994,
      author = {Kopta, S. M. and Howard, K. I. and Lowry, J. L.}}

    Adversity matters (Kopta et al., 1994; Bellis et al., 2014).

PASS:
    @article{bellis2014, year = 2014,
      author = {Bellis, M. A. and Hughes, K. and Leckenby, N.}}
    @article{kopta1994, year = 1994,
      author = {Kopta, S. M. and Howard, K. I. and Lowry, J. L.}}

    Adversity matters (Bellis et al., 2014; Kopta et al., 1994).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from citeman.audit.model import Audit, Resolution, Status
from citeman.authordate.text import year_text
from citeman.authordate.work import SortKey, cited_sort_key
from citeman.problem import Finding, Severity
from citeman.rules.base import ManuscriptRule, RuleContext

_RESOLVED = (Status.FOUND, Status.NEEDS_SUFFIX, Status.AMBIGUOUS)


def check(audit: Audit, context: RuleContext) -> Iterator[Finding]:
    """Yield one finding per run of works out of order, at the first misplaced."""
    runs: dict[tuple[str, int, int], list[Resolution]] = {}
    for resolution in audit.resolutions:
        citation = resolution.citation
        if citation.is_parenthetical and citation.group >= 0:
            where = (citation.path, citation.group, citation.segment)
            runs.setdefault(where, []).append(resolution)
    for run in runs.values():
        keys = [_sort_key(resolution) for resolution in run]
        for index in range(1, len(run)):
            if keys[index] < keys[index - 1]:
                ordered = sorted(run, key=_sort_key)
                citation = run[index].citation
                yield Finding(
                    citation.span,
                    f'order the works as in the reference list: "{_join(ordered)}"',
                    path=citation.path,
                )
                break


def _sort_key(resolution: Resolution) -> SortKey:
    """Return where the cited work stands in the reference list."""
    if resolution.status in _RESOLVED:
        return resolution.works[0].sort_key
    citation = resolution.citation
    return cited_sort_key(citation.names, citation.year)


def _join(run: Sequence[Resolution]) -> str:
    """Return the run as APA writes it, an author's years joined by commas."""
    parts: list[str] = []
    previous = ""
    for resolution in run:
        citation = resolution.citation
        year = year_text(citation.year, citation.suffix)
        if parts and citation.written == previous:
            parts[-1] += f", {year}"
        else:
            parts.append(f"{citation.written}, {year}")
        previous = citation.written
    return "; ".join(parts)


RULE = ManuscriptRule(
    code="CM505",
    name="citation-order",
    summary="works cited in one parenthesis out of reference-list order",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
