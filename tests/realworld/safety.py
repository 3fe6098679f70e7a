"""What "a fix never loses data" means, as one comparison of two values.

A value's *letters* are its letters and digits as a reader sees them: LaTeX and
HTML entities decoded, accents and case folded (a title-case fix changes case,
a mixed-encoding fix changes ``{\\"a}`` to ``ä``, neither loses a letter); ``&``
reads as "and". A DOI is compared from its ``10.`` on, since the resolver
prefix a doi-format fix removes is notation, not part of the DOI.
"""

from __future__ import annotations

import html
import unicodedata

from citeman.latex import to_text


def letters(value: str, field: str = "", *, decode: bool = True) -> str:
    """Return the letters and digits of ``value`` as compared by the safety tests.

    Without ``decode`` LaTeX is left as written: cheaper, and enough for the
    many fixes that touch no LaTeX (pylatexenc would take most of the time).
    """
    if field == "doi" and "10." in value:
        value = value[value.index("10.") :]
    # "&" is the word "and" (a journal-name fix may write either).
    text = html.unescape(value).replace("\\&", " and ").replace("&", " and ")
    text = to_text(text) if decode else text
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in folded if char.isalnum())


def is_subsequence(short: str, long: str) -> bool:
    """Return whether ``short``'s characters appear in ``long`` in order."""
    it = iter(long)
    return all(char in it for char in short)


def kept_apart_from(old: str, deleted: list[str], new: str) -> bool:
    """Return whether ``new`` keeps all of ``old`` but one occurrence of each deletion.

    Where in ``old`` a deleted text stood is not recorded, so each occurrence
    is tried (values are short and deletions few).
    """
    if not deleted:
        return is_subsequence(old, new)
    first, rest = deleted[0], deleted[1:]
    start = old.find(first)
    while start >= 0:
        if kept_apart_from(old[:start] + old[start + len(first) :], rest, new):
            return True
        start = old.find(first, start + 1)
    return False
