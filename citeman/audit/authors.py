"""Read the author part of an author–date citation: "Kopta et al.", "A & B", a group.

The part is read from its right end, name by name, because what precedes the
names (a prefix such as "e.g.," inside parentheses, or the rest of the sentence
before a narrative citation) can be anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeman.authordate.keys import is_lead
from citeman.latex import to_text

_SEPARATOR = re.compile(r"\s*,\s*(?:&|and)\s+|\s+(?:&|and)\s+|\s*,\s*")
_ET_AL = re.compile(r"(,?)\s+et\s+al(?:\.|\b)\s*$")
_ABBREVIATION = re.compile(r"\s*\[([^\[\]\s]{2,15})\]\s*$")
_GROUP_FORBIDDEN = re.compile(r"[\d,;=<>%$#@*/|+]")
_NAME_PUNCTUATION = frozenset("-'’")
_WORD = re.compile(r"\S+")
#: Capitalised words that open sentences far more often than they name authors.
_NOT_NAMES = frozenset({
    "A", "An", "And", "As", "At", "After", "Also", "Before", "Between", "But", "By",
    "Chapter", "Data", "During", "Each", "Equation", "Figure", "For", "From",
    "However", "If", "In", "Its", "Our", "Phase", "Recently", "Results", "Section",
    "See", "Since", "Study", "Table", "The", "Their", "Then", "These", "This",
    "Those", "Thus", "Until", "We", "When", "While", "With", "Year", "January",
    "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Spring", "Summer", "Autumn", "Fall",
    "Winter",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Authors:
    """The names of a citation and where in the read text they start."""

    start: int
    names: tuple[str, ...]
    et_al: bool
    connector: str
    abbreviation: str
    is_group: bool


def read(head: str, *, narrative: bool) -> Authors | None:
    """Return the names that end ``head``, or None when it ends in no name.

    Inside parentheses (``narrative`` false) whatever precedes the names must be
    a prefix such as "e.g.," or "see also", else the part is read as a group
    author ("World Health Organization") or not as a citation at all.
    """
    abbreviation = ""
    found = _ABBREVIATION.search(head)
    if found:
        abbreviation, head = found.group(1), head[: found.start()]
    et_al = _ET_AL.search(head)
    body = head[: et_al.start()] if et_al else head
    people = _people(body, narrative=narrative, comma_et_al=bool(et_al and et_al[1]))
    if people is not None:
        start, names, connector = people
        if narrative or _is_prefix(head[:start]):
            return Authors(start, names, bool(et_al), connector, abbreviation, False)
    if narrative or et_al:
        return None
    return _group(head, abbreviation)


def _people(
    body: str, *, narrative: bool, comma_et_al: bool
) -> tuple[int, tuple[str, ...], str] | None:
    """Read person names from the right: ``(start, names, connector)``."""
    cuts = [(m.start(), m.end()) for m in _SEPARATOR.finditer(body)]
    bounds = [0, *(end for _, end in cuts)]
    ends = [*(start for start, _ in cuts), len(body)]
    names: list[tuple[int, str]] = []
    for index in reversed(range(len(bounds))):
        token = body[bounds[index] : ends[index]]
        if is_name(token, narrative=narrative):
            lead = len(token) - len(token.lstrip())
            names.insert(0, (bounds[index] + lead, token.strip()))
            continue
        tail = _trailing_name(token, narrative=narrative)
        if tail is not None:
            names.insert(0, (bounds[index] + tail, token[tail:].strip()))
        break
    if not names:
        return None
    connector = ""
    if len(names) > 1:
        separator = body[ends[-2] : bounds[-1]]
        connector = "&" if "&" in separator else "and" if "and" in separator else ""
        # "Smith, Bellis et al." lists one work's names only with a connector
        # before the last or a comma before "et al."; otherwise the last counts.
        if not connector and not comma_et_al:
            names = names[-1:]
    # LaTeX manuscripts spell accents as commands: "Kivim{\\"a}ki" is "Kivimäki".
    return names[0][0], tuple(to_text(name) for _, name in names), connector


def is_name(token: str, *, narrative: bool = False) -> bool:
    """Return whether ``token`` is one family name (particles allowed).

    >>> is_name("van der Berg"), is_name("Singh-Manoux"), is_name("see Bellis")
    (True, True, False)
    """
    words = token.split()
    while len(words) > 1 and is_lead(words[0]):
        words.pop(0)
    if len(words) != 1:
        return False
    word = to_text(words[0])
    if not word or not word[0].isupper() or (narrative and word in _NOT_NAMES):
        return False
    if not all(char.isalpha() or char in _NAME_PUNCTUATION for char in word):
        return False
    # In running text an all-capital word is an acronym, not a family name.
    return not narrative or any(char.islower() for char in word)


def _trailing_name(token: str, *, narrative: bool) -> int | None:
    """Return where the name that ends ``token`` starts, particles included."""
    words = list(_WORD.finditer(token))
    if not words or not is_name(words[-1].group(), narrative=narrative):
        return None
    first = len(words) - 1
    while first > 0 and is_lead(words[first - 1].group()):
        first -= 1
    return words[first].start()


def _is_prefix(text: str) -> bool:
    """Return whether ``text`` may stand before the names inside parentheses."""
    return not any(char.isupper() or char.isdigit() for char in text[1:])


def _group(head: str, abbreviation: str) -> Authors | None:
    """Read ``head`` as a group author after a lower-case prefix, if it can be one."""
    start = next(
        (i for i, char in enumerate(head)
         if char.isupper() and (i == 0 or not head[i - 1].isalnum())),
        None,
    )  # fmt: skip
    if start is None or not _is_prefix(head[:start]):
        return None
    # A title standing in for the author is in quotes or italics.
    name = " ".join(head[start:].split()).strip("*_\"“”'’")
    if _GROUP_FORBIDDEN.search(name) or len(name.split()) > 12:
        return None
    return Authors(start, (name,), False, "", abbreviation, True)
