"""A reference written otherwise than the style prints the same facts.

``citeman check`` on a formatted list (.txt, .md, .docx) reads each reference
back into an entry and prints that entry in the style (option ``style``,
default ``apa``). Where the two differ, the list departs from the style: a
stray "72. 2" where APA prints "72", a missing "&" before the last author, a
title in Title Case, "pp." in a journal reference, a DOI as "doi:" instead of
https://doi.org/…, or (in Markdown and Word) italics missing on the journal
and volume. The message shows the first difference only; fix it and check
again.

FAIL:
    Lee, A., Kim, B. (2020). Long-Term Outcomes. Journal of Tests, 3(1), 1–9.

PASS:
    Lee, A., & Kim, B. (2020). Long-term outcomes. Journal of Tests, 3(1), 1–9.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from citeman.importer.written import Italics, Written, WrittenList
from citeman.problem import Finding, Severity
from citeman.rules.base import ReferenceListRule, RuleContext

_SHOWN = 60
#: Past this many characters, the comparison is by shared start and end only:
#: difflib's matching takes time that grows with the square of the length.
_LONG = 4000


def check(written: WrittenList, context: RuleContext) -> Iterator[Finding]:
    """Yield the first difference of each reference from its printed form."""
    for reference in written.references:
        found = _first_difference(reference, written.style)
        if found is None and written.rich:
            found = _italic_difference(reference, written.style)
        if found is not None:
            start, end, message = found
            span = written.span(reference, start, end)
            yield Finding(span, message, key=reference.key, path=written.path)


def _first_difference(reference: Written, style: str) -> tuple[int, int, str] | None:
    """Return where the text first differs from the printed form, and a message."""
    text, printed = reference.text, reference.printed
    if text == printed:
        return None
    if len(text) + len(printed) > _LONG:
        i1, i2, j1, j2 = _outer_difference(text, printed)
    else:
        matcher = difflib.SequenceMatcher(None, text, printed, autojunk=False)
        _, i1, i2, j1, j2 = next(op for op in matcher.get_opcodes() if op[0] != "equal")
    i1, i2, j1, j2 = _whole_words(text, printed, i1, i2, j1, j2)
    shown, instead = _clip(text[i1:i2]), _clip(printed[j1:j2])
    message = f'written "{shown}" where {style} prints "{instead}"'
    return i1, max(i2, i1 + 1), message


def _outer_difference(text: str, printed: str) -> tuple[int, int, int, int]:
    """Return the stretch between the longest shared start and shared end."""
    start = 0
    limit = min(len(text), len(printed))
    while start < limit and text[start] == printed[start]:
        start += 1
    end = 0
    while end < limit - start and text[-1 - end] == printed[-1 - end]:
        end += 1
    return start, len(text) - end, start, len(printed) - end


def _whole_words(
    text: str, printed: str, i1: int, i2: int, j1: int, j2: int
) -> tuple[int, int, int, int]:
    """Widen a difference on both sides to whole words.

    Something only added or only left out is shown with the word after it,
    so that the message has context ("A., Kim," where APA prints "A., & Kim,").
    """
    one_sided = i1 == i2 or j1 == j2
    while i1 > 0 and j1 > 0 and not text[i1 - 1].isspace():
        i1, j1 = i1 - 1, j1 - 1
    i2, j2 = _word_end(text, i2), _word_end(printed, j2)
    if one_sided:
        i2, j2 = (
            _word_end(text, _spaces_end(text, i2)),
            _word_end(printed, _spaces_end(printed, j2)),
        )
    return i1, i2, j1, j2


def _word_end(text: str, index: int) -> int:
    while index < len(text) and not text[index].isspace():
        index += 1
    return index


def _spaces_end(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _clip(part: str) -> str:
    return part if len(part) <= _SHOWN else part[: _SHOWN - 3] + "..."


def _italic_difference(reference: Written, style: str) -> tuple[int, int, str] | None:
    """Return the first stretch set in italics in one form but not the other."""
    written = _flags(reference.text, reference.block.italics)
    printed = _flags(reference.printed, reference.printed_italics)
    pairs = enumerate(zip(written, printed, strict=False))
    start = next((index for index, (a, b) in pairs if a != b), None)
    if start is None:
        return None
    end = start
    while end < len(written) and written[end] != printed[end]:
        end += 1
    part = _clip(reference.text[start:end].strip())
    if printed[start]:
        return start, end, f'"{part}" is not in italics; {style} sets it in italics'
    return start, end, f'"{part}" is in italics; {style} sets it in roman type'


def _flags(text: str, italics: Italics) -> list[bool]:
    flags = [False] * len(text)
    for start, end in italics:
        flags[start:end] = [True] * (min(end, len(text)) - start)
    return flags


RULE = ReferenceListRule(
    code="CM601",
    name="reference-style",
    summary="a reference in a formatted list (.txt, .md, .docx) written otherwise "
    "than the style prints it",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    defaults={"style": "apa"},
    check=check,
)
