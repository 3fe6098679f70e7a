"""Junk inside a value: stray tokens, ``pp.``, ``12(1)``, stray punctuation or spaces.

Each defect is reported once, on exactly its characters:

- a stray token after a valid page, volume or number (``pages = {72. 2}``);
  removing it is an unsafe fix, since the token may be the real page. Page
  identifiers are read whole (``C2-107``, ``05FG03``, ``W3.27``, ``64730T``,
  ``e045005``, ``161301(R)``), so the fix never cuts one;
- ``pp.`` or ``p.`` before the pages (styles add their own; the fix removes
  it, unsafe only because a safe fix never removes a letter or digit);
- an issue inside the volume (``volume = {12(1)}``): put it in ``number``
  (unsafe fix when ``number`` already says the same);
- trailing punctuation after a title, journal, book title, volume, number or
  pages (styles add their own; safe fix). ``?`` and ``!`` end titles
  legitimately, a title's final abbreviation (``Inc.``, ``U.S.``) keeps its
  period, as do a one-word title (``elem.``, an abbreviated work) and a title
  with an unclosed parenthesis, and so does a journal or book title, which may
  be abbreviated (``Personal Ubiquitous Comput.``);
- doubled spaces, or spaces at either edge of a value (safe fix), except the
  space of a control space (``\\ ``); line breaks
  inside a long value are layout, not a defect, and free-text fields
  (``abstract``, ``note``, …) are not checked for spacing;
- a space before ``:`` or ``;`` in a title (``Title : subtitle``,
  ``What is a world? : on``; safe fix: remove the space). French typography
  puts that space, so titles with ``langid``/``language`` French pass, as do
  titles with math (``$f : X$``);
- straight double quotes around words of a braced title (``in "Surface-Free"
  GaAs``): TeX prints ``"`` as a closing quote on both sides. Reported
  without a fix (write ````…''````); only quotes at word edges that pair up are
  taken for quotation marks, so ``\\"o`` and babel's ``"a`` pass;
- HTML entities (``&amp;`` → ``\\&``, ``&#233;`` → ``é``; safe fix); an entity
  for ``\\``, ``{``, ``}``, ``~`` or ``^`` is only reported, since decoding it
  would write TeX markup (``&#92;input`` → ``\\input``);
- unbalanced braces (no fix: only the author knows where the brace belongs);
- control characters (safe fix: remove them).

Only values written as one ``{…}`` or ``"…"`` literal are checked.

FAIL:
    @article{bellis2014, pages = {72. 2}}
    @article{kopta1994, pages = {pp. 1009--1016}}
    @article{kopta1994, title = {Patterns of recovery.}}

PASS:
    @article{bellis2014, pages = {72}}
    @article{kopta1994, title = {Why do patients recover?}, pages = {1009--1016}}
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from citeman import pages
from citeman.model import Entry, Field
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext

#: Fields of free prose, where doubled spaces are the author's business.
_PROSE = frozenset(
    {"abstract", "annote", "annotation", "note", "comment", "comments", "review",
     "file", "keywords", "addendum"}
)  # fmt: skip
_PUNCTUATED = frozenset({"title", "journal", "journaltitle", "booktitle"})
_NUMERIC = frozenset({"pages", "volume", "number"})
#: What :func:`check` looks for in a field, besides spaces, braces and rare
#: characters: by the role of its name (most fields have none).
_PLAIN, _PROSE_FIELD, _NUMBER_FIELD, _CONTAINER, _TITLE = range(5)
_ROLES = {
    **dict.fromkeys(_PROSE, _PROSE_FIELD),
    **dict.fromkeys(_NUMERIC, _NUMBER_FIELD),
    **dict.fromkeys(_PUNCTUATED, _CONTAINER),
    "title": _TITLE,
}
#: Final words whose period belongs to them.
_ABBREVIATIONS = frozenset(
    {"inc", "ltd", "co", "corp", "jr", "sr", "st", "al", "etc", "vs", "no", "vol",
     "ed", "eds", "dr", "mr", "mrs", "ms", "prof", "bros", "assn", "dept", "univ"}
)  # fmt: skip

#: Looked for in a whole entry: a control character, or an entity after an ``&``
#: (apart, and the entity only when there is an ``&``: an alternation of the
#: two made the regex engine try both at every character, 3x slower).
_RARE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_RARE_ENTITY = re.compile(r"&#?\w+;")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
#: Special characters an entity may stand for, as TeX escapes them.
_TEX_ESCAPES = {"&": "\\&", "%": "\\%", "$": "\\$", "#": "\\#", "_": "\\_"}
_TEX_SPECIAL = re.compile(r"[\\{}#%~$^_&]")
_URL_SPECIAL = re.compile(r"[\\{}]")
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_EDGES = re.compile(r"^[ \t]+|[ \t]+$")
_QUOTE = re.compile(r'(?<!\\)"')
_SPACE_BEFORE = re.compile(r"(?<=\S)[ \t]+(?=[:;])")
_PAGES = re.compile(rf"(?P<valid>{pages.VALID.pattern})(?P<junk>.*)", re.S)
_VOLUME = re.compile(r"(?P<valid>\d+)(?P<junk>[.,;:]+(?:\s+\S+)?)")
_PAGE_PREFIX = re.compile(r"(?:pp?\.\s*|pp\s+|pages?\s+)(?=[A-Za-z]?\d)", re.I)
_ISSUE = re.compile(r"(?P<volume>\d+)\s*\((?P<issue>[^()]+)\)")
_TRAILING = re.compile(r"[.,;:]+$")
#: A number or a range of two, in which :func:`_numeric` finds nothing.
_PLAIN_NUMBER = re.compile(r"[0-9]+(?:-{1,3}[0-9]+)?")


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each piece of junk in each delimited value."""
    # Cheap tests first, since most values have nothing to report: control
    # characters and entities are looked for once in the whole entry, which
    # holds the text of every delimited value.
    raw = entry.raw
    rare = _RARE_CONTROL.search(raw) is not None or (
        "&" in raw and _RARE_ENTITY.search(raw) is not None
    )
    for field in entry.fields.values():
        value = field.value
        if not value:
            continue
        role = _ROLES.get(field.name, _PLAIN)
        if role == _PROSE_FIELD:  # only rare characters are looked for in prose
            odd = rare
        else:
            odd = rare or "  " in value or "\t" in value or value[0] == " "
            odd = odd or value[-1] == " "
        braces = "{" in value or "}" in value
        numeric = punctuated = spaced = quoted = False
        if role == _NUMBER_FIELD:
            # A plain number or range (most volumes, numbers and pages) has
            # nothing after it.
            numeric = not (value.isdigit() and value.isascii())
            numeric = numeric and _PLAIN_NUMBER.fullmatch(value) is None
        elif role >= _CONTAINER:
            punctuated = value[-1] in ".,;:"
            if role == _TITLE:
                spaced = " :" in value or " ;" in value
                quoted = '"' in value
        if not (odd or braces or numeric or punctuated or spaced or quoted):
            continue
        if not field.is_delimited:
            continue
        if spaced:
            yield from _space_before_colon(entry, field)
        if quoted and field.raw.startswith("{"):
            yield from _straight_quotes(entry, field)
        if odd:
            yield from _spacing_and_characters(entry, field, rare)
        if braces:
            yield from _braces(entry, field)
        if numeric:
            yield from _numeric(entry, field)
        elif punctuated:
            yield from _trailing(entry, field)


def _finding(
    entry: Entry, field: Field, start: int, end: int, message: str,
    new: str | None = None, *, safe: bool = True,
) -> Finding:  # fmt: skip
    """Build a finding on ``value[start:end]``, replacing it by ``new`` if given."""
    fix = None
    if new is not None:
        old = field.value[start:end]
        fix = Fix(field.name, field.value_offset + start, old, new, safe)
    return Finding(field.span_at(start, end), message, entry.key, field.name, fix)


def _spacing_and_characters(
    entry: Entry, field: Field, rare: bool
) -> Iterator[Finding]:
    """Report control characters, HTML entities, and doubled or edge spaces.

    Control characters and entities are looked for only when the entry has
    some (``rare``): a delimited value is part of the entry's text.
    """
    value = field.value
    if not rare:
        yield from _spaces(entry, field)
        return
    for match in _CONTROL.finditer(value):
        # Between two words the character stood for a space: keep one.
        before, after = value[match.start() - 1 : match.start()], value[match.end() :]
        between = before.strip() != "" and after[:1].strip() != ""
        yield _finding(
            entry, field, match.start(), match.end(),
            f"remove the control character U+{ord(match.group(0)[0]):04X} from "
            f"{field.name}",
            " " if between else "",
        )  # fmt: skip
    for match in _ENTITY.finditer(value):
        text = html.unescape(match.group(0))
        if text == match.group(0):
            continue  # not an entity HTML knows: leave it
        # An entity standing for a TeX special (&#92; is "\\") is only reported:
        # decoding it would write live markup (\\input) that was not there.
        if field.name in ("url", "doi"):
            inert = not _URL_SPECIAL.search(text)
        else:
            text = _TEX_ESCAPES.get(text, text)
            inert = text in _TEX_ESCAPES.values() or not _TEX_SPECIAL.search(text)
        yield _finding(
            entry, field, match.start(), match.end(),
            f'write "{text}", found the HTML entity "{match.group(0)}"',
            text if inert else None,
        )  # fmt: skip
    yield from _spaces(entry, field)


def _spaces(entry: Entry, field: Field) -> Iterator[Finding]:
    """Report doubled spaces and spaces at either edge (not in prose)."""
    value = field.value
    if field.name in _PROSE:
        return
    for match in _EDGES.finditer(value):
        if match.group(0) == value:
            break
        if _is_control_space(value, match.start()):
            continue  # "\\ " is TeX's control space: the space belongs to it
        where = "start" if match.start() == 0 else "end"
        yield _finding(
            entry, field, match.start(), match.end(),
            f"remove the space at the {where} of {field.name}", "",
        )  # fmt: skip
    for match in _DOUBLE_SPACE.finditer(value):
        yield _finding(
            entry, field, match.start(), match.end(),
            f"use one space, found {len(match.group(0))} in {field.name}", " ",
        )  # fmt: skip


def _space_before_colon(entry: Entry, field: Field) -> Iterator[Finding]:
    """Report the space before a title's ``:`` or ``;`` (unless typeset French)."""
    value = field.value
    language = (entry.get("langid") + entry.get("language")).lower()
    if "$" in value or "french" in language or language.startswith("fr"):
        return
    for match in _SPACE_BEFORE.finditer(value):
        if _is_control_space(value, match.start()):
            continue
        mark = value[match.end()]
        before = value[match.start() - 1]
        stray = ""
        if before in "?!":
            stray = f' (and the "{mark}" after "{before}" is stray)'
        yield _finding(
            entry, field, match.start(), match.end(),
            f'remove the space before "{mark}" in {field.name}{stray}', "",
        )  # fmt: skip


def _straight_quotes(entry: Entry, field: Field) -> Iterator[Finding]:
    """Report ``"…"`` used as quotation marks in a braced title."""
    value = field.value
    quotes = [match.start() for match in _QUOTE.finditer(value)]
    if not quotes or len(quotes) % 2:
        return
    for opening, closing in zip(quotes[::2], quotes[1::2], strict=True):
        before, after = value[opening - 1 : opening], value[closing + 1 : closing + 2]
        if before not in ("", " ", "(", "[", "{", "~"):
            return
        if after not in ("", " ", ")", "]", "}", "~") and after not in ".,;:!?":
            return
        if " " in value[opening + 1 : opening + 2] or closing == opening + 1:
            return
    yield _finding(
        entry, field, quotes[0], quotes[-1] + 1,
        f"write ``…'' instead of straight \"…\" quotes in {field.name}; TeX "
        'prints " as a closing quote on both sides',
    )  # fmt: skip


def _is_control_space(value: str, start: int) -> bool:
    """Return whether ``value[start]`` follows an odd run of backslashes."""
    run = len(value[:start]) - len(value[:start].rstrip("\\"))
    return run % 2 == 1


def _braces(entry: Entry, field: Field) -> Iterator[Finding]:
    """Report the first brace without a partner (BibTeX needs them paired)."""
    value = field.value
    if value.count("{") == value.count("}") and value.find("}") > value.find("{"):
        return
    opened: list[int] = []
    for index, char in enumerate(value):
        if char == "\\" and value[index + 1 : index + 2] in ("{", "}"):
            continue
        if char == "{" and (index == 0 or value[index - 1] != "\\"):
            opened.append(index)
        elif char == "}" and (index == 0 or value[index - 1] != "\\"):
            if not opened:
                yield _finding(
                    entry, field, index, index + 1,
                    f'unbalanced braces in {field.name}: "}}" closes nothing',
                )  # fmt: skip
                return
            opened.pop()
    if opened:
        yield _finding(
            entry, field, opened[0], opened[0] + 1,
            f'unbalanced braces in {field.name}: "{{" is never closed',
        )  # fmt: skip


def _numeric(entry: Entry, field: Field) -> Iterator[Finding]:
    """Report ``pp.``, an issue in the volume, and junk after a page or number."""
    value = field.value.strip()
    lead = field.value.find(value[:1]) if value else 0
    if field.name == "pages":
        prefix = _PAGE_PREFIX.match(value)
        if prefix:
            yield _finding(
                entry, field, lead, lead + prefix.end(),
                f'remove "{prefix.group(0).strip()}" from pages; the style adds it',
                "", safe=False,
            )  # fmt: skip
            lead += prefix.end()
            value = value[prefix.end() :]
        match = _PAGES.fullmatch(value)
    else:
        issue = _ISSUE.fullmatch(value)
        if field.name == "volume" and issue:
            yield _issue_in_volume(entry, field, lead, issue)
            return
        match = _VOLUME.fullmatch(value)
    # Junk that starts with a letter or digit continues a word ("v|arious",
    # "C|over 3"): the value is text, not a page with something after it.
    if match is None or not match.group("junk") or match.group("junk")[0].isalnum():
        return
    valid, junk = match.group("valid"), match.group("junk")
    start = lead + match.start("junk")
    end = lead + match.end("junk")
    if _TRAILING.fullmatch(junk):
        yield _finding(
            entry, field, start, end,
            f'remove the trailing "{junk}" from {field.name}', "",
        )  # fmt: skip
        return
    # The fix deletes exactly the text the message names; the valid part ends
    # at a character that cannot continue an identifier, so none is cut.
    yield _finding(
        entry, field, start, end,
        f'remove the stray "{junk}" after {field.name} "{valid}"',
        "", safe=False,
    )  # fmt: skip


def _issue_in_volume(
    entry: Entry, field: Field, lead: int, issue: re.Match[str]
) -> Finding:
    """Report ``12(1)``; the fix drops ``(1)`` only when ``number`` says 1 already."""
    start = lead + issue.end("volume")
    end = lead + issue.end()
    same = entry.get("number").strip() == issue.group("issue").strip()
    return _finding(
        entry, field, start, end,
        f'put the issue "{issue.group("issue")}" in number, found '
        f'"{issue.group(0)}" in volume',
        "" if same else None, safe=False,
    )  # fmt: skip


def _trailing(entry: Entry, field: Field) -> Iterator[Finding]:
    """Report a title or journal ending in ``.``, ``,``, ``;`` or ``:``."""
    value = field.value.rstrip()
    match = _TRAILING.search(value)
    if match is None or (match.group(0) == ";" and _ENTITY.search(value[-12:])):
        return
    if match.group(0) == "...":
        return  # an ellipsis ends a title as "?" does
    if match.group(0) == "." and _keeps_period(field.name, value):
        return
    yield _finding(
        entry, field, match.start(), match.end(),
        f'remove the trailing "{match.group(0)}" from {field.name}; the style'
        " adds its own punctuation", "",
    )  # fmt: skip


def _keeps_period(name: str, value: str) -> bool:
    """Return whether the final period may belong to an abbreviation.

    A journal or book title ending in a period is taken for an abbreviated name
    (``Personal Ubiquitous Comput.``): only its own word list could tell.
    """
    if name != "title":
        return True
    words = value.split()
    if len(words) == 1 or value.count("(") != value.count(")"):
        # A one-word title ending in a period is an abbreviated work title
        # (``elem.``, ``Dion.``); with a parenthesis left open the text is cut
        # off, and dropping the period would hide that.
        return True
    last = words[-1].rstrip(".").strip("{}()").lower()
    return last in _ABBREVIATIONS or "." in last or len(last) == 1


RULE = EntryRule(
    code="CM201",
    name="stray-characters",
    summary="junk inside a value: a stray token after a page, volume or number, pp., "
    "12(1) in volume, trailing punctuation, doubled or edge spaces, HTML entities, "
    "unbalanced braces, control characters",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes="trailing punctuation, spaces, HTML entities and control characters "
    "removed or replaced (safe); pp. and a stray token removed (unsafe)",
    check=check,
)
