"""The place of publication inside ``publisher``: ``Durham : Duke University Press``.

Library catalogues and Mendeley write a book's imprint whole, "Place :
Publisher". BibTeX styles print ``publisher`` as it is and ``address``
besides, so the place shows up twice or in the wrong spot, and APA 7 prints
no place at all. The part before the first colon is taken for a place when it
looks like one: at most four places separated by ``;`` or ``,``, each a few
capitalised words or abbreviations (``Cambridge, Mass.``, ``Newcastle upon
Tyne``, ``N.J.``), no digits. A publisher braced whole (``{AVS: Science \\&
Technology}``) is a name with a colon in it and passes. No fix: the place is
data to move to ``address``, not to drop.

FAIL:
    @book{a, publisher = {Durham; London : Duke University Press}}

PASS:
    @book{a, publisher = {Duke University Press}, address = {Durham}}
    @book{b, publisher = {{AVS: Science \\& Technology of Materials}}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext

_IMPRINT = re.compile(r"(?P<place>[^:{}\\]+?)\s*:\s*(?P<publisher>\S.*)", re.DOTALL)
#: One word of a place name: capitalised, an abbreviation, or a small linking word.
_WORD = re.compile(r"[A-Z][\w.'’-]*|etc\.?|upon|on|am|an|der|de|la|le|sur|del")
_MAX_PLACES = 4
_MAX_WORDS = 4


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding when ``publisher`` starts with a place and a colon."""
    field = entry.fields.get("publisher")
    if field is None or not field.is_delimited:
        return
    value = " ".join(field.value.split())
    found = _IMPRINT.fullmatch(value)
    if found is None or not _is_place(found["place"]):
        return
    place, publisher = found["place"], found["publisher"]
    yield Finding(
        field.span,
        f'the place "{place}" is inside publisher; write publisher = {{{publisher}}} '
        "and the place in address (APA 7 prints no place)",
        entry.key,
        "publisher",
    )


def _is_place(text: str) -> bool:
    """Return whether ``text`` reads as a list of places (``Durham; London``)."""
    places = [part.strip() for part in re.split(r"[;,]", text)]
    if not places or len(places) > _MAX_PLACES or any(c.isdigit() for c in text):
        return False
    for place in places:
        words = place.split()
        if not words or len(words) > _MAX_WORDS:
            return False
        if not all(_WORD.fullmatch(word) for word in words):
            return False
    return True


RULE = EntryRule(
    code="CM213",
    name="place-in-publisher",
    summary='the place of publication inside publisher ("Durham; London : Duke '
    'University Press")',
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
