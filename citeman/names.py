"""Split BibTeX name lists into people, the way BibTeX itself reads them.

BibTeX separates names with the word ``and`` outside braces and reads each name
in one of three forms: ``First von Last``, ``von Last, First`` and
``von Last, Jr, First``. The von part is the run of words starting lower-case;
braces protect whatever they hold. Lint rules and the renderer both rely on
this, so it is cached: the same author lists recur across a library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from citeman.latex import to_text

#: The control sequences that are letters themselves (``{\o}``, ``{\AE}``).
_LETTER_COMMANDS = frozenset(
    {"oe", "OE", "ae", "AE", "aa", "AA", "o", "O", "l", "L", "ss", "i", "j"}
)
_AND = re.compile(r"(?:(?<=\s)|^)and(?=\s|$)", re.IGNORECASE)
_SPACE = re.compile(r"[\s~]+")


@dataclass(frozen=True, slots=True)
class Person:
    """One name of a name list, in BibTeX's four parts (LaTeX and braces kept).

    ``is_organization`` is true when the whole name was one braced group, such
    as ``{World Health Organization}``; ``last`` then holds the text inside.
    """

    first: str
    von: str
    last: str
    jr: str
    is_organization: bool = False

    @property
    def is_others(self) -> bool:
        """Return whether this is the ``others`` of ``and others`` (et al.)."""
        return not (self.first or self.von or self.jr) and self.last == "others"


@lru_cache(maxsize=65536)
def split_names(value: str) -> tuple[Person, ...]:
    r"""Return the people of a name-list field value (outer delimiters removed).

    >>> [p.last for p in split_names(r'Kivim{\"a}ki, M. and Batty, G. D.')]
    ['Kivim{\\"a}ki', 'Batty']
    >>> split_names("Ludwig van Beethoven")[0]
    Person(first='Ludwig', von='van', last='Beethoven', jr='', is_organization=False)
    >>> split_names("{World Health Organization}")[0].is_organization
    True
    """
    return tuple(_person(name) for name in split_list(value) if name.strip(" \t\n,"))


def split_list(value: str) -> list[str]:
    """Split a name list on the word ``and`` outside braces (any case).

    An empty string stands for a leading, trailing or doubled ``and``.

    >>> split_list("A and {B and C} AND D")
    ['A', '{B and C}', 'D']
    >>> split_list("A and and B and")
    ['A', '', 'B', '']
    """
    return [value[start:end] for start, end in name_bounds(value)]


def name_bounds(value: str) -> list[tuple[int, int]]:
    """Return where each name of a name list starts and ends, blanks trimmed.

    A leading, trailing or doubled ``and`` leaves an empty name (start == end).

    >>> name_bounds("A and B")
    [(0, 1), (6, 7)]
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _AND.finditer(value):
        if _depth(value, match.start()) == 0:
            bounds.append(_trim(value, start, match.start()))
            start = match.end()
    bounds.append(_trim(value, start, len(value)))
    return bounds


def separators(value: str) -> list[tuple[int, int]]:
    """Return where each separating ``and`` of a name list starts and ends.

    >>> separators("A and {B and C} AND D")
    [(2, 5), (16, 19)]
    """
    return [
        (match.start(), match.end())
        for match in _AND.finditer(value)
        if _depth(value, match.start()) == 0
    ]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Return ``start``, ``end`` moved inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _depth(text: str, end: int) -> int:
    """Return the brace depth at index ``end`` of ``text``."""
    if "{" not in text:
        return 0
    return text.count("{", 0, end) - text.count("}", 0, end)


def _person(name: str) -> Person:
    """Read one name in whichever of BibTeX's three forms it is written."""
    name = name.strip()
    if _is_one_group(name):
        return Person("", "", name[1:-1].strip(), "", is_organization=True)
    parts = [part.strip() for part in split_outside_braces(name, ",")]
    if len(parts) == 1:
        words = _words(parts[0])
        return _first_von_last(words)
    von, last = _von_last(_words(parts[0]))
    if len(parts) == 2:
        return Person(parts[1], von, last, "")
    # BibTeX reads "von Last, Jr, First"; a fourth comma is an error it ignores.
    return Person(", ".join(parts[2:]), von, last, parts[1])


def _first_von_last(words: list[str]) -> Person:
    """Read ``First von Last``: von runs from the first to the last lower word."""
    if not words:
        return Person("", "", "", "")
    lower = [i for i, word in enumerate(words[:-1]) if _is_lower(word)]
    if not lower:
        return Person(" ".join(words[:-1]), "", words[-1], "")
    start, end = lower[0], lower[-1] + 1
    return Person(
        " ".join(words[:start]), " ".join(words[start:end]), " ".join(words[end:]), ""
    )


def _von_last(words: list[str]) -> tuple[str, str]:
    """Split ``von Last``: von ends at the last lower word before the final one."""
    lower = [i for i, word in enumerate(words[:-1]) if _is_lower(word)]
    if not lower:
        return "", " ".join(words)
    end = lower[-1] + 1
    return " ".join(words[:end]), " ".join(words[end:])


def _words(text: str) -> list[str]:
    """Split on whitespace and ``~`` outside braces."""
    if "{" not in text:
        return [word for word in _SPACE.split(text) if word]
    words: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if depth == 0 and (char.isspace() or char == "~"):
            if current:
                words.append("".join(current))
                current = []
            continue
        depth += (char == "{") - (char == "}")
        current.append(char)
    if current:
        words.append("".join(current))
    return words


def split_outside_braces(text: str, separator: str) -> list[str]:
    """Split ``text`` on ``separator`` where it is outside braces.

    >>> split_outside_braces("{Barnes, and Noble}, Inc.", ",")
    ['{Barnes, and Noble}', ' Inc.']
    """
    if "{" not in text:
        return text.split(separator)
    parts: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _is_lower(word: str) -> bool:
    """Return whether BibTeX counts ``word`` as a von word (first letter lower).

    A braced group is skipped, except a special character (``{\\"a}``), whose
    case is that of its letter; a word with no letter is not lower-case.
    """
    depth = 0
    index = 0
    while index < len(word):
        char = word[index]
        if char == "{":
            if depth == 0 and word[index + 1 : index + 2] == "\\":
                return _special_is_lower(word[index + 2 :])
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char.isalpha():
            return char.islower()
        index += 1
    return False


def _special_is_lower(rest: str) -> bool:
    """Return the case of a special character, ``rest`` following its ``{\\``."""
    match = re.match(r"[A-Za-z]+|.", rest)
    command = match.group(0) if match else ""
    if command in _LETTER_COMMANDS:
        return command.islower()
    for char in rest[len(command) :]:
        if char.isalpha():
            return char.islower()
        if char == "}" and not rest[len(command) :].startswith("{"):
            break
    return False


def _is_one_group(text: str) -> bool:
    """Return whether ``text`` is one ``{…}`` group."""
    return text.startswith("{") and _closing(text) == len(text) - 1


def _closing(text: str) -> int:
    """Return the index of the brace closing the one ``text`` opens (or -1)."""
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "{") - (char == "}")
        if depth == 0:
            return index
    return -1


@lru_cache(maxsize=65536)
def initials(first: str) -> str:
    r"""Return APA initials of given names, with hyphens kept.

    >>> initials("Jean-Paul"), initials("Mark A"), initials("E. L.")
    ('J.-P.', 'M. A.', 'E. L.')
    >>> initials("G. David"), initials("{Ch}ristopher"), initials(r"{\'E}mile")
    ('G. D.', 'Ch.', 'É.')

    A given name in parentheses spells out the initials before it, and an
    initial is a capital whatever the file says:

    >>> initials("H.-W. (Hans-Werner)"), initials("a. K.")
    ('H.-W.', 'A. K.')
    """
    tokens = []
    for word in _words(first):
        if word.startswith("(") and word.endswith(")"):
            continue
        parts = [_initial(part) for part in split_outside_braces(word, "-")]
        tokens.append("-".join(part for part in parts if part))
    return " ".join(token for token in tokens if token)


def _initial(part: str) -> str:
    """Return the initial of one name part: a protected group's text, or a letter."""
    if part.startswith("{") and not part.startswith("{\\"):
        group = to_text(part[1 : _closing(part)]).strip()
        if group:
            return f"{group}."
    for char in to_text(part):
        if char.isalpha():
            return f"{char.upper()}."
    return ""
