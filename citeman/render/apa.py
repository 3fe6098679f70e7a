"""APA 7's own decisions: name lists, editors, parentheticals, publisher omission.

Rule numbers refer to the APA *Publication Manual* (7th ed.) sections quoted in
the README's style notes: §9.8 (authors), §9.11 (group authors), §9.29
(publisher same as author), §9.30 (editions, volumes, report numbers), §10.3
(chapters in edited books), §9.41 (republished and translated works).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import partial

from citeman.dates import MONTHS
from citeman.latex import to_text
from citeman.render import apa_titles
from citeman.render.filters import doi_or_url, edition
from citeman.render.markup import Markup, Safe, plain_of
from citeman.render.pages import page_span
from citeman.render.reference import Name, Reference

#: APA lists up to 20 authors; from 21 on, the first 19, ". . .", and the last.
MAX_LISTED = 20
_KEPT_BEFORE_ELLIPSIS = 19
_ARTICLES = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def apa_name(name: Name) -> str:
    """Return ``Family, I. I.`` (``, Jr.`` after the initials) or a group's name.

    >>> apa_name(Name("Smith", "Anne Ann", "Jr.", "A. A.", False))
    'Smith, A. A., Jr.'
    """
    if name.is_organization or not name.initials:
        return name.family
    suffix = f", {name.suffix}" if name.suffix else ""
    return f"{name.family}, {name.initials}{suffix}"


def initials_first(name: Name) -> str:
    """Return ``I. I. Family`` (editors and translators inside a reference)."""
    if name.is_organization or not name.initials:
        return name.family
    suffix = f", {name.suffix}" if name.suffix else ""
    return f"{name.initials} {name.family}{suffix}"


def apa_authors(people: Sequence[Name]) -> str:
    """Return an APA author list: commas, ``&`` before the last, 21+ shortened.

    An ``and others`` cannot be expanded; it is printed as "et al." (and the
    check rule for author lists reports it). ``others`` before the last name
    is the ellipsis: ``A, B, . . . Z``.

    >>> kalnay = Name("Kalnay", "", "", "E.", False)
    >>> joseph = Name("Joseph", "", "", "D.", False)
    >>> apa_authors([kalnay, Name("others", "", "", "", False), joseph])
    'Kalnay, E., . . . Joseph, D.'
    """
    named = [person for person in people if not person.is_others]
    listed = [apa_name(person) for person in named]
    if len(listed) > MAX_LISTED or _is_elided(people):
        head = ", ".join(listed[:-1][:_KEPT_BEFORE_ELLIPSIS])
        return f"{head}, . . . {listed[-1]}"
    if len(named) < len(people):
        return ", ".join([*listed, "et al."])
    return _series(listed, serial_comma=True)


def _is_elided(people: Sequence[Name]) -> bool:
    """Return whether ``others`` stands before the last name: APA's ". . ." (§9.8).

    A list of 21 or more authors printed by APA names the first 19 and the
    last; read back (``citeman import``), the ones left out become ``others``.
    """
    return len(people) > 2 and people[-2].is_others and not people[-1].is_others


def apa_editors(people: Sequence[Name]) -> str:
    """Return editors as a chapter's "In" element names them: ``A. A. Ed & B. Ed``."""
    listed = [initials_first(person) for person in people if not person.is_others]
    return _series(listed, serial_comma=len(listed) > 2)


def _series(items: list[str], serial_comma: bool) -> str:
    if len(items) <= 1:
        return "".join(items)
    comma = "," if serial_comma else ""
    return f"{', '.join(items[:-1])}{comma} & {items[-1]}"


def editor_label(people: Sequence[Name]) -> str:
    """Return ``Ed.`` for one editor and ``Eds.`` for several."""
    return "Ed." if len(people) == 1 else "Eds."


def _comparable(name: str) -> str:
    """Return an organisation name reduced for comparison (case, accents, "The")."""
    folded = unicodedata.normalize("NFKD", to_text(name)).casefold()
    folded = _ARTICLES.sub("", folded.strip())
    return re.sub(r"[\W_]+", "", folded)


def is_group_author_of(entry: Reference, organisation: str) -> bool:
    """Return whether ``organisation`` is the entry's (only) group author (§9.29)."""
    authors = entry.authors or entry.editors
    return (
        len(authors) == 1
        and authors[0].is_organization
        and _comparable(authors[0].family) == _comparable(organisation)
    )


def publisher(entry: Reference, stored: str | None = None) -> str:
    """Return the publisher to print: omitted when it is the group author (§9.29).

    ``stored`` is the value to use instead of ``entry.publisher`` (a thesis's
    database, a web page's site name).
    """
    value = entry.publisher if stored is None else stored
    if not value.strip() or is_group_author_of(entry, value):
        return ""
    return to_text(value)


def translators(entry: Reference) -> str:
    """Return ``H. Weaver, Trans.`` for a translated work, or ""."""
    people = entry.translators
    return f"{apa_editors(people)}, Trans." if people else ""


def details(
    markup: Markup,
    entry: Reference,
    number: bool = False,
    number_label: str = "",
    pages: bool = False,
    version: bool = False,
    editors: bool = False,
) -> Safe:
    """Return the parenthetical after a title: ``(H. Weaver, Trans.; 2nd ed., Vol. 3)``.

    Edition, volume, a report or publication number (``number``, labelled
    ``number_label``), a version and a chapter's pages go together, separated
    by commas; the editors of an authored book or a translator come first,
    before a semicolon: ``(K. V. Kukil, Ed.; Vol. 2)`` (§9.30, §9.41). The
    volume of a multivolume work with its own title is in the title instead
    (:func:`volume_title`).
    """
    pieces: list[str] = [edition(entry.get("edition"))]
    if entry.has("volume") and not entry.has("maintitle"):
        pieces.append(f"Vol. {to_text(entry.get('volume'))}")
    if number and entry.has("number"):
        pieces.append(f"{number_label} {to_text(entry.get('number'))}".strip())
    if version and entry.has("version"):
        release = f"Version {to_text(entry.get('version'))}"
        # An archive number and a version are one piece: (ICPSR 21600; Version V1).
        if number and entry.has("number"):
            pieces[-1] = f"{pieces[-1]}; {release}"
        else:
            pieces.append(release)
    if pages:
        pieces.append(page_span(markup, entry.get("pages")))
    inner = markup.join([piece for piece in pieces if piece], ", ")
    people = [translators(entry)]
    if editors and entry.authors and entry.editors:
        label = editor_label(entry.editors)
        people.insert(0, f"{apa_editors(entry.editors)}, {label}")
    inner = markup.join([*[person for person in people if person], inner], "; ")
    return markup.join(["(", inner, ")"]) if plain_of(inner) else Safe("", "")


def report_label(entry: Reference) -> str:
    """Return the label of a report's number: ``Report No.``, or the ``type`` given.

    >>> from citeman.parse import loads
    >>> report = loads("@techreport{r, type = {Technical Report}}").entries[0]
    >>> report_label(Reference(report))
    'Technical Report No.'
    """
    return f"{to_text(entry.get('type')) or 'Report'} No."


def web_link(markup: Markup, entry: Reference) -> Safe:
    """Return the DOI or URL; ``Retrieved <date>, from <URL>`` for an undated page.

    APA adds a retrieval date only for pages designed to change (§9.16); an
    undated page with a ``urldate`` is taken to be one.
    """
    if entry.doi or not entry.url or entry.date.status != "n.d.":
        return doi_or_url(markup, entry)
    seen = entry.urldate  # read only for the undated pages it can concern
    if not seen.month:
        return doi_or_url(markup, entry)
    day = f" {seen.day}," if seen.day else ","
    when = f"Retrieved {MONTHS[seen.month - 1]}{day} {seen.year}, from "
    return markup.join([when, doi_or_url(markup, entry)])


_MASTERS = frozenset(
    {"mathesis", "masters", "master", "mastersthesis", "msc", "mscthesis", "ma",
     "mphil", "mphilthesis", "msthesis"}
)  # fmt: skip


def thesis_kind(entry: Reference) -> str:
    """Return ``Doctoral dissertation``, ``Master's thesis`` or the stored ``type``.

    A thesis with no database or archive (``publisher``), DOI or URL is
    unpublished: ``Unpublished doctoral dissertation`` (§10.6).
    """
    stated = to_text(entry.get("type"))
    kind = stated.lower().replace(" ", "").replace("'", "")
    if entry.type == "phdthesis" or kind in ("phd", "phdthesis", "doctoral"):
        shown = "Doctoral dissertation"
    elif entry.type == "mastersthesis" or kind in _MASTERS:
        shown = "Master's thesis"
    else:
        shown = stated or "Thesis"
    published = entry.has("publisher") or entry.doi or entry.url
    if published or shown.startswith("Unpublished"):
        return shown
    return f"Unpublished {shown[0].lower()}{shown[1:]}"


def original_date(entry: Reference) -> str:
    """Return ``(Original work published 1966)`` for a republished work, or ""."""
    year = to_text(entry.get("origdate") or entry.get("origyear"))[:4]
    return f"(Original work published {year})" if year else ""


def description(entry: Reference, default: str = "") -> str:
    """Return the bracketed description: the ``type`` field, else ``default``.

    ``pubstate = {preprint}`` without a ``type`` reads as ``Preprint``.
    """
    stated = to_text(entry.get("type"))
    if stated:
        return stated
    if entry.get("pubstate").strip().lower() == "preprint":
        return "Preprint"
    if entry.arxiv and entry.type in ("online", "misc", "unpublished"):
        return "Preprint"
    return default


def bind(markup: Markup) -> dict[str, Callable[..., object]]:
    """Return the APA filters by name, bound to ``markup`` where they need it."""
    return {
        **_PLAIN,
        "details": partial(details, markup),
        "volume_title": partial(apa_titles.volume_title, markup),
        "book_title": partial(apa_titles.book_title, markup),
        "web_link": partial(web_link, markup),
    }


_PLAIN: dict[str, Callable[..., object]] = {
    "apa_name": apa_name,
    "apa_authors": apa_authors,
    "apa_editors": apa_editors,
    "editor_label": editor_label,
    "initials_first": initials_first,
    "publisher": publisher,
    "report_label": report_label,
    "thesis_kind": thesis_kind,
    "original_date": original_date,
    "description": description,
}
