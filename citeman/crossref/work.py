"""A Crossref work as a frozen record, read defensively from the API's JSON.

Crossref's work JSON has dozens of optional keys whose shapes vary by member and
by decade; only the handful citeman compares are kept, and a response that does
not have the documented shape raises :class:`CrossrefError` rather than a
``KeyError`` deep inside a rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from citeman.errors import CrossrefError


@dataclass(frozen=True, slots=True)
class Work:
    """What Crossref holds about one DOI, reduced to what a citation states.

    ``families`` are the authors' family names in order (an organisation's
    ``name`` stands in for one). ``print_year`` comes from ``published-print``,
    then ``issued``; ``years`` holds every year Crossref gives the work (print,
    issued, online), since a journal moving platforms can stamp a 2011 paper as
    published online in 2018.
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


@dataclass(frozen=True, slots=True)
class DoiRecord:
    """The answer about one DOI: its work, or where it is registered instead.

    ``work`` is None when Crossref does not hold the DOI; ``agency`` then names
    the registration agency that does (``datacite``, ``medra``…), or is None
    when no agency knows the DOI at all.
    """

    doi: str
    work: Work | None
    agency: str | None


def message(body: object, message_type: str) -> object:
    """Return the ``message`` of an API envelope of ``message_type``."""
    if not isinstance(body, Mapping) or body.get("status") != "ok":
        raise CrossrefError("crossref sent a response without status ok")
    if body.get("message-type") != message_type:
        found = body.get("message-type")
        raise CrossrefError(f"crossref sent a {found!r} response, not {message_type}")
    return body.get("message")


def parse_work(item: object) -> Work:
    """Return the work described by one item of a list or a singleton message."""
    if not isinstance(item, Mapping) or not isinstance(item.get("DOI"), str):
        raise CrossrefError("crossref sent a work without a DOI")
    title = " ".join(_strings(item.get("title")))
    subtitle = " ".join(_strings(item.get("subtitle")))
    if subtitle and subtitle.casefold() not in title.casefold():
        title = f"{title}: {subtitle}"
    years = {
        name: _year(item.get(name))
        for name in ("published-print", "issued", "published-online", "published")
    }
    return Work(
        doi=item["DOI"],
        title=title,
        families=tuple(_families(item.get("author"))),
        print_year=years["published-print"] or years["issued"],
        years=frozenset(year for year in years.values() if year is not None),
        container=next(iter(_strings(item.get("container-title"))), ""),
        volume=_string(item.get("volume")),
        page=_string(item.get("page")),
        article_number=_string(item.get("article-number")),
        type=_string(item.get("type")),
    )


def parse_items(body: object) -> list[Work]:
    """Return the works of a ``work-list`` response, best scored first."""
    found = message(body, "work-list")
    items = found.get("items") if isinstance(found, Mapping) else None
    if not isinstance(items, list):
        raise CrossrefError("crossref sent a work list without items")
    return [parse_work(item) for item in items]


def parse_agency(body: object) -> str:
    """Return the agency id (``crossref``, ``datacite``…) of a ``work-agency`` body."""
    found = message(body, "work-agency")
    agency = found.get("agency") if isinstance(found, Mapping) else None
    name = agency.get("id") if isinstance(agency, Mapping) else None
    if not isinstance(name, str) or not name:
        raise CrossrefError("crossref sent an agency response without an agency id")
    return name


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _string(value: object) -> str:
    return str(value) if isinstance(value, str | int) else ""


def _families(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    families = []
    for person in value:
        if not isinstance(person, Mapping):
            continue
        name = person.get("family") or person.get("name")
        if isinstance(name, str) and name:
            families.append(name)
    return families


def _year(value: object) -> int | None:
    """Return the year of a Crossref partial date ``{"date-parts": [[2017, 9]]}``."""
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return None
    first = parts[0][0] if parts[0] else None
    return first if isinstance(first, int) and not isinstance(first, bool) else None
