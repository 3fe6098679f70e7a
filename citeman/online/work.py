"""A registered work as every source describes it, reduced to what citeman compares.

Crossref and DataCite (and any later source) each turn their own JSON into a
:class:`Work`; rules and matching read only this, never a source's JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Update types that withdraw a work (CM306); the rest correct or qualify it (CM309).
WITHDRAWING = frozenset({"retraction", "partial_retraction", "withdrawal", "removal"})


@dataclass(frozen=True, slots=True)
class Update:
    """A notice that changes a work: a retraction, correction, concern…

    ``type`` is Crossref's update type (``retraction``, ``correction``…);
    ``date`` is ISO ``YYYY[-MM[-DD]]`` or ""; ``source`` is who reported it
    (``publisher``, ``retraction-watch``).
    """

    doi: str
    type: str
    date: str
    source: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Work:
    """What a source holds about one DOI, reduced to what a citation states.

    ``families`` are the authors' family names in order (an organisation's
    ``name`` stands in for one). ``print_year`` comes from ``published-print``,
    then ``issued``; ``years`` holds every year the source gives the work
    (print, issued, online), since a journal moving platforms can stamp a 2011
    paper as published online in 2018. ``preprint`` says the record is a
    preprint; ``published_as`` names the DOIs the source says it became;
    ``updates`` are the notices that changed it; ``issue`` is the journal
    issue (BibTeX's ``number``).
    """

    doi: str
    title: str
    families: tuple[str, ...]
    print_year: int | None
    years: frozenset[int]
    container: str
    volume: str
    page: str
    article_number: str
    type: str
    source: str = "crossref"
    preprint: bool = False
    published_as: tuple[str, ...] = ()
    updates: tuple[Update, ...] = field(default=())
    issue: str = ""


@dataclass(frozen=True, slots=True)
class DoiRecord:
    """The answer about one DOI: its work, or where it is registered instead.

    ``work`` is None when no source citeman asks holds the DOI; ``agency`` then
    names the registration agency that does (``medra``…), or is None when no
    agency knows the DOI at all. ``published`` is the verified published
    version of a preprint, when there is one.
    """

    doi: str
    work: Work | None
    agency: str | None
    published: Work | None = None
