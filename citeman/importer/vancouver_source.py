"""Read the source of a Vancouver reference, from its last element backwards.

The forms are those of citeman's Vancouver templates (NLM *Citing Medicine*):
``Journal. Year;Vol(No):Pages.``, ``Journal. in press.``, ``In: Editor AB,
editor. Book. Place: Publisher; Year. p. x-y.``, ``Edition. Place: Publisher;
Year.`` and a bare ``Year.``. Reports, theses, web pages and software all print
as ``Publisher; Year``, so their entry type is settled from the title's
bracketed description and the link (:func:`settle`), not from the source.
"""

from __future__ import annotations

import re

from citeman import text as text_module
from citeman.importer import details, escape
from citeman.importer.record import Draft
from citeman.importer.vancouver_names import names_of

Spans = list[tuple[int, int]]
_YEAR = r"(?P<year>\d{4}[a-z]?|in press|date unknown)"
_DATED = re.compile(
    rf"{_YEAR}(?: [A-Z][a-z]{{2}}(?: \d{{1,2}})?)?"
    r"(?P<issue>;(?P<volume>[^(:;]+?)?(?:\((?P<number>[^)]+)\))?(?::(?P<pages>.+?))?)?"
    r"\.?$"
)
_PUBLISHED = re.compile(
    r"(?:(?P<edition>[^.;:]+? ed\.) )?"
    rf"(?:(?P<address>[^:;]+): )?(?P<publisher>.*); {_YEAR}\.?$"
)
_PAGES = re.compile(r"p\. (?P<pages>.+?)\.?$")
_IN = "In: "
_EDITORS = re.compile(r",? editors?\.$")
_THESIS = re.compile(r"dissertation|thesis", re.I)


def read(draft: Draft, text: str, spans: Spans) -> int:
    """Put the source's fields in ``draft``; return the index of its first element."""
    if not spans:
        return 0
    chapter = next(
        (i for i, span in enumerate(spans) if i and text.startswith(_IN, span[0])),
        None,
    )
    if chapter is not None:
        return _chapter(draft, text, spans, chapter)
    start, end = spans[-1]
    if len(spans) >= 2 and (found := _PUBLISHED.match(text, start, end)):
        _edition(draft, found)
        _put(draft, found, ("address", "publisher", "year"))
        return len(spans) - 1
    date = _date(text, spans)
    if date is None:
        draft.trouble(text, start, end, "source not in a Vancouver form")
        return len(spans) - 1
    at, dated = date
    if at >= 3 or (dated["issue"] and at >= 2):
        draft.type = "article"
        journal = text[spans[at - 1][0] : spans[at - 1][1]].rstrip(".")
        draft.put("journal", escape.latex(journal), *spans[at - 1])
        _put(draft, dated, ("year", "volume", "number", "pages"))
        return at - 1
    _put(draft, dated, ("year",))
    return at


def _date(text: str, spans: Spans) -> tuple[int, re.Match[str]] | None:
    """Return the first element of ``Year;Vol(No):Pages.`` and its match.

    The pages may hold an element end of their own (``72. 2`` as written).
    """
    for at in range(len(spans) - 1, max(len(spans) - 3, 0) - 1, -1):
        found = _DATED.match(text, spans[at][0], spans[-1][1])
        if found and (at == len(spans) - 1 or found["pages"]):
            return at, found
    return None


def settle(draft: Draft) -> None:
    """Choose the entry type of a ``Publisher; Year`` source and name its fields."""
    if draft.type != "misc" or "publisher" not in draft.fields:
        return
    description = draft.fields.get("type", "")
    if _THESIS.search(description):
        draft.type = (
            "phdthesis" if "doctoral" in description.lower() else "mastersthesis"
        )
        _rename(draft, "publisher", "school")
    elif description or ("url" in draft.fields and not _is_book(draft)):
        draft.type = "misc" if description else "online"
        _rename(draft, "publisher", "organization")
    else:
        draft.type = "book"


def _is_book(draft: Draft) -> bool:
    return any(name in draft.fields for name in ("edition", "address", "editor", "doi"))


def _rename(draft: Draft, old: str, new: str) -> None:
    draft.put(new, draft.fields.pop(old), *draft.spans.pop(old))


def _put(draft: Draft, found: re.Match[str], names: tuple[str, ...]) -> None:
    """Put each named group of ``found`` (years "date unknown" left out)."""
    for name in names:
        value = (found[name] or "").strip()
        if not value or value == "date unknown":
            continue
        value = details.dashed(value) if name == "pages" else escape.latex(value)
        draft.put(name, value, found.start(name), found.end(name))


def _edition(draft: Draft, found: re.Match[str]) -> None:
    """Read the ``2nd ed.`` that may open a ``Place: Publisher; Year`` element."""
    if not found["edition"]:
        return
    for piece in details.read(found["edition"], found.start("edition")):
        if piece.name == "edition":
            draft.put("edition", piece.value, piece.start, piece.end)
        else:
            draft.trouble(found.string, piece.start, piece.end, "not an edition")


def _chapter(draft: Draft, text: str, spans: Spans, first: int) -> int:
    """Read ``In: Editors, editor(s). Book. Place: Publisher; Year. p. x-y.``."""
    draft.type = "incollection"
    last = len(spans) - 1
    pages = _PAGES.match(text, *spans[last])
    if pages and last > first:
        _put(draft, pages, ("pages",))
        last -= 1
    start = spans[first][0] + len(_IN)
    published = _PUBLISHED.match(text, *spans[last]) if last > first else None
    if last == first and (alone := _PUBLISHED.match(text, start, spans[last][1])):
        # ``In: Publisher; Year.``: a chapter of a book without a title.
        _put(draft, alone, ("address", "publisher", "year"))
        return first
    if published:
        _put(draft, published, ("address", "publisher", "year"))
    else:
        last += 1
    book_from = first
    role = _EDITORS.search(text, start, spans[first][1])
    if role and first + 1 < last:
        names = names_of(text[start : role.start()])
        draft.put("editor", " and ".join(names), start, role.start())
        book_from += 1
        start = spans[book_from][0]
    end = spans[last - 1][1]
    booktitle = escape.title(text[start:end].rstrip("."))
    if text_module.is_title_case(booktitle):
        # A proceedings' name in Title Case is a name: kept as written.
        booktitle = "{" + booktitle + "}"
    draft.put("booktitle", booktitle, start, end)
    return first
