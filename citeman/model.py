"""The bibliography as immutable records that remember where they were written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a source file; 1-based lines and columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    def __reduce__(self) -> tuple[type[Span], tuple[int, int, int, int]]:
        # Pickled by its fields (as citeman.problem.Fix): a checker's results
        # hold one per finding.
        return Span, (self.line, self.column, self.end_line, self.end_column)


class Field(NamedTuple):
    """One ``name = value`` of an entry.

    A named tuple rather than a frozen dataclass because a large library has
    millions of fields: a tuple is built four times faster, which is a tenth of
    the whole check's time.

    ``raw`` is the value exactly as written (delimiters, macros and ``#`` included)
    and starts at character ``offset`` of the file, at ``line``/``column``.
    ``value`` is what BibTeX sees: macros resolved, outer delimiters removed,
    inner braces kept so that ``{DNA}`` stays visible to case checks.
    """

    name: str
    value: str
    raw: str
    line: int
    column: int
    offset: int

    @property
    def span(self) -> Span:
        """Return the span of the raw value."""
        newlines = self.raw.count("\n")
        if newlines == 0:
            return Span(self.line, self.column, self.line, self.column + len(self.raw))
        tail = len(self.raw) - self.raw.rfind("\n")
        return Span(self.line, self.column, self.line + newlines, tail)

    @property
    def value_offset(self) -> int:
        """Return the file offset of ``value``'s first character inside ``raw``.

        For a value written in one pair of delimiters that is the character after
        the opening one; for a macro or concatenation it is the raw start.
        """
        if (
            self.raw[:1] in ("{", '"')
            and self.raw[1 : 1 + len(self.value)] == self.value
        ):
            return self.offset + 1
        return self.offset

    def span_at(self, start: int, end: int) -> Span:
        """Return the file span of ``value[start:end]`` of a delimited value."""
        first = self.value_offset - self.offset + start
        last = first + (end - start)
        return Span(*self._position(first), *self._position(last))

    def _position(self, index: int) -> tuple[int, int]:
        """Return the line and column of character ``index`` of ``raw``."""
        newline = self.raw.rfind("\n", 0, index)
        if newline < 0:
            return self.line, self.column + index
        return self.line + self.raw.count("\n", 0, index), index - newline

    @property
    def is_delimited(self) -> bool:
        """Return whether the value is one ``{…}`` or ``"…"`` literal (no macros)."""
        # Lengths first: most values are not copied to be compared.
        raw = self.raw
        if len(raw) != len(self.value) + 2 or raw[:1] not in ("{", '"'):
            return False
        return "#" not in raw or raw[1:-1] == self.value


class Entry(NamedTuple):
    """One ``@type{key, …}`` block of a file (a named tuple, as ``Field`` is).

    ``fields`` holds the first occurrence of each field name, in file order;
    ``repeated`` the later occurrences of a name given twice.
    ``suppressed`` are the rule codes and names of a
    ``% citeman: ignore[…]`` comment directly above the entry.
    ``comments`` are the file offset and text of each ``%`` comment inside the
    entry (biber's reading: a field someone switched off), which is not a field.
    """

    key: str
    type: str
    fields: Mapping[str, Field]
    repeated: tuple[Field, ...]
    path: str
    line: int
    column: int
    offset: int
    raw: str
    suppressed: frozenset[str]
    comments: tuple[tuple[int, str], ...] = ()

    def get(self, name: str) -> str:
        """Return the value of field ``name``, or "" when the entry has none."""
        found = self.fields.get(name)
        return found.value if found is not None else ""

    def name_offset(self, field: Field) -> int | None:
        """Return the file offset of ``field``'s name as written, or None if unclear.

        Only the value's position is recorded; the name is the word before the
        ``=`` that precedes the value (fixes that rename or remove a field need it).
        """
        equals = self.raw.rfind("=", 0, field.offset - self.offset)
        end = equals
        while end > 0 and self.raw[end - 1].isspace():
            end -= 1
        start = end - len(field.name)
        if equals < 0 or start < 0 or self.raw[start:end].lower() != field.name:
            return None
        return self.offset + start

    @property
    def span(self) -> Span:
        """Return the span of the ``@type{key`` head of the entry."""
        return Span(self.line, self.column, self.line, self.column + 1 + len(self.type))


@dataclass(frozen=True, slots=True)
class ParseFailure:
    """A block that BibTeX syntax does not allow; kept so the linter can report it."""

    path: str
    line: int
    column: int
    message: str
    raw: str
    offset: int


@dataclass(frozen=True, slots=True)
class StringMacro:
    """An ``@string{name = value}`` definition; ``raw`` is the value as written."""

    name: str
    value: str
    line: int
    raw: str = ""


@dataclass(frozen=True, slots=True)
class Overflow:
    """A macro expansion cut at the size limit (``@string`` or field value)."""

    path: str
    line: int
    column: int
    #: The entry's key, or None for an ``@string`` definition.
    key: str | None
    #: The macro's or the field's name.
    name: str
    #: Why it was cut, completing "… <name> …".
    reason: str


@dataclass(frozen=True, slots=True)
class Library:
    """One parsed ``.bib`` file: its text, entries, macros and unparsable blocks."""

    path: str
    source: str
    entries: tuple[Entry, ...]
    strings: Mapping[str, StringMacro]
    failures: tuple[ParseFailure, ...]
    newline: str
    #: Values whose macro expansion was cut (see ``citeman.macros``).
    overflows: tuple[Overflow, ...] = ()
