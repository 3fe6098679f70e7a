"""Where the elements of a formatted reference end: the full stops between them.

A reference is a series of elements (author, date, title, source) each ending
in a period, question mark or exclamation mark followed by a space. A mark
inside parentheses, brackets or quotation marks does not end an element, nor
does the period of an initial (``U.S.``) or of a common abbreviation.
"""

from __future__ import annotations

_OPEN = {"(": ")", "[": "]", "“": "”", "‘": "’"}
_CLOSE = {")", "]", "”", "’"}
_MARKS = ".?!"
_ABBREVIATIONS = {
    "dr", "st", "mr", "mrs", "ms", "vs", "no", "vol", "pp", "p", "ed", "eds",
    "trans", "al", "e.g", "i.e", "cf", "jr", "sr", "ca", "approx", "fig",
}  # fmt: skip


def ends(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Return the positions just after each element's closing mark.

    >>> text = "Does it grow on trees? Restoration in the U.S. Atlantic Council."
    >>> [text[end - 8 : end] for end in ends(text)]
    ['n trees?', 'Council.']
    """
    stop = len(text) if end is None else end
    found: list[int] = []
    stack: list[str] = []
    straight = False
    index = start
    while index < stop:
        char = text[index]
        if char in _OPEN and char != "’":
            stack.append(_OPEN[char])
        elif stack and char == stack[-1]:
            stack.pop()
            if (
                not stack
                and text[index - 1] in _MARKS
                and _is_gap(text, index + 1, stop)
            ):
                found.append(index + 1)
        elif char == '"':
            straight = not straight
            if (
                not straight
                and not stack
                and text[index - 1] in _MARKS
                and _is_gap(text, index + 1, stop)
            ):
                found.append(index + 1)
        elif (
            char in _MARKS
            and not stack
            and not straight
            and _is_gap(text, index + 1, stop)
            and not _is_abbreviation(text, index)
        ):
            found.append(index + 1)
        index += 1
    return found


def _is_gap(text: str, index: int, stop: int) -> bool:
    """Return whether ``index`` is the end or a space (an element may follow)."""
    return index >= stop or text[index].isspace()


def _is_abbreviation(text: str, index: int) -> bool:
    """Return whether the period at ``index`` closes an initial or abbreviation."""
    if text[index] != ".":
        return False
    word_start = index
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:index].lstrip("(“\"'")
    last = word.rsplit(".", 1)[-1].rsplit("-", 1)[-1]
    if len(last) == 1 and last.isupper():
        return True
    after = text[index + 1 : index + 3].strip()
    return word.lower() in _ABBREVIATIONS and not (after[:1].isupper() and word == "al")
