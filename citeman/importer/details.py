"""Read the parenthetical after a title: ``(H. Weaver, Trans.; 2nd ed., Vol. 1)``.

Each piece becomes its field: edition, volume, a report or publication number
(its label, when not plain "Report", in ``type``), version, a chapter's pages,
editors of an authored book, translators. APA's order inside the parentheses
is described in §9.30 and §9.41 of the *Publication Manual*.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from citeman.importer import people
from citeman.importer.escape import latex
from citeman.importer.record import Draft

_EDITION = re.compile(r"(\d+)(?:st|nd|rd|th) ed\.|(.+?) ed\.")
_VOLUME = re.compile(r"Vols?\. (.+)")
_NUMBER = re.compile(r"(?:(.+?) )?No\. (.+)")
_VERSION = re.compile(r"Version (.+)")
_PAGES = re.compile(r"pp?\. (.+)")
_ROLE = re.compile(r"(?P<names>.+?), (?P<role>Eds?|Trans)\.$")
_ARCHIVE = re.compile(r"[A-Z]{2,}[\w-]* [\w.-]*\d[\w.-]*")
#: A parenthetical after a title holds details when it has one of these.
SIGNS = re.compile(r"\bed\.|\bVols?\. |\bNo\. |\bVersion |\bpp?\. |\bTrans\.|\bEds?\.")


@dataclass(frozen=True, slots=True)
class Piece:
    """A field read from the details, or (``name`` empty) a piece not understood."""

    name: str
    value: str
    start: int
    end: int


def read(text: str, offset: int = 0) -> Iterator[Piece]:
    """Yield the fields of the details ``text`` (without its parentheses).

    ``offset`` is where ``text`` starts in the reference, for the spans.

    >>> [(p.name, p.value) for p in read("H. Weaver, Trans.; 2nd ed., Vol. 3")]
    [('translator', 'Weaver, H.'), ('edition', '2'), ('volume', '3')]
    >>> [(p.name, p.value) for p in read("NIH Publication No. 18-2059")]
    [('type', 'NIH Publication'), ('number', '18-2059')]
    """
    for start, group in _split(text, "; ", offset):
        role = _ROLE.fullmatch(group)
        if role is None:
            role = re.match(r"(?P<names>.+?), (?P<role>Eds?)\.(?=, )", group)
        if role is not None:
            field = "translator" if role["role"] == "Trans" else "editor"
            names = " and ".join(people.direct(role["names"]))
            yield Piece(field, names, start, start + role.end())
            rest = group[role.end() :].removeprefix(", ")
            if not rest:
                continue
            start, group = start + len(group) - len(rest), rest
        for piece_start, piece in _split(group, ", ", start):
            yield from _piece(piece, piece_start)


def take(draft: Draft, text: str, begin: int, end: int) -> int:
    """Put the details that close ``text[begin:end]`` in ``draft``; return their start.

    Only a parenthetical with a sign of details (``ed.``, ``Vol.``, ``No.``…)
    is taken: "(SMI)" in a title is part of the title.
    """
    if not (text[:end].endswith(")") and "(" in text[begin:end]):
        return end
    opening = text.rfind("(", begin, end)
    inside = text[opening + 1 : end - 1]
    if not SIGNS.search(inside):
        return end
    for piece in read(inside, opening + 1):
        if not piece.name:
            message = "unknown detail after the title"
            draft.trouble(text, piece.start, piece.end, message)
        elif piece.name in ("editor", "translator"):
            draft.put(piece.name, piece.value, piece.start, piece.end)
        else:
            draft.put(piece.name, latex(piece.value), piece.start, piece.end)
    return len(text[:opening].rstrip())


def _split(text: str, separator: str, offset: int) -> Iterator[tuple[int, str]]:
    position = 0
    for part in text.split(separator):
        yield offset + position, part
        position += len(part) + len(separator)


def _piece(piece: str, start: int) -> Iterator[Piece]:
    end = start + len(piece)
    if edition := _EDITION.fullmatch(piece):
        yield Piece("edition", edition[1] or edition[2], start, end)
    elif volume := _VOLUME.fullmatch(piece):
        yield Piece("volume", volume[1], start, end)
    elif number := _NUMBER.fullmatch(piece):
        if number[1]:
            yield Piece("type", number[1], start, end)
        yield Piece("number", number[2], start, end)
    elif version := _VERSION.fullmatch(piece):
        yield Piece("version", version[1], start, end)
    elif pages := _PAGES.fullmatch(piece):
        yield Piece("pages", dashed(pages[1]), start, end)
    elif _ARCHIVE.fullmatch(piece):
        yield Piece("number", piece, start, end)
    else:
        yield Piece("", piece, start, end)


def dashed(pages: str) -> str:
    """Return a page range with BibTeX's ``--`` (as written otherwise).

    >>> dashed("345–359"), dashed("e140–e149"), dashed("72. 2")
    ('345--359', 'e140--e149', '72. 2')
    """
    return re.sub(r"(?<=\w)\s*[–—-]\s*(?=\w)", "--", pages)
