"""Formatting decisions any style needs, as plain functions that templates call.

Each filter takes field values as stored (braces kept, LaTeX not decoded) or
the objects of :mod:`citeman.render.reference`, and returns plain text (escaped
later, once) or a :class:`~citeman.render.markup.Safe` piece built by the
output format's :class:`~citeman.render.markup.Markup`. Filters that need the
format take it as their first argument; :func:`bind` fills it in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import partial

from citeman import doi as doi_module
from citeman import text as text_module
from citeman.latex import to_text
from citeman.render import dates, library_case, pages
from citeman.render.markup import Markup, Safe, plain_of
from citeman.render.reference import Reference
from citeman.render.rich import rich
from citeman.title_language import looks_foreign

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_TERMINAL = (".", "?", "!")


def sentence(markup: Markup, value: str) -> str:
    """Return a stored title in sentence case, decoded; braced words keep their case.

    The library being rendered tells which capitalised words are its proper
    nouns and which are common words (:mod:`citeman.render.library_case`).

    >>> from citeman.render.markup import TEXT
    >>> sentence(TEXT, "The Emerging Evidence for {DNA}: A Review")
    'The emerging evidence for DNA: A review'
    """
    # What an English library tells of its words is no guide to a Latin,
    # German or French title.
    casing = text_module.NO_CASING if looks_foreign(value) else library_case.current()
    return rich(markup, text_module.to_sentence_case(value, casing))


def terminate(piece: str, mark: str = ".") -> str:
    """Return ``piece`` ending with ``mark``, unless it ends with . ? or ! already.

    Trailing spaces go first, so that the mark never stands apart from the
    text (``{$ \\Omega_2 $}`` decodes to ``Ω₂ ``).

    >>> terminate("Lowey, H."), terminate("Study Group"), terminate('"Dr. House."')
    ('Lowey, H.', 'Study Group.', '"Dr. House."')
    >>> terminate("Surgery in Ω₂ ")
    'Surgery in Ω₂.'
    """
    if piece[-1:].isspace():
        piece = (
            Safe(piece.rstrip(), piece.plain.rstrip())
            if isinstance(piece, Safe)
            else piece.rstrip()
        )
    shown = plain_of(piece)
    if not shown or shown.rstrip("\"'”’").endswith(_TERMINAL):
        return piece
    if isinstance(piece, Safe):
        return Safe(str.__add__(piece, mark), shown + mark)
    return piece + mark


def italic(markup: Markup, piece: str) -> Safe:
    """Return ``piece`` in italics."""
    return markup.italic(piece)


def bracket(markup: Markup, piece: str) -> Safe:
    """Return ``[piece]`` (a description such as ``[Data set]``), or nothing."""
    if not plain_of(piece):
        return Safe("", "")
    return markup.join(["[", piece, "]"])


def join(markup: Markup, pieces: Iterable[str], separator: str = "") -> Safe:
    """Join ``pieces``, escaping each once (replaces Jinja's ``join``)."""
    return markup.join(list(pieces), separator)


def element(
    markup: Markup, pieces: Iterable[str], separator: str = " ", end: str = "."
) -> Safe:
    """Return the non-empty ``pieces`` joined by ``separator``, ending with ``end``.

    This is a reference's element (``*Title* (2nd ed.) [Data set].``): the end
    mark is not doubled after a title that ends with ``?``, ``!`` or ``.``.

    >>> from citeman.render.markup import TEXT
    >>> str(element(TEXT, ["Title", "", "(2nd ed.)"])), str(element(TEXT, ["Why?"]))
    ('Title (2nd ed.).', 'Why?')
    """
    joined = markup.join([piece for piece in pieces if plain_of(piece)], separator)
    return terminate(joined, end) if end else joined  # type: ignore[return-value]


def ordinal(number: int) -> str:
    """Return ``1st``, ``2nd``, ``3rd``, ``11th``, ``22nd``.

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']
    """
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def edition(value: str) -> str:
    """Return an edition as APA and most styles abbreviate it, or "".

    >>> edition("2"), edition("second"), edition("3rd"), edition("Revised")
    ('2nd ed.', '2nd ed.', '3rd ed.', 'Revised ed.')
    >>> edition("1"), edition("2nd ed.")
    ('', '2nd ed.')
    """
    shown = to_text(value).strip().rstrip(".")
    found = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?(?:\s+ed(?:ition)?)?", shown, re.I)
    number = int(found.group(1)) if found else _ORDINAL_WORDS.get(shown.lower())
    if number == 1 or not shown:
        return ""
    if number:
        return f"{ordinal(number)} ed."
    if re.search(r"\bed(ition)?$", shown, re.IGNORECASE):
        return re.sub(r"\bedition$", "ed", shown, flags=re.IGNORECASE) + "."
    return f"{shown} ed."


def doi_link(markup: Markup, value: str) -> Safe:
    """Return a stored DOI (bare, ``doi:`` or a URL) as an ``https://doi.org/`` link.

    The DOI is shown as registered; only the link's address is percent-encoded
    (APA 9.35: ``https://doi.org/10.1175/1520-0477(1996)077<0437:TNYRP>2.0.CO;2``).
    """
    if not value.strip():
        return Safe("", "")
    stored = to_text(value)
    url = doi_module.to_url(stored)
    bare = doi_module.normalise(stored)
    shown = f"https://doi.org/{bare}" if bare else url
    # Markdown keeps its autolink (<https://…>), which readers and ``citeman
    # import`` take for the DOI itself.
    if shown == url or markup.autolink_template:
        return markup.link(url)
    return markup.link(url, shown)


def link(markup: Markup, url: str) -> Safe:
    """Return ``url`` (verbatim, as ``entry.url`` gives it) as a link."""
    return markup.link(url.strip()) if url.strip() else Safe("", "")


def doi_or_url(markup: Markup, entry: Reference) -> Safe:
    """Return the DOI link if the entry has a DOI, else its URL, else nothing."""
    return doi_link(markup, entry.doi) if entry.doi else link(markup, entry.url)


#: Filters that need the output format as their first argument.
_WITH_MARKUP: Mapping[str, Callable[..., object]] = {
    "text": rich,
    "sentence": sentence,
    "italic": italic,
    "bracket": bracket,
    "join": join,
    "element": element,
    "pages": pages.pages,
    "page_span": pages.page_span,
    "article_locator": pages.article_locator,
    "date": dates.date,
    "doi_link": doi_link,
    "link": link,
    "doi_or_url": doi_or_url,
}
_PLAIN: Mapping[str, Callable[..., object]] = {
    "terminate": terminate,
    "e_locator": pages.e_locator,
    "ordinal": ordinal,
    "edition": edition,
}


def bind(markup: Markup) -> dict[str, Callable[..., object]]:
    """Return every general filter by name, bound to ``markup``."""
    bound: dict[str, Callable[..., object]] = dict(_PLAIN)
    bound.update({name: partial(f, markup) for name, f in _WITH_MARKUP.items()})
    return bound
