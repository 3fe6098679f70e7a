"""Find the ``%`` comments inside entries, which biber reads as comments.

BibTeX itself has no comments inside an entry, but biber (btparse) and most
users treat a ``%`` between fields as the start of a comment running to the end
of its line: ``%eprint = {…},`` is a field someone switched off. bibtexparser
would read it as a field named ``%eprint``, or fail on the block. The parser
therefore blanks these stretches out before splitting, keeping every offset.

Only a ``%`` at an entry's top level counts: inside a ``{…}`` or ``"…"`` value
it is text (``50%``, URLs). The scan mirrors bibtexparser's splitter: a
backslash-escaped delimiter is not a delimiter, and a block starts at ``@type``
followed by ``{`` or ``(``.
"""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"@(\w*)[ \t]*([{(])")
_MARKS = re.compile(r'(?<!\\)[{}"%@]')
_PAREN_MARKS = re.compile(r'(?<!\\)[{}"%@)]')


def find(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of every ``%`` comment inside an entry.

    A comment outside entries is listed too when it holds a block start
    (``% @book{…``), since bibtexparser would otherwise start a block there.

    ``end`` is the offset of the newline ending the comment (or of the end of
    the text); the newline itself is not part of the comment.

    >>> find("@a{k,\\n %x = {1},\\n y = {50%}}\\n% outside\\n")
    [(7, 16)]
    """
    found: list[tuple[int, int]] = []
    position = 0
    # Only blocks holding a `%` need the (slow) scan: from each `%`, go back to
    # the block it may be in, scan that block, and carry on after it.
    while (percent := text.find("%", position)) >= 0:
        start = _block_before(text, position, percent)
        end = -1
        if start is not None:
            match = _BLOCK_START.match(text, start)
            assert match is not None  # _block_before checked it
            if match.group(1).lower() != "comment":
                end = _scan_block(text, match.end(), match.group(2) == "(", found)
        if end <= percent:  # the `%` is outside every entry: skip its line
            newline = text.find("\n", percent)
            end = len(text) if newline < 0 else newline
            # `% @article{…` is an entry switched off: no block starts there.
            if _BLOCK_START.search(text, percent, end):
                found.append((percent, end))
        position = end
    return found


def _block_before(text: str, low: int, index: int) -> int | None:
    """Return the offset of the last block start in ``text[low:index]``, if any."""
    at = text.rfind("@", low, index)
    while at >= 0:
        if _at_line_start(text, at) and _BLOCK_START.match(text, at):
            return at
        at = text.rfind("@", low, at)
    return None


def _scan_block(
    text: str, position: int, parenthesised: bool, found: list[tuple[int, int]]
) -> int:
    """Scan one block body from ``position``, appending its comments; return its end.

    ``depth`` counts open braces, plus one for a ``{``-delimited block itself,
    so the block's top level (between fields) is ``depth == top``.
    """
    top = 0 if parenthesised else 1
    depth = top
    quoted = False
    marks = _PAREN_MARKS if parenthesised else _MARKS
    while mark := marks.search(text, position):
        char = mark.group()
        index = mark.start()
        position = index + 1
        if char == "@":
            if _at_line_start(text, index) and _BLOCK_START.match(text, index):
                return index  # bibtexparser gives up on the block here, so do we
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and not parenthesised and not quoted:
                return position
        elif quoted:
            quoted = not (char == '"' and depth == top)
        elif char == ")" and depth == 0:
            return position
        elif char == '"' and depth == top:
            quoted = True
        elif char == "%" and depth == top:
            end = text.find("\n", index)
            position = len(text) if end < 0 else end
            found.append((index, position))
    return len(text)


def _at_line_start(text: str, index: int) -> bool:
    """Return whether only blanks stand between the line's start and ``index``."""
    return not text[text.rfind("\n", 0, index) + 1 : index].strip()
