"""An entry of a type that normally has a DOI has none.

Journal articles, conference papers and book chapters almost always have a DOI,
and APA 7 prints it as ``https://doi.org/…``. Entries with a ``url`` holding a
doi.org link are left to ``doi-in-url`` (CM302).

Many journals registered DOIs only from some year on (TUGboat from 2020): the
rule learns that from the files checked together. A journal (``journal`` or
``journaltitle``, compared after macro expansion and LaTeX decoding, ignoring
case) with at least three entries that have a DOI starts its DOIs in the
earliest year among them; its entries dated (``year`` or ``date``) before that
year are not reported, since no DOI exists to add. A journal with no DOI, or
fewer than three, in the library is still reported: a library that never
records DOIs is what the rule is for.

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

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from citeman.latex import to_text
from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import LibraryRule, RuleContext, Shelf

#: Entries with a DOI a journal needs before its earliest year is trusted.
_ENOUGH = 3
_YEAR = re.compile(r"\d{4}")


class _Dated(NamedTuple):
    """What the rule reads of one entry: its journal, year and DOI."""

    journal: str
    year: int | None
    #: A ``doi`` field (the DOI-start census counts only these).
    doi: bool
    #: A ``doi`` field or a doi.org ``url`` (left to CM302).
    any_doi: bool


def summarise(entry: Entry, context: RuleContext) -> _Dated:
    """Return the entry's journal, year and whether it has a DOI."""
    return _Dated(
        _journal(entry), _year(entry), bool(entry.get("doi").strip()), _has_doi(entry)
    )


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each DOI-less entry of a DOI-bearing type and year."""
    types = context.option("types")
    assert isinstance(types, list)
    starts = _doi_starts(shelves)
    for shelf in shelves:
        for entry, dated in shelf.entries:
            assert isinstance(dated, _Dated)
            if entry.type not in types or dated.any_doi:
                continue
            start = starts.get(dated.journal)
            year = dated.year
            if start is not None and year is not None and year < start:
                continue
            yield Finding(
                entry.span,
                f"@{entry.type} has no doi; add it bare (10.xxxx/…);"
                ' "citeman check --online" tells whether one exists',
                key=entry.key,
                path=entry.path,
            )


def _doi_starts(shelves: Sequence[Shelf]) -> dict[str, int]:
    """Map each journal with enough DOIs to the earliest year one of them has."""
    years: dict[str, list[int]] = defaultdict(list)
    for shelf in shelves:
        for _, dated in shelf.entries:
            assert isinstance(dated, _Dated)
            if dated.journal and dated.year is not None and dated.doi:
                years[dated.journal].append(dated.year)
    return {name: min(found) for name, found in years.items() if len(found) >= _ENOUGH}


def _has_doi(entry: Entry) -> bool:
    """Return whether the entry has a DOI, or a doi.org link left to CM302."""
    return bool(entry.get("doi").strip()) or "doi.org/" in entry.get("url")


def _journal(entry: Entry) -> str:
    """Return the entry's journal as read, in lower case ("" when it has none)."""
    name = entry.get("journal") or entry.get("journaltitle")
    return " ".join(to_text(name).lower().split()) if name.strip() else ""


def _year(entry: Entry) -> int | None:
    """Return the year the entry is dated, or None when it has no readable one."""
    found = _YEAR.search(entry.get("year") or entry.get("date"))
    return int(found.group()) if found else None


RULE = LibraryRule(
    code="CM101",
    name="missing-doi",
    summary="an entry of a type that normally has a DOI without one",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    defaults={"types": ["article", "inproceedings", "incollection", "inbook"]},
    summarise=summarise,
    aggregate=aggregate,
)
