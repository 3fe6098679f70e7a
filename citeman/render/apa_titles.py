"""APA 7's title elements beyond sentence case: volumes of multivolume works and
proceedings named for their conference."""

from __future__ import annotations

import re

from citeman.render.filters import sentence
from citeman.render.markup import Markup
from citeman.render.reference import Reference
from citeman.render.rich import rich

#: A book title that names a meeting is a proper name: its capitals stay (§6.17).
_MEETING = re.compile(
    r"\b(proceedings|conference|symposium|workshop|congress|meeting|colloquium|"
    r"summit|convention)\b",
    re.IGNORECASE,
)


def volume_title(markup: Markup, entry: Reference) -> str:
    """Return a title; a volume of a multivolume work after its main title (§10.2).

    ``maintitle = {The art of computer programming}, volume = 2, title =
    {Seminumerical algorithms}`` reads ``The art of computer programming: Vol. 2.
    Seminumerical algorithms``.
    """
    title = sentence(markup, entry.title)
    if not entry.has("maintitle"):
        return title
    main = sentence(markup, entry.get("maintitle"))
    volume = rich(markup, entry.get("volume"))
    middle = markup.join([": Vol. ", volume, ". "]) if entry.has("volume") else ": "
    return markup.join([main, middle, title])


def book_title(markup: Markup, entry: Reference) -> str:
    """Return the title of the book a chapter or paper is in.

    Proceedings named for their conference keep their capitals, as the name of
    the meeting is a proper name; other book titles are in sentence case.
    """
    stored = entry.get("booktitle")
    if entry.type == "inproceedings" and _MEETING.search(stored):
        return rich(markup, stored)
    return sentence(markup, stored)
