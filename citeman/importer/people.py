"""Read the names of a reference: ``Family, I. I., & Family, I.`` and ``I. Family``.

Names become BibTeX's ``Family, Given`` (``Family, Jr., Given`` with a
suffix), initials as written; a group author is braced whole so that BibTeX
never splits it. APA's ``. . .`` (authors left out between the 19th and the
last) is kept as ``others`` before the last name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from citeman.importer.escape import latex

_LETTER = r"[^\W\d_]"
_INITIALS = rf"{_LETTER}{_LETTER}?\.(?:[ -]?{_LETTER}{_LETTER}?\.)*"
_GIVEN_WORD = rf"(?:{_LETTER}{_LETTER}?\.|{_LETTER}[\w'’]+(?:-{_LETTER}[\w'’]*)*)"
_GIVEN = rf"{_GIVEN_WORD}(?:[ -]{_GIVEN_WORD})*"
_SUFFIX = r"Jr\.|Sr\.|II|III|IV|V"
_INVERTED = re.compile(
    rf"(?P<family>[^,&()\[\]]{{1,80}}?), (?P<given>{_GIVEN})"
    rf"(?:, (?P<suffix>{_SUFFIX}))?(?=, |,? & |\.?$)"
)
_DIRECT = re.compile(
    rf"(?P<given>{_INITIALS}) (?P<family>[^,&]+?)(?:, (?P<suffix>{_SUFFIX}))?$"
)
_ELLIPSIS = re.compile(r"\.? ?\. \. \. ?")
_BEFORE_PERSON = re.compile(rf", (?=[^,&]+, {_LETTER}{_LETTER}?\.)")
_BEFORE_LAST = re.compile(r",? & ")
_COMMA_ELLIPSIS = re.compile(r", \. \. \. ")
_SEPARATOR = re.compile(r",? ?(?:& )?")
_INITIALS_NEXT = re.compile(rf", {_INITIALS}(?=,|\s|$)")


def _bibtex(family: str, given: str, suffix: str | None) -> str:
    if suffix:
        return f"{latex(family)}, {suffix}, {latex(given)}"
    return f"{latex(family)}, {latex(given)}"


def group(name: str) -> str:
    """Return a group author braced whole: ``{World Health Organization}``."""
    return "{" + latex(name.strip()) + "}"


def _is_person(family: str, given: str) -> bool:
    """Return whether a "Family, Given" match looks like a person, not a group.

    APA gives initials; written-out given names are accepted when short
    (``Mary Ann``), since a longer run of capitalised words after a comma is a
    group author's name (``World Health Organization, World Health …``).
    """
    written_out = sum(1 for word in given.split() if not word.endswith("."))
    return (
        len(family.split()) <= 4
        and family[:1].isupper() | family.split()[0].islower()
        and given[:1].isupper()
        and written_out <= 2
        and len(given.split()) <= 4
    )


@lru_cache(maxsize=1024)
def inverted(text: str) -> tuple[str, ...]:
    """Read an author list written family name first, as APA does.

    >>> inverted("Leichsenring, F., & Rabung, S.")
    ('Leichsenring, F.', 'Rabung, S.')
    >>> inverted("Lindfors, O., Virtala, E., & the Helsinki Study Group.")
    ('Lindfors, O.', 'Virtala, E.', '{the Helsinki Study Group}')
    >>> inverted("Smith, A. A., Jr., & World Health Organization")
    ('Smith, Jr., A. A.', '{World Health Organization}')
    """
    names: list[str] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        position = _skip_separator(text, position, names)
        if position >= len(text):
            break
        person = _INVERTED.match(text, position)
        if (
            person
            and _is_person(person["family"].strip(), person["given"])
            and not (
                # "Group, Family, I." is a group and a person, not "Group, Given".
                not person["given"].endswith(".")
                and _INITIALS_NEXT.match(text, person.end())
            )
        ):
            names.append(
                _bibtex(person["family"].strip(), person["given"], person["suffix"])
            )
            position = person.end()
            continue
        end = _group_end(text, position)
        name = text[position:end].strip().rstrip(".").strip()
        if name:
            names.append(group(name))
        position = end
    return tuple(names)


def _skip_separator(text: str, position: int, names: list[str]) -> int:
    """Skip ``, `` and ``& `` between names; an ellipsis adds ``others``."""
    ellipsis = _ELLIPSIS.match(text, position) if position else None
    if ellipsis is None:
        ellipsis = _COMMA_ELLIPSIS.match(text, position)
    if ellipsis and names:
        names.append("others")
        return ellipsis.end()
    separator = _SEPARATOR.match(text, position)
    return separator.end() if separator else position


def _group_end(text: str, position: int) -> int:
    """Return where a group name starting at ``position`` ends.

    At the comma before a person's ``Family, I.``, or at the ``&`` before the
    last name.
    """
    ends = [
        found.start()
        for found in (
            _BEFORE_PERSON.search(text, position),
            _BEFORE_LAST.search(text, position),
        )
        if found
    ]
    return min(ends, default=len(text))


def direct(text: str) -> tuple[str, ...]:
    """Read names written initials first (editors, translators): ``R. F. Subotnik``.

    >>> direct("R. F. Subotnik, P. Olszewski-Kubilius, & F. C. Worrell")
    ('Subotnik, R. F.', 'Olszewski-Kubilius, P.', 'Worrell, F. C.')
    >>> direct("J. Park & A. Lee")
    ('Park, J.', 'Lee, A.')
    """
    pieces = [piece.strip() for piece in re.split(r",? & |, ", text.strip())]
    merged: list[str] = []
    for piece in pieces:
        if merged and re.fullmatch(_SUFFIX, piece):
            merged[-1] += f", {piece}"
        elif piece:
            merged.append(piece)
    names = []
    for piece in merged:
        person = _DIRECT.match(piece)
        if person:
            names.append(_bibtex(person["family"], person["given"], person["suffix"]))
        else:
            names.append(group(piece))
    return tuple(names)
