"""A cited work that has been retracted, withdrawn or removed.

Needs ``--online``. The work is found by its DOI or, for an entry without one,
by a confident Crossref match. Crossref lists the notices that changed a work
in its ``updated-by``: a ``retraction``, ``partial_retraction``,
``withdrawal`` or ``removal`` there means the work should not be cited as
sound (cite the notice too, or drop it). The message names the notice's DOI,
its date and who reported it: the publisher, or Retraction Watch, whose data
Crossref serves. A work's own record is the only source: a retraction
announced only on a web page is not seen.

FAIL:
    @article{okafor2019, author = {Okafor, C.}, year = {2019},
      title = {Soil microbial diversity predicts crop yield across continents},
      doi = {10.5555/verify.retracted.2019}}

PASS:
    @article{tanaka2020, author = {Tanaka, A.}, year = {2020},
      title = {Coral reef recovery after marine heatwaves},
      doi = {10.5555/verify.corrected.2020}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry
from citeman.online.work import WITHDRAWING
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext
from citeman.rules.cited import notice_findings

#: The update types that withdraw a work, and how each reads.
_KINDS: dict[str, tuple[str, Severity | None]] = {
    "retraction": ("retracted", None),
    "partial_retraction": ("partially retracted", None),
    "withdrawal": ("withdrawn", None),
    "removal": ("removed", None),
}
assert set(_KINDS) == WITHDRAWING


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield one finding per withdrawing notice on the cited work."""
    yield from notice_findings(entry, context.resolver, _KINDS)


RULE = EntryRule(
    code="CM306",
    name="retracted",
    summary="a cited work that was retracted, withdrawn or removed (online)",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    online=True,
    check=check,
)
