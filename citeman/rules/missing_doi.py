"""An entry that very probably has a DOI lacks it.

APA 7 prints a work's DOI as ``https://doi.org/…``. But DOIs began in 2000
and publishers registered their back files unevenly: most grey literature,
magazines, older conference papers and small journals never had one. So the
rule reminds only where the evidence says a DOI exists (see
``citeman.doi_evidence``): the entry's journal, proceedings or series has
DOIs on at least two entries of the files checked together, from the first
(year, volume, number) with one on (TUGboat: from 41:3 in 2020), unsigned
items such as covers and title pages excepted; or its publisher registered
its back files (ACM, IEEE from 1988, Springer and Lecture Notes in Computer
Science, SPIE; Elsevier, North-Holland, Wiley and OSA for journal
articles); or the files hold no DOI at all, a library nobody looked DOIs up
for, and it is a journal article from 1990 on or undated. In files that
record DOIs, an entry with no such evidence is taken to have none (a
magazine, a small or older journal, a workshop). Fields inherited through
``crossref`` count. Entries with a ``url`` holding a doi.org link are left
to ``doi-in-url`` (CM302). Offline this is a reminder: ``citeman check
--online`` tells whether a DOI exists.

Options: ``types``, the entry types that need a DOI (default: article,
inproceedings, incollection, inbook).

FAIL:
    @article{kopta1994, author = {Kopta, S. M.}, title = {Patterns of
      symptomatic recovery in psychotherapy}, journal = {Journal of Consulting
      and Clinical Psychology}, year = {1994}}

PASS:
    @article{kopta1994, author = {Kopta, S. M.}, title = {Patterns of
      symptomatic recovery in psychotherapy}, journal = {Journal of Consulting
      and Clinical Psychology}, year = {1994}, doi = {10.1037/0022-006X.62.5.1009}}
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from citeman.doi_evidence import Facts, census, facts, inherit, probably_has_doi
from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import LibraryRule, RuleContext, Shelf, summarised


def summarise(entry: Entry, context: RuleContext) -> Facts:
    """Return what the rule needs of one entry (see ``doi_evidence.Facts``)."""
    return facts(entry)


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each DOI-less entry that very probably has a DOI."""
    types = context.option("types")
    assert isinstance(types, list)
    found = list(summarised(shelves))
    by_key: dict[str, Any] = {}
    for head, item in found:
        by_key.setdefault(head.key.lower(), item)
    read = [(head, inherit(item, by_key)) for head, item in found]
    known = census(item for _, item in read)
    for head, item in read:
        if head.type in types and not item.has_doi and probably_has_doi(item, known):
            yield Finding(
                head.span,
                f"@{head.type} has no doi; add it bare (10.xxxx/…);"
                ' "citeman check --online" tells whether one exists',
                key=head.key,
                path=head.path,
            )


RULE = LibraryRule(
    code="CM101",
    name="missing-doi",
    summary="an entry that very probably has a DOI without one",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    defaults={"types": ["article", "inproceedings", "incollection", "inbook"]},
    summarise=summarise,
    aggregate=aggregate,
)
