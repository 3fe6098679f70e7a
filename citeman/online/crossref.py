"""Crossref as a source: its routes, and its work JSON read defensively.

Crossref's work JSON has dozens of optional keys whose shapes vary by member
and by decade; only the handful citeman compares are kept, plus the notices
that changed a work (``updated-by``) and the published version a preprint
names (``relation["is-preprint-of"]``). A response without the documented
envelope raises :class:`OnlineError` rather than a ``KeyError`` in a rule.
"""

from __future__ import annotations

from collections.abc import Mapping

from citeman.errors import OnlineError
from citeman.online.client import Client, doi_segment
from citeman.online.work import Update, Work

NAME = "crossref"


class CrossrefSource:
    """Lookup by DOI, search by reference and agency questions, over Crossref's API."""

    name = NAME
    can_search = True

    def __init__(self, client: Client) -> None:
        self.client = client

    def work(self, doi: str) -> Work | None:
        """Return the work registered as ``doi``; None when Crossref lacks it."""
        body = self.client.get(f"/works/{doi_segment(doi)}")
        return None if body is None else parse_work(message(body, "work"))

    def agency(self, doi: str) -> str | None:
        """Return the agency that registered ``doi``; None when no agency has it."""
        body = self.client.get(f"/works/{doi_segment(doi)}/agency")
        return None if body is None else parse_agency(body)

    def search(self, citation: str, rows: int) -> list[Work]:
        """Return the works a ``query.bibliographic`` search ranks first."""
        body = self.client.get(
            "/works", {"query.bibliographic": citation, "rows": rows}
        )
        if body is None:
            raise OnlineError("crossref answered 404 to a search", 404)
        return parse_items(body)


def message(body: object, message_type: str) -> object:
    """Return the ``message`` of an API envelope of ``message_type``."""
    if not isinstance(body, Mapping) or body.get("status") != "ok":
        raise OnlineError("crossref sent a response without status ok")
    if body.get("message-type") != message_type:
        found = body.get("message-type")
        raise OnlineError(f"crossref sent a {found!r} response, not {message_type}")
    return body.get("message")


def parse_work(item: object) -> Work:
    """Return the work described by one item of a list or a singleton message."""
    if not isinstance(item, Mapping) or not isinstance(item.get("DOI"), str):
        raise OnlineError("crossref sent a work without a DOI")
    title = " ".join(_strings(item.get("title")))
    subtitle = " ".join(_strings(item.get("subtitle")))
    if subtitle and subtitle.casefold() not in title.casefold():
        title = f"{title}: {subtitle}"
    years = {
        name: _year(item.get(name))
        for name in ("published-print", "issued", "published-online", "published")
    }
    kind = _string(item.get("type"))
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
        type=kind,
        source=NAME,
        preprint=kind == "posted-content"
        and _string(item.get("subtype")) in ("preprint", ""),
        published_as=tuple(_related(item.get("relation"), "is-preprint-of")),
        updates=tuple(_updates(item.get("updated-by"))),
        issue=_string(item.get("issue")),
    )


def parse_items(body: object) -> list[Work]:
    """Return the works of a ``work-list`` response, best scored first."""
    found = message(body, "work-list")
    items = found.get("items") if isinstance(found, Mapping) else None
    if not isinstance(items, list):
        raise OnlineError("crossref sent a work list without items")
    return [parse_work(item) for item in items]


def parse_agency(body: object) -> str:
    """Return the agency id (``crossref``, ``datacite``…) of a ``work-agency`` body."""
    found = message(body, "work-agency")
    agency = found.get("agency") if isinstance(found, Mapping) else None
    name = agency.get("id") if isinstance(agency, Mapping) else None
    if not isinstance(name, str) or not name:
        raise OnlineError("crossref sent an agency response without an agency id")
    return name


def _updates(value: object) -> list[Update]:
    """Return the notices of ``updated-by``: ``[{DOI, type, source, updated}]``."""
    if not isinstance(value, list):
        return []
    found = []
    for notice in value:
        if not isinstance(notice, Mapping):
            continue
        doi, kind = _string(notice.get("DOI")), _string(notice.get("type"))
        if doi and kind:
            date = _date(notice.get("updated"))
            source = _string(notice.get("source")) or "publisher"
            found.append(
                Update(doi, kind.lower(), date, source, _string(notice.get("label")))
            )
    return found


def _related(relations: object, name: str) -> list[str]:
    """Return the DOIs ``relation[name]`` lists (``[{id-type: doi, id}]``)."""
    targets = relations.get(name) if isinstance(relations, Mapping) else None
    if not isinstance(targets, list):
        return []
    return [
        target["id"]
        for target in targets
        if isinstance(target, Mapping)
        and _string(target.get("id-type")).lower() == "doi"
        and isinstance(target.get("id"), str)
    ]


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


def _parts(value: object) -> list[int]:
    """Return the ``[year, month, day]`` of a partial date, as far as it is given."""
    if not isinstance(value, Mapping):
        return []
    parts = value.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return []
    found = []
    for part in parts[0][:3]:
        if not isinstance(part, int) or isinstance(part, bool):
            break
        found.append(part)
    return found


def _year(value: object) -> int | None:
    """Return the year of a Crossref partial date ``{"date-parts": [[2017, 9]]}``."""
    parts = _parts(value)
    return parts[0] if parts else None


def _date(value: object) -> str:
    """Return a partial date as ISO text: ``2021-03-02``, ``2021-03`` or ``2021``."""
    parts = _parts(value)
    return "-".join(
        f"{part:02d}" if index else str(part) for index, part in enumerate(parts)
    )
