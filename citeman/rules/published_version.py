"""A cited preprint whose published version exists: cite that instead.

Needs ``--online``. The entry's DOI (or confident match) is a preprint: a
Crossref ``posted-content`` record of subtype preprint, or a DataCite record
of type Preprint (arXiv registers its DOIs with DataCite). Only the
preprint's own record is trusted to name its published version (Crossref's
``relation["is-preprint-of"]``, DataCite's ``IsPreviousVersionOf`` or
``IsVersionOf``): a journal's ``has-preprint`` can point at another preprint.
The published work is fetched and must itself not be a preprint and carry
the same title and first author before it is suggested. The message names
its DOI, journal, year, volume and pages; the fix (unsafe: the version may differ in
substance) replaces the DOI with the published one. ``fix`` never adds
fields, so the journal, volume and pages the message names, and a change
of entry type, stay for the user to copy.

FAIL:
    @misc{ferreira2020, author = {Ferreira, R.}, year = {2020},
      title = {Urban heat islands amplify nighttime mortality},
      doi = {10.5555/verify.preprint.2020}}

PASS:
    @article{ferreira2021, author = {Ferreira, R.}, year = {2021},
      title = {Urban heat islands amplify nighttime mortality},
      journal = {Decoy Journal of Urban Health},
      doi = {10.5555/verify.published.2021}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry
from citeman.online.work import Work
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext
from citeman.rules.cited import cited


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield the verified published version of a cited preprint."""
    found = cited(entry, context.resolver)
    if found is None or found.record.published is None:
        return
    published = found.record.published
    field = entry.fields.get("doi")
    fix = _replacement(entry, published) if field is not None else None
    where = f" ({_where(published)})" if _where(published) else ""
    matched = f"; the entry matches preprint doi {found.record.doi}" * found.matched
    yield Finding(
        field.span if field is not None else entry.span,
        f"this preprint was published as doi {published.doi}{where}:"
        f" cite the published version{matched}",
        key=entry.key,
        field="doi" if field is not None else None,
        fix=fix,
    )


def _where(work: Work) -> str:
    """Return ``Journal, 2021, volume 98, pages 455-467``, as far as it is known."""
    year = work.print_year or (min(work.years) if work.years else None)
    pages = work.page or work.article_number
    parts = (work.container, str(year or ""),
             f"volume {work.volume}" if work.volume else "",
             f"pages {pages}" if pages else "")  # fmt: skip
    return ", ".join(part for part in parts if part)


def _replacement(entry: Entry, published: Work) -> Fix | None:
    """Return an unsafe fix writing the published DOI over the preprint's."""
    field = entry.fields["doi"]
    at = field.raw.find(field.value)
    if not field.value or at < 0:
        return None
    return Fix("doi", field.offset + at, field.value, published.doi, safe=False)


RULE = EntryRule(
    code="CM308",
    name="published-version",
    summary="a cited preprint that has a published version (online)",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes="replaces the preprint's DOI with the published version's (unsafe)",
    online=True,
    check=check,
)
