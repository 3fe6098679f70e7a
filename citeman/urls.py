"""Read the URLs a ``url`` field holds, and decide which may become live links.

Some files list several URLs in one ``url`` field, separated by spaces or
``;`` (Beebe's bibliographies, Mendeley exports): :func:`split` tells them
apart, so that a reference prints one (APA gives one URL per reference).

A ``url`` or ``doi`` field is written by whoever wrote the ``.bib`` file. A link
to ``javascript:``, ``data:`` or ``vbscript:`` runs code when a reader clicks
it, so only the schemes a reference list needs are linked; every other URL is
printed as inert text. Browsers drop tabs, newlines and leading controls from a
URL before reading its scheme (``java\\tscript:``), so a URL holding any
whitespace or control character is never linked either.
"""

from __future__ import annotations

import re

#: The schemes that become links; compared case-insensitively.
LINKED_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "doi"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# A separator is only a separator before another URL's scheme: a space inside
# one URL ("Volume 9/Issue 2") is a badly written path, not a second URL.
_NEXT_URL = re.compile(r"(?:\s*;\s*|\s+)(?=[A-Za-z][A-Za-z0-9+.\-]*://)")
_SPACE = re.compile(r"\s+")
_UNSAFE_CHARACTER = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029\ufeff]")


def is_linkable(url: str) -> bool:
    """Return whether ``url`` may be written as a live link.

    >>> is_linkable("https://doi.org/10.1000/1"), is_linkable("mailto:a@b.org")
    (True, True)
    >>> is_linkable("JavaScript:alert(1)"), is_linkable("java\\tscript:x")
    (False, False)
    >>> is_linkable("data:text/html,<b>"), is_linkable("www.example.org")
    (False, False)
    """
    if not url or _UNSAFE_CHARACTER.search(url):
        return False
    scheme = _SCHEME.match(url)
    return scheme is not None and scheme.group(1).lower() in LINKED_SCHEMES


def split(value: str) -> list[str]:
    """Return the URLs of a ``url`` field in order, each without whitespace.

    A URL broken across lines in the file is joined again, and a trailing
    ``;`` dropped.

    >>> split("http://a.org/x.html;\\n   http://b.org/y http://c.org/z")
    ['http://a.org/x.html', 'http://b.org/y', 'http://c.org/z']
    >>> split("https://a.org/Volume 9/x.pdf"), split("  ")
    (['https://a.org/Volume9/x.pdf'], [])
    """
    pieces = (_SPACE.sub("", piece).rstrip(";") for piece in _NEXT_URL.split(value))
    return [piece for piece in pieces if piece]
