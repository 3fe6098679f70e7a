"""Mojibake, or the same accented letters written two ways across the library.

Text saved as UTF-8 and read back as Latin-1 or Windows-1252 turns ``ä`` into
``Ã¤`` and ``–`` into ``â€“``; such a run is reported where re-encoding it
gives valid UTF-8, and the unsafe fix puts back the letter it stood for.

A library that writes ``Kivim{\\"a}ki`` in one entry and ``Sipilä`` in
another mixes LaTeX escapes with Unicode: sorting, de-duplication and search
treat the two spellings as different. This is a library rule: for each letter
written both ways, the less common form is reported (LaTeX escapes on a tie,
since a UTF-8 file can hold the letter itself), naming the common one; the
unsafe fix rewrites it in the common form.

FAIL:
    @article{kivimaki2020, author = {KivimÃ¤ki, M.}}

PASS:
    @article{kivimaki2020, author = {Kivimäki, M. and Sipilä, P. N.}}
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from citeman.model import Entry, Field
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import (
    Head,
    LibraryRule,
    RuleContext,
    Shelf,
    relative,
    summarised,
)

_SKIPPED = frozenset({"url", "doi", "file", "eprint", "pdf"})
#: What each LaTeX accent command adds to its letter, as a combining mark.
_ACCENTS = {
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
    "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323", "b": "\u0331",
}  # fmt: skip
_LATEX_ACCENT = re.compile(
    r"""\{\\(?P<a1>["'`^~=.])\s*(?P<l1>[A-Za-z])\}"""  # {\"a}
    r"""|\{\\(?P<a2>["'`^~=.uvHckrdb])\s*\{(?P<l2>[A-Za-z])\}\}"""  # {\"{a}}, {\v{c}}
    r"""|\{\\(?P<a3>[uvHckrdb])\s+(?P<l3>[A-Za-z])\}"""  # {\v c}
    r"""|\\(?P<a4>["'`^~=.uvHckrdb])\{(?P<l4>[A-Za-z])\}"""  # \"{a}, \v{c}
    r"""|\\(?P<a5>["'`^~=.])(?P<l5>[A-Za-z])"""  # \"a
)
_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]{{1,3}}")


@dataclass(frozen=True, slots=True)
class _Spelling:
    """One accented letter as written in one value."""

    entry: Head
    field: Field
    start: int
    end: int
    is_latex: bool


#: A letter as written: the letter it spells, start and end in the value, LaTeX?
_Mark = tuple[str, int, int, bool]
#: A mojibake run: start and length in the value, and the text it stands for.
_Run = tuple[int, int, str]
#: One field's summary: the field (relative to its entry), its runs and marks.
_Summary = tuple[Field, tuple[_Run, ...], tuple[_Mark, ...]]


def summarise(entry: Entry, context: RuleContext) -> tuple[_Summary, ...] | None:
    """Return each field's mojibake runs and accented letters, or None if none."""
    found = []
    for field in entry.fields.values():
        value = field.value
        if value.isascii() and "\\" not in value:
            continue  # most values: no letter to read (the cheap test first)
        if field.name in _SKIPPED or not field.is_delimited:
            continue
        runs: tuple[_Run, ...] = ()
        marks: list[_Mark] = []
        if not value.isascii():
            runs = tuple(_mojibake(value))
            marks += _unicode_marks(value)
        if "\\" in value:
            marks += _latex_marks(value)
        if runs or marks:
            found.append((relative(field, entry), runs, tuple(marks)))
    return tuple(found) or None


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield mojibake findings, then the minority spellings of mixed letters."""
    spellings: dict[str, list[_Spelling]] = defaultdict(list)
    for entry, summary in summarised(shelves):
        for relative_field, runs, marks in summary:
            field = entry.place(relative_field)
            for start, length, text in runs:
                yield _mojibake_finding(entry, field, start, length, text)
            for letter, start, end, is_latex in marks:
                spellings[letter].append(_Spelling(entry, field, start, end, is_latex))
    for letter, found in spellings.items():
        latex = sum(1 for spelling in found if spelling.is_latex)
        if latex == 0 or latex == len(found):
            continue
        minority_is_latex = latex <= len(found) - latex
        majority = len(found) - latex if minority_is_latex else latex
        common = next(s for s in found if s.is_latex != minority_is_latex)
        written = common.field.value[common.start : common.end]
        for spelling in found:
            if spelling.is_latex == minority_is_latex:
                yield _mixed(spelling, letter, written, majority)


def _latex_marks(value: str) -> Iterator[_Mark]:
    """Yield each accented letter written as a LaTeX accent command."""
    for match in _LATEX_ACCENT.finditer(value):
        groups = [group for group in match.groups() if group is not None]
        accent, letter = groups[0], groups[1]
        composed = unicodedata.normalize("NFC", letter + _ACCENTS[accent])
        if len(composed) == 1:
            yield composed, match.start(), match.end(), True


def _unicode_marks(value: str) -> Iterator[_Mark]:
    """Yield each accented letter written as itself."""
    for match in _NON_ASCII.finditer(value):
        char = match.group(0)
        if _is_accented(char):
            index = match.start()
            yield char, index, index + 1, False


@lru_cache(maxsize=4096)
def _is_accented(char: str) -> bool:
    """Return whether ``char`` is an ASCII letter with one accent (ä, č, é)."""
    decomposed = unicodedata.normalize("NFD", char)
    return char.isalpha() and len(decomposed) == 2 and decomposed[0].isascii()


def _mixed(spelling: _Spelling, letter: str, common: str, count: int) -> Finding:
    field = spelling.field
    old = field.value[spelling.start : spelling.end]
    times = "once" if count == 1 else f"{count} times"
    return Finding(
        field.span_at(spelling.start, spelling.end),
        f'write "{letter}" as "{common}" like the rest of the library ({times}), '
        f'found "{old}"',
        spelling.entry.key,
        field.name,
        Fix(field.name, field.value_offset + spelling.start, old, common, safe=False),
        spelling.entry.path,
    )


def _mojibake(value: str) -> Iterator[_Run]:
    """Yield each run that is UTF-8 text decoded as Latin-1 or Windows-1252."""
    for match in _MOJIBAKE.finditer(value):
        run = _redecodable(match.group(0))
        if run is not None:
            text, length = run
            yield match.start(), length, text


def _mojibake_finding(
    entry: Head, field: Field, start: int, length: int, text: str
) -> Finding:
    """Describe one mojibake run and offer the text it stands for."""
    old = field.value[start : start + length]
    return Finding(
        field.span_at(start, start + length),
        f'"{old}" is mojibake for "{text}"; the text was decoded with the '
        "wrong encoding",
        entry.key,
        field.name,
        Fix(field.name, field.value_offset + start, old, text, safe=False),
        entry.path,
    )


def _redecodable(run: str) -> tuple[str, int] | None:
    """Return the text a run stands for and the run's length, if it re-decodes."""
    lead = ord(run[0])
    length = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    if len(run) < length:
        return None
    data = bytearray()
    for char in run[:length]:
        try:
            data += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            data.append(ord(char))  # bytes cp1252 leaves undefined read as Latin-1
    try:
        return data.decode("utf-8"), length
    except UnicodeDecodeError:
        return None


RULE = LibraryRule(
    code="CM205",
    name="mixed-encoding",
    summary="mojibake (KivimÃ¤ki), or a library mixing LaTeX escapes and Unicode "
    "for the same letters",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes="mojibake re-decoded; the minority spelling of a letter rewritten in the "
    "library's common one (unsafe)",
    summarise=summarise,
    aggregate=aggregate,
)
