"""A DOI that no registration agency knows: a typo, or a DOI never registered.

Needs ``--online``. Crossref is asked for the DOI; when it has no record, its
``/agency`` route is asked which agency registered the DOI, because DataCite,
mEDRA and others register real DOIs that Crossref does not hold. Only a DOI
that no agency knows is reported. A lookup that fails reports nothing here:
the command lists the entry as not verified instead.

FAIL:
    @article{kopta1994, title = {Patterns of symptomatic recovery in
      psychotherapy}, doi = {10.1037/0022-006X.62.5.9999}}

PASS:
    @article{kopta1994, title = {Patterns of symptomatic recovery in
      psychotherapy}, doi = {10.1037/0022-006X.62.5.1009}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext
from citeman.rules.cited import registered


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding when no registration agency knows the entry's DOI."""
    own = registered(entry, context.resolver)
    if own is None or own.record is None:
        return
    if own.record.work is not None or own.record.agency:
        return
    field, bare = own.field, own.bare
    yield Finding(
        field.span,
        f'doi "{bare}" is not registered with crossref or any other agency;'
        " check it against the article",
        key=entry.key,
        field="doi",
    )


RULE = EntryRule(
    code="CM303",
    name="doi-not-found",
    summary="a DOI that neither Crossref nor any other registration agency knows "
    "(online)",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    online=True,
    check=check,
)
