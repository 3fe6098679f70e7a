"""Withhold every fix that would inject TeX markup or change how an entry parses.

A fix rewrites a few characters, but what they mean depends on their
neighbours: decoding ``&#92;`` next to ``input`` writes a live ``\\input`` that
BibTeX and pdflatex run; removing the space of a control space ``\\ }`` escapes
the closing brace, and the entry swallows the rest of the file. The rules
cannot see all of that, so every fix is vetted here, once, on the whole entry
with the fix applied:

- it may not create a control sequence or a TeX special character (``{ } # %
  ~ $ ^ _``) that was not there, except accent commands that spell a letter
  (``{\\'e}``), escapes of specials (``\\&``) and balanced brace pairs (which
  only protect case); in verbatim fields (``url``, ``doi``) only control
  sequences are refused, since ``#``, ``%`` and ``_`` are URL characters there;
- the entry must still parse as one entry with the same key, and every field
  the fix does not touch must keep its exact text; a fix that names the
  fields it writes may add only those.

A withheld fix is not offered at all, so ``check``, ``fix --check`` and ``fix``
agree on what is fixable.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence

from citeman import parse
from citeman.model import Entry, Library
from citeman.problem import Fix, Problem

#: Control sequences and special characters of TeX.
_TOKEN = re.compile(r"\\(?:[A-Za-z@]+|.)|[{}#%~$^_]", re.S)
#: Characters in a fix (or right before it) that may change TeX or BibTeX syntax.
_SYNTAX = frozenset('\\{}#%~$^_"=,@')
#: Characters before a fix that a token through it would start with.
_JOINING = ("\\", "@")
#: BibTeX's delimiters, and a backslash with the character it escapes.
_DELIMITER = re.compile(r'\\.|([{}"#,=@])', re.S)
#: Accent and letter commands: they spell one letter, as Unicode would.
_LETTERS = frozenset(
    "\\" + name
    for name in ("'", "`", "^", '"', "~", "=", ".", "u", "v", "H", "c", "d", "b",
                 "k", "r", "t", "i", "j", "o", "O", "l", "L", "ss", "ae", "AE",
                 "oe", "OE", "aa", "AA")
)  # fmt: skip
#: Escapes that print a special character as itself.
_ESCAPES = frozenset({"\\&", "\\%", "\\$", "\\#", "\\_"})
#: Fields read verbatim (biblatex), where # % ~ _ are plain URL characters.
_VERBATIM = frozenset({"url", "doi", "eprint", "file", "pdf"})


def vet(problems: Sequence[Problem], libraries: Sequence[Library]) -> list[Problem]:
    """Return ``problems`` with every fix that fails :func:`is_harmless` removed.

    A fix marked ``vetted`` passed already and is not vetted again.
    """
    vetting = Vetter(libraries)
    return [vetting(problem) for problem in problems]


class Vetter:
    """Vets problems one by one against the parsed entries of ``libraries``."""

    def __init__(self, libraries: Sequence[Library]) -> None:
        self._by_path = {library.path: library for library in libraries}
        self._starts = {
            library.path: [entry.offset for entry in library.entries]
            for library in libraries
        }

    def __call__(self, problem: Problem) -> Problem:
        """Return ``problem``, its fix removed if it fails :func:`is_harmless`."""
        fix = problem.fix
        library = self._by_path.get(problem.path)
        if fix is not None and not fix.vetted and library is not None:
            entry = _entry_at(library, self._starts[problem.path], fix.offset)
            if entry is not None and not is_harmless(entry, fix):
                return dataclasses.replace(problem, fix=None)
        return problem


def _entry_at(library: Library, starts: list[int], offset: int) -> Entry | None:
    position = bisect_right(starts, offset) - 1
    if position < 0:
        return None
    entry = library.entries[position]
    return entry if offset <= entry.offset + len(entry.raw) else None


def is_harmless(entry: Entry, fix: Fix) -> bool:
    """Return whether ``fix`` creates no TeX markup and keeps ``entry``'s structure."""
    return harmless(entry.raw, entry.offset, fix, lambda: entry)


def harmless(raw: str, offset: int, fix: Fix, entry: Callable[[], Entry]) -> bool:
    """Return :func:`is_harmless` of the entry written ``raw`` at ``offset``.

    ``entry`` returns the parsed entry; it is called only when the answer
    depends on the entry's fields (an entry known from the cache is parsed
    only then).
    """
    start = fix.offset - offset
    end = start + len(fix.old)
    if raw[start:end] != fix.old:
        return True  # not this entry's text; apply() skips it anyway
    # Most fixes (spaces, dashes, pp.) touch no syntax: skip the re-parse.
    if touches_no_syntax(raw[start - 1 : start], fix):
        return True
    # A token the fix creates overlaps it: a command name runs on into the
    # letters around it, and a backslash escapes the character after it.
    left, right = _word_edges(raw, start, end)
    old_window = raw[left:right]
    new_window = raw[left:start] + fix.new + raw[end:right]
    if created_markup(old_window, new_window, fix.field in _VERBATIM):
        return False
    # Parsing the entry again is what settles it, but it costs a millisecond:
    # only a fix that changes the delimiters BibTeX counts (or what escapes
    # them) can change the parse.
    left = start - (len(raw[:start]) - len(raw[:start].rstrip("\\")))
    before = _skeleton(raw[left : end + 1])
    after = _skeleton(raw[left:start] + fix.new + raw[end : end + 1])
    if before == after:
        return True
    fixed = raw[:start] + fix.new + raw[end:]
    writes = {name for name, _ in fix.fields}
    return _same_structure(entry(), fixed, start, end, writes)


def touches_no_syntax(before: str, fix: Fix) -> bool:
    """Return whether ``fix`` writes or removes no syntax, after no ``\\`` or ``@``.

    ``before`` is the character before the fix. Such a fix passes
    :func:`harmless` whatever its entry, which then need not even be found:
    no token can run through it (a command name only through a backslash or
    ``@`` before it), and it changes no delimiter BibTeX counts.
    """
    return (
        before not in _JOINING
        and _SYNTAX.isdisjoint(fix.old)
        and _SYNTAX.isdisjoint(fix.new)
    )


def _word_edges(raw: str, start: int, end: int) -> tuple[int, int]:
    """Return the span around ``raw[start:end]`` that a token through it could cover."""
    left = start
    while left > 0 and (raw[left - 1].isalpha() or raw[left - 1] == "@"):
        left -= 1
    while left > 0 and raw[left - 1] == "\\":
        left -= 1
    right = end
    while right < len(raw) and (raw[right].isalpha() or raw[right] == "@"):
        right += 1
    return left, min(right + 1, len(raw))


def _skeleton(text: str) -> str:
    """Return the unescaped delimiters of ``text`` in order (escapes match empty)."""
    return "".join(_DELIMITER.findall(text))


def created_markup(before: str, after: str, verbatim: bool = False) -> list[str]:
    r"""Return the TeX tokens ``after`` has more of than ``before``, if forbidden.

    >>> created_markup("{&#92;input x}", "{\\input x}")
    ['\\input']
    >>> created_markup("{Caf\u00e9}", "{Caf{\\'e}}")
    []
    >>> created_markup("a &amp; b", "a \\& b")
    []
    >>> created_markup("{x}", "{x_1}", verbatim=True), created_markup("{x}", "{x_1}")
    ([], ['_'])
    """
    tokens = _TOKEN.findall(after)
    was = _TOKEN.findall(before)
    if tokens == was:
        return []  # the same tokens in the same order: none is added
    added = Counter(tokens)
    added.subtract(Counter(was))
    braces = added["{"] if added["{"] > 0 and added["{"] == added["}"] else 0
    forbidden = []
    for token, count in added.items():
        if count <= 0 or token in _LETTERS or token in _ESCAPES:
            continue
        if token in "{}" and braces:
            continue
        if verbatim and not token.startswith("\\"):
            continue
        forbidden.append(token)
    return forbidden


def _same_structure(
    entry: Entry, fixed: str, start: int, end: int, writes: set[str]
) -> bool:
    """Return whether ``fixed`` parses as ``entry`` does outside the fixed part.

    A fix naming the fields it ``writes`` may add those and no others.
    """
    library = parse.loads(fixed, entry.path)
    if library.failures or len(library.entries) != 1:
        return False
    after = library.entries[0]
    if after.key != entry.key or after.type != entry.type:
        return False
    if writes and not set(after.fields) - set(entry.fields) <= writes:
        return False
    return not _untouched(entry, start, end) - _fields(after)


def _untouched(entry: Entry, start: int, end: int) -> Counter[tuple[str, str]]:
    kept: Counter[tuple[str, str]] = Counter()
    for field in (*entry.fields.values(), *entry.repeated):
        first = field.offset - entry.offset
        if first + len(field.raw) < start or first > end:
            kept[(field.name, field.raw)] += 1
    return kept


def _fields(entry: Entry) -> Counter[tuple[str, str]]:
    every = (*entry.fields.values(), *entry.repeated)
    return Counter((field.name, field.raw) for field in every)
