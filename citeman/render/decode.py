"""Field values as a reader sees them: LaTeX decoded, braces dropped, spaces tidied."""

from __future__ import annotations

import re

from citeman.text import to_unicode

_SPACE = re.compile(r"\s+")
_NEEDS_LATEX = re.compile(r"[\\$~%&]")


def text(value: str) -> str:
    """Return a field value as a reader sees it: decoded, one space between words.

    TeX's ligatures become the characters they print (``--`` is an en dash,
    two backquotes an opening double quote).

    >>> text("Kivim{\\\\\\"a}ki,\\n  M."), text("Wisconsin--Madison")
    ('Kivimäki, M.', 'Wisconsin–Madison')
    """
    if _NEEDS_LATEX.search(value) is None:
        # Most values need no LaTeX decoding at all, only their braces dropped
        # (``{DNA}``); pylatexenc costs a hundred times more than this.
        decoded = value.replace("{", "").replace("}", "")
        if "`" in decoded or "''" in decoded:
            decoded = decoded.replace("``", "“").replace("''", "”")
    else:
        decoded = to_unicode(value)
    if "--" in decoded:
        decoded = decoded.replace("---", "—").replace("--", "–")
    return _SPACE.sub(" ", decoded).strip()
