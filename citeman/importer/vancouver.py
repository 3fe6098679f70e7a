"""Read one Vancouver (ICMJE) reference: ``Authors. Title. Source.`` and its link.

The reference is cut into elements (:mod:`citeman.importer.elements`); the
source is recognised from the end (:mod:`citeman.importer.vancouver_source`),
the title is what stands between the author element and the source. Names are
``Family AB`` (initials without periods), up to six and then ``et al.``; an
author element ending in ``, editor(s).`` names the editors of a book.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeman.importer import elements, escape, tail, vancouver_source
from citeman.importer.apa import unreadable
from citeman.importer.record import Draft, Reading
from citeman.importer.vancouver_names import NAME as _NAME
from citeman.importer.vancouver_names import names_of

#: A year as Vancouver prints it (used to tell a reference from prose).
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_AUTHORS_END = re.compile(r"(?:[\w'’-] [A-Z]{1,4}|et al|editors?)\. ")
_ROLE = re.compile(r",? editors?\.?$")
_DESCRIPTION = re.compile(r"\s*\[(?P<description>[^\[\]]+)\]$")


def read(
    text: str, italics: Sequence[tuple[int, int]] = (), rich: bool = False
) -> Reading:
    """Return the reading of one Vancouver reference."""
    draft = Draft()
    end = tail.read(draft, _without_available(text), len(text))
    spans = split(text, end)
    first = vancouver_source.read(draft, text, spans)
    if first < 1:
        return unreadable(text, "a Vancouver reference has a title and a source")
    title_from = 1 if first >= 2 else 0
    if title_from:
        _authors(draft, text, spans[0])
    _title(draft, text, spans[title_from][0], spans[first - 1][1])
    vancouver_source.settle(draft)
    return draft.finish()


def split(text: str, end: int) -> list[tuple[int, int]]:
    """Return the (start, end) of each element of ``text[:end]``, final mark included.

    The author element ends at the first ``Family AB.``, ``et al.`` or
    ``editor(s).`` when every name before it reads as a Vancouver name (initials
    without periods do not end an element elsewhere); else, a group author, at
    the first element end.
    """
    first = _AUTHORS_END.search(text, 0, end)
    if first is not None and all(
        _NAME.fullmatch(part) or part in ("et al", "editor", "editors")
        for part in text[: first.end() - 2].split(", ")
    ):
        return [(0, first.end() - 1), *_spans(text, first.end(), end)]
    return _spans(text, 0, end)


def _spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for stop in [*elements.ends(text, start, end), end]:
        while start < stop and text[start].isspace():
            start += 1
        if start < stop:
            spans.append((start, stop))
        start = stop
    return spans


def _without_available(text: str) -> str:
    """Return ``text`` with "Available from:" blanked, so the link reads as a tail."""
    return text.replace("Available from: ", " " * len("Available from: "))


def _authors(draft: Draft, text: str, span: tuple[int, int]) -> None:
    """Read the author element; ``…, editor(s).`` makes them the book's editors."""
    written = text[span[0] : span[1]]
    role = _ROLE.search(written)
    names = names_of(written[: role.start()] if role else written)
    draft.put("editor" if role else "author", " and ".join(names), *span)


def _title(draft: Draft, text: str, start: int, end: int) -> None:
    """Read the title element and its bracketed description (``[Video]``)."""
    written = text[start:end].rstrip(".")
    described = _DESCRIPTION.search(written)
    if described:
        draft.put("type", escape.latex(described["description"]),
                  start + described.start("description"),
                  start + described.end("description"))  # fmt: skip
        written = written[: described.start()]
    draft.put("title", escape.title(written), start, start + len(written))
