"""Read the source element of an APA reference and decide the entry type.

The shapes are APA 7's (§10.1–10.16): ``Journal, 12(3), 45–67.`` is an
article; ``In E. Editor (Ed.), Book (pp. 1–9). Publisher.`` a chapter; a
bracketed description names theses, data sets, software, presentations,
preprints and other media; a report number makes a report; otherwise a
publisher makes a book, or a report when it is an institution, and a
dated page without one is a web page. Italics, where the document has them,
tell a journal (italic source) from a book (italic title).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeman.importer import details, elements, escape, people
from citeman.importer.record import Draft, Title
from citeman.text import is_title_case

_ARTICLE = re.compile(
    r"(?P<journal>[^,]+(?:, (?!\d)[^,]+)*?), (?P<volume>[A-Za-z]?\d[\w.–-]*|[ivxlcdm]+)"
    r"(?:\((?P<number>[^()]+)\))?(?:, (?P<where>.+?))?\.?$"
)
_CHAPTER_EDITORS = re.compile(r"(?P<names>.+?) \((?P<role>Eds?)\.\), ")
_PROCEEDINGS = re.compile(r"Proceedings|Conference|Symposium|Congress|Workshop", re.I)
_INSTITUTION = re.compile(
    r"Institute|Council|Department|Agency|Organi[sz]ation|Office|Centre|Center|"
    r"Bureau|Ministry|Government|Commission|Foundation|Digital|NHS|Service|"
    r"Authority|Board|Unit|Association of|Trust\b",
)
_JOURNAL = re.compile(
    r"Journal|Review|Bulletin|Quarterly|Annals|Letters|Science|Medicine|Lancet|"
    r"Psychiatry|Psychology|Research|Reports|Times|News|Post|Magazine|Gazette",
)
_THESIS = re.compile(
    r"(doctoral dissertation|master['’]s thesis)(?:, (.+))?$", re.IGNORECASE
)
_PRESENTATION = re.compile(r"presentation|session|poster|keynote|symposium|talk|paper")
Italics = Sequence[tuple[int, int]]


def read(
    draft: Draft,
    text: str,
    start: int,
    end: int,
    title: Title,
    italics: Italics,
    rich: bool,
) -> None:
    """Read ``text[start:end]`` as the source element and set ``draft.type``."""
    begin = start + len(text[start:end]) - len(text[start:end].lstrip())
    finish = len(text[:end].rstrip())
    where = text[begin:finish]
    description = title.description.strip()
    if where.startswith("In "):
        _chapter(draft, text, begin + 3, finish, italics)
    elif description:
        _described(draft, text, begin, finish, description)
    elif "number" in draft.fields and "pages" not in draft.fields:
        draft.type = "techreport"
        _publisher(draft, text, begin, finish, "institution")
        if draft.fields.get("type") == "Report":
            del draft.fields["type"]
    elif (article := _ARTICLE.match(where)) and not title.italic:
        _article(draft, begin, article)
    else:
        _plain(draft, text, begin, finish, title, italics, rich)


def is_article(where: str) -> bool:
    """Return whether ``where`` reads as a journal source with a volume."""
    return _ARTICLE.match(where) is not None


def _article(draft: Draft, begin: int, found: re.Match[str]) -> None:
    draft.type = "article"
    for name in ("journal", "volume", "number"):
        if found[name]:
            draft.put(name, escape.latex(found[name]), begin + found.start(name),
                      begin + found.end(name))  # fmt: skip
    where = found["where"]
    if where:
        span = (begin + found.start("where"), begin + found.end("where"))
        if where.startswith("Article "):
            draft.put("eid", escape.latex(where[8:]), span[0] + 8, span[1])
        elif where.startswith(("pp. ", "p. ")):
            # APA prints no "pp." in a journal reference (CM601 says so).
            skip = where.index(" ") + 1
            pages = details.dashed(where[skip:])
            draft.put("pages", escape.latex(pages), span[0] + skip, span[1])
        else:
            draft.put("pages", escape.latex(details.dashed(where)), *span)
    _mark_dated(draft, "volume" in draft.fields)


def _mark_dated(draft: Draft, has_volume: bool) -> None:
    """An article dated to the month is a magazine's (or, without volume, a paper's)."""
    if "-" in draft.fields.get("date", ""):
        draft.fields["entrysubtype"] = "magazine" if has_volume else "newspaper"


def _chapter(draft: Draft, text: str, begin: int, end: int, italics: Italics) -> None:
    """Read ``In Editors (Eds.), Book (details). Publisher``."""
    editors = _CHAPTER_EDITORS.match(text, begin, end)
    if editors:
        names = people.direct(editors["names"])
        draft.put("editor", " and ".join(names), begin, editors.end("names"))
        begin = editors.end()
    stops = elements.ends(text, begin, end)
    if not stops or stops[-1] < end:
        stops.append(end)
    italic_end = next((b for a, b in italics if a == begin), None)
    if italic_end is not None:
        book_end = next((stop for stop in stops if stop >= italic_end), end)
    else:
        book_end = stops[-2] if len(stops) > 1 else stops[-1]
    _book_title(draft, text, begin, book_end)
    if book_end < end:
        _publisher(draft, text, book_end, end, "publisher")
    in_proceedings = _PROCEEDINGS.search(draft.fields.get("booktitle", ""))
    draft.type = "inproceedings" if in_proceedings else "incollection"


def _book_title(draft: Draft, text: str, begin: int, end: int) -> None:
    """Read the book title of a chapter with its parenthetical (pages, edition)."""
    stop = len(text[:end].rstrip())
    if text[stop - 1 : stop] == ".":
        stop -= 1
    stop = details.take(draft, text, begin, stop)
    # A book title in Title Case is a name (a conference's): braced whole.
    book = text[begin:stop]
    value = escape.latex(book)
    value = "{" + value + "}" if is_title_case(value) else escape.title(book)
    draft.put("booktitle", value, begin, stop)


def _described(draft: Draft, text: str, begin: int, end: int, described: str) -> None:
    """Decide the type from a bracketed description (§10.6–10.16)."""
    kind = described.lower()
    thesis = _THESIS.match(described)
    if thesis and thesis[2]:
        draft.type = "phdthesis" if kind.startswith("doctoral") else "mastersthesis"
        span = draft.spans.get("type", (begin, end))
        draft.put("school", escape.latex(thesis[2]), span[0] + thesis.start(2), span[1])
        _publisher(draft, text, begin, end, "publisher")
        draft.fields.pop("type", None)
        return
    field = "publisher"
    if "dissertation" in kind or "thesis" in kind:
        draft.type, field = "thesis", "school"
    elif kind == "data set":
        draft.type = "dataset"
    elif kind == "computer software":
        draft.type = "software"
    elif kind == "preprint":
        draft.type, field = "online", "organization"
        draft.fields["pubstate"] = "preprint"
    elif kind == "unpublished manuscript" or "manuscript" in kind:
        draft.type, field = "unpublished", "institution"
    elif _PRESENTATION.search(kind):
        draft.type = "unpublished"
        _event(draft, text, begin, end)
        field = ""
    else:
        draft.type, field = "misc", "organization"
    if kind not in ("data set", "computer software", "preprint", "paper presentation",
                    "unpublished manuscript"):  # fmt: skip
        draft.put("type", escape.latex(described), *draft.spans.get("type", (0, 0)))
    if field:
        _publisher(draft, text, begin, end, field)


def _event(draft: Draft, text: str, begin: int, end: int) -> None:
    """Read a presentation's ``Event, Venue.``."""
    where = text[begin:end].rstrip(".")
    event, _, venue = where.partition(", ")
    draft.put("eventtitle", escape.latex(event), begin, begin + len(event))
    if venue:
        draft.put(
            "venue", escape.latex(venue), begin + len(event) + 2, begin + len(where)
        )


def _plain(
    draft: Draft,
    text: str,
    begin: int,
    end: int,
    title: Title,
    italics: Italics,
    rich: bool,
) -> None:
    """Decide between book, report, web page and article by what is left."""
    where = text[begin:end].rstrip(".")
    source_italic = any(a <= begin < b for a, b in italics)
    dated = "-" in draft.fields.get("date", "")
    journal_like = (source_italic if rich else bool(_JOURNAL.search(where))) and where
    if journal_like and not title.italic:
        draft.type = "article"
        draft.put("journal", escape.latex(where), begin, begin + len(where))
        _mark_dated(draft, False)
        return
    if dated or not where:
        draft.type = "online"
        _publisher(draft, text, begin, end, "organization")
        draft.doubt += 0.1 if not rich else 0.0
        return
    if (
        "editor" in draft.fields
        or {"edition", "volume", "translator"} & draft.fields.keys()
    ):
        draft.type = "book"
    elif _INSTITUTION.search(where):
        draft.type = "techreport"
    else:
        draft.type = "book"
    draft.doubt += 0.1 if not rich else 0.0
    field = "institution" if draft.type == "techreport" else "publisher"
    _publisher(draft, text, begin, end, field)


def _publisher(draft: Draft, text: str, begin: int, end: int, field: str) -> None:
    """Put the rest in ``field``: one element, or two (site, then host)."""
    where = text[begin:end].strip()
    start = begin + len(text[begin:end]) - len(text[begin:end].lstrip())
    if not where:
        return
    stops = elements.ends(text, start, start + len(where))
    if len(stops) > 1 and field == "organization":
        first = text[start : stops[0]].rstrip(".")
        draft.put("howpublished", escape.latex(first), start, stops[0])
        start = stops[0] + 1
        where = text[start : begin + len(text[begin:end].rstrip())]
    elif len(stops) > 1:
        draft.trouble(text, start, stops[-2], "more than one element after the title")
        start = stops[-2] + 1
        where = text[start : begin + len(text[begin:end].rstrip())]
    value = where.strip().removesuffix(".")
    draft.put(field, escape.latex(value), start, start + len(value))
