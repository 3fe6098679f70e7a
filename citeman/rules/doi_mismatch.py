"""A DOI registered for a different work than the entry describes.

Needs ``--online``. The work Crossref holds for the DOI is compared with the
entry: title (case, accents and punctuation aside; a dropped subtitle is
fine), first author's family name, year (one year either way, since print and
online dates straddle a new year), volume and first page or article number.
Each disagreement is reported on its field with both values, so a copied DOI
or a typo in a locator shows which side to correct.

FAIL:
    @article{gamieldien2021, author = {Gamieldien, F.}, year = {2021},
      title = {Exploration of recovery of people living with severe mental
      illness (SMI) in low/middle-income countries (LMICs): A scoping review},
      volume = {11}, doi = {10.1136/bmjopen-2019-032912}}

PASS:
    @article{gamieldien2021, author = {Gamieldien, F.}, year = {2021},
      title = {Exploration of recovery of people living with severe mental
      illness (SMI) in low/middle-income countries (LMICs): A scoping review},
      volume = {11}, doi = {10.1136/bmjopen-2020-045005}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry
from citeman.online import match, reference
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext
from citeman.rules.cited import registered

#: Where each compared quantity is written in the entry, first found wins.
_FIELDS = {
    "title": ("title",),
    "author": ("author", "editor"),
    "year": ("year", "date"),
    "volume": ("volume",),
    "pages": ("pages",),
}


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield one finding per quantity the registered work states differently."""
    own = registered(entry, context.resolver)
    work = own.record.work if own is not None and own.record is not None else None
    if own is None or work is None:
        return
    field, bare = own.field, own.bare
    for difference in match.compare(reference.from_entry(entry), work):
        names = _FIELDS[difference.field]
        where = next((entry.fields[n] for n in names if n in entry.fields), field)
        what = difference.field
        yield Finding(
            where.span,
            f'doi {bare} is registered with {what} "{difference.registered}",'
            f' entry has "{difference.entry}"; check the doi and the {what}',
            key=entry.key,
            field=where.name,
        )


RULE = EntryRule(
    code="CM304",
    name="doi-mismatch",
    summary="a DOI whose registered title, first author, year, volume or pages "
    "disagree with the entry (online)",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    online=True,
    check=check,
)
