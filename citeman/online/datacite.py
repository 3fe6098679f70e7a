"""DataCite as a source: DOIs of arXiv, Zenodo, Figshare and data repositories.

Crossref does not hold these (its ``/agency`` route says ``datacite``), so they
are looked up with ``GET {base}/dois/{doi}``, a JSON:API document whose
``data.attributes`` carry ``titles``, ``creators``, ``publicationYear``,
``types`` and ``relatedIdentifiers``. A preprint's ``IsPreviousVersionOf`` /
``IsVersionOf`` DOIs are the versions it may have become; the caller verifies
each before calling it published. DataCite is not searched by reference here:
its records are mostly data sets and software, which CM305/CM307 do not seek.
"""

from __future__ import annotations

from collections.abc import Mapping

from citeman.errors import OnlineError
from citeman.online.client import Client, doi_segment
from citeman.online.work import Work

NAME = "datacite"
DEFAULT_URL = "https://api.datacite.org"
#: ``relationType`` values naming a later or other version of the work described.
_VERSION_RELATIONS = frozenset({"ispreviousversionof", "isversionof"})


class DataCiteSource:
    """Lookup by DOI over DataCite's REST API."""

    name = NAME
    can_search = False

    def __init__(self, client: Client) -> None:
        self.client = client

    def work(self, doi: str) -> Work | None:
        """Return the work registered as ``doi``; None when DataCite lacks it."""
        body = self.client.get(f"/dois/{doi_segment(doi)}")
        return None if body is None else parse_doi(body)

    def search(self, citation: str, rows: int) -> list[Work]:
        """DataCite is not searched by reference; see the module docstring."""
        del citation, rows
        return []


def parse_doi(body: object) -> Work:
    """Return the work of a ``/dois/{doi}`` document."""
    data = body.get("data") if isinstance(body, Mapping) else None
    attributes = data.get("attributes") if isinstance(data, Mapping) else None
    if not isinstance(attributes, Mapping) or not isinstance(
        attributes.get("doi"), str
    ):
        raise OnlineError("datacite sent a record without data.attributes.doi")
    kind = _types(attributes.get("types"))
    year = attributes.get("publicationYear")
    year = int(year) if isinstance(year, int | str) and str(year).isdigit() else None
    return Work(
        doi=attributes["doi"],
        title=_title(attributes.get("titles")),
        families=tuple(_families(attributes.get("creators"))),
        print_year=year,
        years=frozenset({year} if year else ()),
        container=_container(attributes),
        volume="",
        page="",
        article_number="",
        type=kind,
        source=NAME,
        preprint=kind == "preprint",
        published_as=tuple(_versions(attributes.get("relatedIdentifiers"))),
    )


def _title(titles: object) -> str:
    """Return the main title: the first without a ``titleType`` (a subtitle has one)."""
    if not isinstance(titles, list):
        return ""
    plain = [
        item.get("title")
        for item in titles
        if isinstance(item, Mapping) and isinstance(item.get("title"), str)
    ]
    main = [
        item["title"]
        for item in titles
        if isinstance(item, Mapping)
        and isinstance(item.get("title"), str)
        and not item.get("titleType")
    ]
    return str((main or plain or [""])[0])


def _families(creators: object) -> list[str]:
    if not isinstance(creators, list):
        return []
    found = []
    for person in creators:
        if not isinstance(person, Mapping):
            continue
        family, name = person.get("familyName"), person.get("name")
        if isinstance(family, str) and family:
            found.append(family)
        elif isinstance(name, str) and name:
            personal = person.get("nameType") == "Personal" and "," in name
            found.append(name.split(",", 1)[0] if personal else name)
    return found


def _types(types: object) -> str:
    general = types.get("resourceTypeGeneral") if isinstance(types, Mapping) else None
    return general.lower() if isinstance(general, str) else ""


def _container(attributes: Mapping[str, object]) -> str:
    container = attributes.get("container")
    title = container.get("title") if isinstance(container, Mapping) else None
    if isinstance(title, str) and title:
        return title
    publisher = attributes.get("publisher")
    if isinstance(publisher, Mapping):
        publisher = publisher.get("name")
    return publisher if isinstance(publisher, str) else ""


def _versions(related: object) -> list[str]:
    if not isinstance(related, list):
        return []
    return [
        item["relatedIdentifier"]
        for item in related
        if isinstance(item, Mapping)
        and str(item.get("relationType", "")).lower() in _VERSION_RELATIONS
        and str(item.get("relatedIdentifierType", "")).upper() == "DOI"
        and isinstance(item.get("relatedIdentifier"), str)
    ]
