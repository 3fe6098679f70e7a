"""An article or conference paper that no Crossref record resembles.

Needs ``--online``. An ``@article``, ``@inproceedings`` or ``@conference``
entry with a title and authors but no DOI is searched in Crossref, which
always returns loosely related works. When not one of them resembles the
entry even loosely (a title at least 60 % alike and the same first author
where both are given), no record of the work was found: check that it
exists. A mis-cited or fabricated reference (one invented by a writing
assistant, say) looks exactly like this. Books, reports, theses, web pages
and software are not checked, since many are not in Crossref; nor is an
entry whose search failed (the command then lists it as not verified and
exits 2). Crossref holds most, not all, journal articles: a finding is a
reason to look, not proof.

FAIL:
    @article{novak2022, author = {Novak, T. and Ferreira, R.}, year = {2022},
      title = {Gut microbiome composition predicts response to cognitive
      behavioural therapy for panic disorder},
      journal = {Journal of Affective Disorders}, volume = {301}}

PASS:
    @article{kopta1994, author = {Kopta, S. M.}, year = {1994},
      title = {Patterns of symptomatic recovery in psychotherapy},
      journal = {Journal of Consulting and Clinical Psychology}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry
from citeman.online import match, reference
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext

#: Entry types Crossref can be expected to hold.
_KINDS = frozenset({"article", "inproceedings", "conference"})


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding when no searched candidate resembles the entry."""
    if context.resolver is None or entry.type.lower() not in _KINDS:
        return
    if "doi" in entry.fields or not entry.get("author").strip():
        return
    result = context.resolver.match(entry)
    if result is None:
        return  # not searched, or the search failed
    cited = reference.from_entry(entry)
    if not cited.title or any(match.resembles(cited, w) for w in result.candidates):
        return
    yield Finding(
        entry.span,
        "no record of this work was found; check that it exists:"
        " a mis-cited or fabricated reference looks like this",
        key=entry.key,
    )


RULE = EntryRule(
    code="CM307",
    name="reference-not-found",
    summary="an article or conference paper that no Crossref record resembles (online)",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    online=True,
    check=check,
)
