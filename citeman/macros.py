"""Expand ``@string`` macros and ``#`` concatenations, within a size limit.

What BibTeX makes of a raw value: outer delimiters off, macros replaced by
their values, parts joined. A few hundred bytes of macros that each double the
one before ("billion laughs") would expand to terabytes, so every value built
by concatenation is cut at :data:`MAX_VALUE` characters, and all such values of
one file together at a budget proportional to the file's size. Each cut is
recorded (``Expander.overflows``) for rule CM009 to report; nothing raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from citeman.model import Overflow, StringMacro

#: BibTeX's predefined month macros (plain.bst), lower-case name → value.
MONTHS: Mapping[str, str] = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April",
    "may": "May", "jun": "June", "jul": "July", "aug": "August",
    "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}  # fmt: skip

#: The characters that open or close a part of a concatenation, or join two.
_MARKS = re.compile(r'[{}"#]')
#: The longest value a concatenation may build; real ones are under a thousand.
MAX_VALUE = 100_000
#: Characters all concatenations of a file may build, beyond 4 per byte of text.
BASE_BUDGET = 10_000_000


def budget(text_length: int) -> int:
    """Return how many characters one file's ``#`` concatenations may make in all."""
    return BASE_BUDGET + 4 * text_length


class Expander:
    """Resolves raw values against the macros defined so far in one file."""

    def __init__(self, text_length: int) -> None:
        self.strings: dict[str, StringMacro] = {}
        #: Every ``@string`` name as written: bibtexparser drops a later
        #: ``@string`` of exactly the same name (one spelled otherwise redefines).
        self.written: set[str] = set()
        #: Why the last value resolved was cut, or "" when it was not.
        self.overflow = ""
        #: The cuts so far, recorded by the parser, which knows where they are.
        self.overflows: list[Overflow] = []
        self._left = budget(text_length)
        self._budget = self._left

    def copy(self) -> Expander:
        """Return an expander knowing the same macros, with the budget left.

        It records no cuts yet: a chunk of a file checked on a worker
        (``citeman.chunked``) starts from a copy made where the chunk starts.
        """
        twin = Expander(0)
        twin.strings = dict(self.strings)
        twin.written = set(self.written)
        twin._left = self._left
        twin._budget = self._budget
        return twin

    def resolve(self, raw: str) -> str:
        """Return the value BibTeX reads from ``raw``, setting ``overflow``.

        >>> Expander(0).resolve('jan # " 1"')
        'January 1'
        """
        self.overflow = ""
        first = raw[:1]
        # The common case, kept cheap for large files: one braced or quoted
        # literal. Without a `#` there is no concatenation, so delimiters pair up.
        if first in ("{", '"') and "#" not in raw:
            return raw[1:-1]
        if first == "{" and _is_one_group(raw):
            return raw[1:-1]
        if raw.isdigit():
            return raw
        parts = [self._expand(part) for part in split_concatenation(raw)]
        if len(parts) == 1:
            return parts[0]  # a macro's value, shared rather than copied
        return self._joined(parts)

    @property
    def spent(self) -> int:
        """Return how much of the file's budget concatenations have used so far."""
        return self._budget - self._left

    def _joined(self, parts: list[str]) -> str:
        """Join ``parts`` within the per-value limit and the file's budget."""
        size = sum(len(part) for part in parts)
        allowed = min(MAX_VALUE, self._left)
        if size > allowed:
            self.overflow = (
                f"expands to more than {MAX_VALUE:,} characters"
                if allowed == MAX_VALUE
                else "is one expansion too many: this file's macros together "
                "expand to more than four characters per byte of the file"
            )
            pieces: list[str] = []
            room = allowed
            for part in parts:
                pieces.append(part[:room])
                room -= len(pieces[-1])
            parts, size = pieces, allowed
        self._left -= size
        return "".join(parts)

    def _expand(self, part: str) -> str:
        """Expand one part of a ``#`` concatenation."""
        if part[:1] in ("{", '"'):
            return part[1:-1]
        name = part.lower()
        macro = self.strings.get(name)
        if macro is not None:
            return macro.value
        return MONTHS.get(name, part)


def split_concatenation(raw: str) -> list[str]:
    """Split a raw value on the ``#`` operators that are outside delimiters.

    >>> split_concatenation('jan # " 1"')
    ['jan', '" 1"']
    """
    if "#" not in raw:  # one part: most values that are no literal (``jan``, ``acm``)
        part = raw.strip()
        return [part] if part else []
    parts: list[str] = []
    start = 0
    for index in concatenation_marks(raw):
        parts.append(raw[start:index].strip())
        start = index + 1
    parts.append(raw[start:].strip())
    return [part for part in parts if part]


def concatenation_marks(raw: str) -> Iterator[int]:
    """Yield the index of each ``#`` operator outside braces and quotes.

    >>> list(concatenation_marks('a # {b # c} # "d # e"'))
    [2, 12]
    """
    depth = 0
    quoted = False
    # Only these four characters change the state: the regex skips the rest.
    for mark in _MARKS.finditer(raw):
        char = mark.group()
        index = mark.start()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            yield index


def macro_names(raw: str) -> Iterator[str]:
    """Yield the bare macro names a raw value refers to.

    >>> list(macro_names('jan # " 1" # 2020 # acm'))
    ['jan', 'acm']
    """
    if raw[:1] in ("{", '"') and "#" not in raw:
        return
    for part in split_concatenation(raw):
        if part[:1] not in ("{", '"') and not part.isdigit():
            yield part


def _is_one_group(raw: str) -> bool:
    """Return whether ``raw`` is one ``{…}`` group (its first brace closes last)."""
    depth = 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index == len(raw) - 1
    return False
