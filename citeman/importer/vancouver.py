"""Read one Vancouver (ICMJE) reference: ``Authors. Title. Journal. Year;Vol:Pages.``

Names are ``Family AB`` (initials without periods), up to six and then ``et
al.``; a book is ``Authors. Title. Edition. Place: Publisher; Year.``
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeman.importer import details, escape, tail
from citeman.importer.apa import unreadable
from citeman.importer.record import Draft, Reading

YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_JOURNAL = re.compile(
    r"(?P<journal>[^.]+(?:\.[^.;\d]+)*?)\.? (?P<year>\d{4})"
    r"(?: [A-Z][a-z]{2}(?: \d{1,2})?)?"
    r";(?P<volume>[^(:;]+)?(?:\((?P<number>[^)]+)\))?(?::(?P<pages>.+?))?\.?$"
)
_BOOK = re.compile(
    r"(?:(?P<place>[^:;]+): )?"
    r"(?P<publisher>[^;]+); (?P<year>\d{4})\.?$"
)
_NAME = re.compile(r"(?P<family>[^\W\d_][\w'’ -]*?) (?P<initials>[A-Z]{1,4})$")


def read(
    text: str, italics: Sequence[tuple[int, int]] = (), rich: bool = False
) -> Reading:
    """Return the reading of one Vancouver reference."""
    draft = Draft()
    end = tail.read(draft, text, len(text))
    parts = [part.strip() for part in text[:end].split(". ", 2)]
    if len(parts) < 3:
        return unreadable(text, "a Vancouver reference has authors, title and source")
    authors, title, source = parts
    names = _names(authors)
    if names:
        draft.put("author", " and ".join(names), 0, len(authors))
    else:
        draft.trouble(text, 0, len(authors), "no author could be read")
    start = text.find(title)
    draft.put("title", escape.latex(title.rstrip(".")), start, start + len(title))
    begin = text.find(source, start + len(title))
    _source(draft, text, source.rstrip("."), begin)
    return draft.finish()


def _names(authors: str) -> list[str]:
    names = []
    for part in authors.rstrip(".").split(", "):
        if part.strip() == "et al":
            names.append("others")
            continue
        found = _NAME.match(part.strip())
        if found is None:
            names.append("{" + escape.latex(part.strip()) + "}")
            continue
        initials = " ".join(f"{letter}." for letter in found["initials"])
        names.append(f"{escape.latex(found['family'])}, {initials}")
    return names


def _source(draft: Draft, text: str, source: str, begin: int) -> None:
    if found := _JOURNAL.match(source):
        draft.type = "article"
        for name in ("journal", "year", "volume", "number", "pages"):
            if found[name]:
                value = found[name].strip()
                if name == "pages":
                    value = details.dashed(value)
                draft.put(name, escape.latex(value), begin + found.start(name),
                          begin + found.end(name))  # fmt: skip
    elif found := _BOOK.match(source):
        draft.type = "book"
        for name, field in (("publisher", "publisher"), ("year", "year"),
                            ("place", "address")):  # fmt: skip
            if found[name]:
                value = escape.latex(found[name].strip())
                draft.put(
                    field, value, begin + found.start(name), begin + found.end(name)
                )
    else:
        year = YEAR.search(source)
        if year:
            draft.put("year", year.group(), begin + year.start(), begin + year.end())
        message = "source not in a Vancouver form"
        draft.trouble(text, begin, begin + len(source), message)
