"""A macro expansion too large to read: ``@string``\\ s that double and double again.

A value built from macros and ``#`` is cut at 100,000 characters, and one file's
expansions together at about four characters per byte of the file, so that a
hostile file (each macro twice the one before: "billion laughs") cannot exhaust
memory. No real value comes near: the longest in eleven real bibliographies is
under 30,000 characters, written out, not expanded. The cut value is what the
other rules see.

FAIL:
    @string{a = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}
    @string{b = a # a # a # a # a # a # a # a # a # a # a # a # a # a # a}
    @string{c = b # b # b # b # b # b # b # b # b # b # b # b # b # b # b}
    @string{d = c # c # c # c # c # c # c # c # c # c # c # c # c # c # c}
    @misc{laughs, title = d}

PASS:
    @string{acm = "Association for Computing Machinery"}
    @misc{fine, publisher = acm # " Press"}
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from citeman.model import Span
from citeman.problem import Finding, Severity
from citeman.rules.base import LibraryRule, RuleContext, Shelf


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each value whose expansion was cut (entries are not read)."""
    for shelf in shelves:
        for cut in shelf.overflows:
            what = f'@string "{cut.name}"' if cut.key is None else "the value"
            yield Finding(
                Span(cut.line, cut.column, cut.line, cut.column + 1),
                f"{what} {cut.reason}; citeman reads only what fits",
                key=cut.key,
                field=None if cut.key is None else cut.name,
                path=cut.path,
            )


RULE = LibraryRule(
    code="CM009",
    name="string-overflow",
    summary="a macro expansion too large to read (cut)",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    aggregate=aggregate,
)
