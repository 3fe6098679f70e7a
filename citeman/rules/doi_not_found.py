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

from citeman import doi
from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding when no registration agency knows the entry's DOI."""
    field = entry.fields.get("doi")
    bare = doi.normalise(field.value) if field is not None else None
    if context.resolver is None or field is None or bare is None:
        return
    record = context.resolver.record(bare)
    if record is None or record.work is not None or record.agency:
        return
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
