"""Chemical formulae as mhchem's ``\\ch{…}`` prints them: Cu2O with a subscript 2.

Only the forms bibliographies use: counts after an element or a bracket are
subscripts, a trailing charge (``Fe3+``, ``SO4^2-``) is a superscript, and
mhchem's arrows become arrows.
"""

from __future__ import annotations

import re

from citeman.latex.nodes import Mark, Segment

_ARROWS = (("<=>", "⇌"), ("<->", "↔"), ("->", "→"), ("<-", "←"))
#: A count (subscript) after an element or bracket, or a final charge (superscript).
_PARTS = re.compile(r"(?<=[A-Za-z)\]])(\d+)(?=[^\d+-]|$)|(?<=[A-Za-z)\]\d])(\d*[+-])$")


def formula(text: str, marks: frozenset[Mark]) -> list[Segment]:
    """Return the segments of a piece of formula ``text``.

    >>> [(s.text, [str(m) for m in s.marks]) for s in formula("Cu2O", frozenset())]
    [('Cu', []), ('2', ['sub']), ('O', [])]
    >>> "".join(s.text for s in formula("A -> B", frozenset()))
    'A → B'
    """
    for arrow, char in _ARROWS:
        if arrow in text:
            text = text.replace(arrow, char)
    segments: list[Segment] = []
    position = 0
    for found in _PARTS.finditer(text):
        if found.start() > position:
            segments.append(Segment(text[position : found.start()], marks))
        mark = Mark.SUB if found.group(1) else Mark.SUP
        segments.append(Segment(found.group(), marks | {mark}))
        position = found.end()
    if position < len(text):
        segments.append(Segment(text[position:], marks))
    return segments
