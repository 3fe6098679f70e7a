"""Find citations by key: pandoc's ``[@key]``/``@key`` and LaTeX's ``\\cite{key}``.

LaTeX: ``\\cite``, natbib's ``\\citep``/``\\citet``/``\\citealp``/…, biblatex's
``\\parencite``/``\\textcite``/``\\autocite``/… and their multi-citation forms
(``\\parencites[p.~3]{a}{b}``), with optional ``[…]`` and ``(…)`` arguments and
several keys. ``\\nocite{*}`` and pandoc's ``@*`` cite the whole list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.audit.manuscript import Manuscript
from citeman.audit.model import Citation, Form

_PANDOC = re.compile(
    r"(?<![\w@\\])-?@(?:\{(?P<braced>[^{}\s]+)\}|(?P<key>\w(?:[\w:.#$%&\-+?<>~/]*\w)?))"
)
_PANDOC_ALL = re.compile(r"(?<![\w@\\])@\*")
_COMMAND = re.compile(r"\\([A-Za-z]+)\*?")
_COMMANDS = frozenset({
    "cite", "citep", "citet", "citealp", "citealt", "citeauthor", "citeyear",
    "citeyearpar", "citetitle", "citenum", "parencite", "textcite", "autocite",
    "footcite", "footcitetext", "smartcite", "supercite", "fullcite", "nocite",
})  # fmt: skip
_MULTI = frozenset({
    "cites", "parencites", "textcites", "autocites", "footcites", "smartcites",
    "supercites",
})  # fmt: skip
_SPACE = re.compile(r"[ \t]*\n?[ \t]*")


def pandoc(manuscript: Manuscript, text: str) -> tuple[list[Citation], bool]:
    """Return pandoc citations in ``text`` and whether ``@*`` cites everything."""
    citations = []
    for match in _PANDOC.finditer(text):
        group = "braced" if match.group("braced") else "key"
        span = manuscript.span(match.start(group), match.end(group))
        citations.append(
            Citation(manuscript.path, span, Form.KEY, key=match.group(group))
        )
    return citations, _PANDOC_ALL.search(text) is not None


def latex(manuscript: Manuscript, text: str) -> tuple[list[Citation], bool]:
    """Return the keys of LaTeX citation commands and whether one is ``*``."""
    citations: list[Citation] = []
    everything = False
    for match in _COMMAND.finditer(text):
        name = match.group(1).lower()
        if name not in _COMMANDS and name not in _MULTI:
            continue
        for start, end in _key_groups(text, match.end(), many=name in _MULTI):
            for key_start, key_end in _keys(text, start, end):
                key = text[key_start:key_end]
                if key == "*":
                    everything = True
                    continue
                span = manuscript.span(key_start, key_end)
                citations.append(Citation(manuscript.path, span, Form.KEY, key=key))
    return citations, everything


def _key_groups(text: str, position: int, *, many: bool) -> Iterator[tuple[int, int]]:
    """Yield the inside of each ``{keys}`` argument after a command."""
    while True:
        space = _SPACE.match(text, position)
        position = space.end() if space else position
        opener = text[position : position + 1]
        if opener in ("[", "("):
            close = _closing(text, position, "]" if opener == "[" else ")")
            if close < 0:
                return
            position = close + 1
            continue
        if opener != "{":
            return
        close = _closing(text, position, "}")
        if close < 0:
            return
        yield position + 1, close
        if not many:
            return
        position = close + 1


def _closing(text: str, start: int, closer: str) -> int:
    """Return the index of ``closer`` matching ``text[start]``, braces balanced."""
    depth = 0
    for index in range(start + 1, min(len(text), start + 2000)):
        char = text[index]
        if char == closer and depth == 0:
            return index
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
    return -1


def _keys(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the bounds of each comma-separated key, without the spaces."""
    for match in re.finditer(r"[^,\s]+", text[start:end]):
        yield start + match.start(), start + match.end()
