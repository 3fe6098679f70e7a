"""Pure functions on BibTeX field text: braces, LaTeX to Unicode, letter case."""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text

_LATEX_SPECIAL = re.compile(r"[\\{}~$]")
_CONVERTER = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


@lru_cache(maxsize=65536)
def _decode(value: str) -> str:
    return str(_CONVERTER.latex_to_text(value))


def to_unicode(value: str) -> str:
    """Return ``value`` as a reader sees it: LaTeX decoded, braces dropped.

    Values without a backslash, brace, tilde or dollar sign (most of them) are
    returned as they are, because decoding is far slower than parsing.

    >>> to_unicode(r"Kivim{\\"a}ki and {DNA}")
    'Kivimäki and DNA'
    >>> to_unicode("plain")
    'plain'
    """
    if _LATEX_SPECIAL.search(value) is None:
        return value
    return _decode(value)


def strip_braces(value: str) -> str:
    """Return ``value`` without any ``{`` or ``}``.

    >>> strip_braces("{The} {DNA} of {{NASA}}")
    'The DNA of NASA'
    """
    return value.replace("{", "").replace("}", "")
