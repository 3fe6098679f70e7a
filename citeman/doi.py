"""DOIs: recognise one in the ways people write it, reduce it to its bare form, link it.

A DOI is ``10.`` + a registrant code + ``/`` + a suffix of any printable
characters. People write it as a link (``https://doi.org/…``,
``http://dx.doi.org/…``, a publisher's resolver such as ``http://doi.acm.org/…``),
with a ``doi:`` label, wrapped over lines, URL-encoded (``%28`` for ``(``), or
with LaTeX escapes (``\\_``). Everything in citeman that reads or compares a DOI
goes through :func:`normalise` so that those spellings count as one DOI; the
case is kept as written, because it is what the author typed, but comparisons
use :func:`key` since DOIs are case-insensitive. The legacy double slash in
``10.1037//0022-006x.62.5.1009`` is part of a registered alias and is never rewritten.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

#: A bare DOI: directory ``10``, a registrant code of 4–9 digits (with optional
#: dotted sub-codes), a slash and a non-empty suffix without whitespace.
DOI_PATTERN = re.compile(r"10\.\d{4,9}(?:\.\d+)*/\S+")

_PREFIX = re.compile(
    r"^(?:"
    r"(?:https?://)?(?:[a-z0-9-]+\.)*doi\.[a-z0-9.-]+/"
    r"|doi\s*:\s*|doi\s+(?=10\.)"
    r"|info:doi/"
    r")",
    re.IGNORECASE,
)
_DOI_START = re.compile(r"10\.\d{4,9}|[a-z]+://|doi:", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_LATEX_ESCAPE = re.compile(r"\\([_%#&])")
# Kept as written in a doi.org link: RFC 3986 path characters (sub-delims, ":"
# and "@") and "/", so that ``(19)30248-8`` stays readable as in APA's examples.
_URL_SAFE = "/:@!$&'()*+,;=-._~"


def normalise(text: str) -> str | None:
    """Return the bare DOI written in ``text``, or None if it is not DOI syntax.

    >>> normalise(" https://doi.org/10.1016/S2468-2667%2819%2930248-8 ")
    '10.1016/S2468-2667(19)30248-8'
    >>> normalise("doi: 10.1037//0022-006x.62.5.1009")
    '10.1037//0022-006x.62.5.1009'
    >>> normalise("http://dx.doi.org/10.1002/ab\\\\_c")
    '10.1002/ab_c'
    >>> normalise("10.1037/ 0022-006X.62.5.1009")
    '10.1037/0022-006X.62.5.1009'
    >>> normalise("https://example.org/10.1037/x") is None
    True
    >>> normalise("10.1037/a1 10.1037/a2") is None
    True
    """
    bare = text.strip()
    while (found := _PREFIX.match(bare)) is not None and found.end():
        bare = bare[found.end() :].lstrip()
    pieces = bare.split()
    if len(pieces) > 1:
        if any(_DOI_START.match(piece) for piece in pieces[1:]):
            return None  # two DOIs (or links), not one wrapped over lines
        bare = "".join(pieces)
    if "%" in bare:
        bare = unquote(bare)
    if "\\" in bare:
        bare = _LATEX_ESCAPE.sub(r"\1", bare)
    if DOI_PATTERN.fullmatch(bare) is None:
        return None
    return bare


def key(doi: str) -> str:
    """Return the form of ``doi`` to compare DOIs by: normalised and lower-cased.

    Text that is not DOI syntax is compared by itself, without whitespace.

    >>> key("https://doi.org/10.1037/0022-006X.62.5.1009")
    '10.1037/0022-006x.62.5.1009'
    >>> key("not a doi") == key("NOT A DOI")
    True
    """
    bare = normalise(doi)
    if bare is None:
        bare = _WHITESPACE.sub("", doi)
    return bare.lower()


def to_url(doi: str) -> str:
    """Return the ``https://doi.org/`` link of ``doi`` (bare or not).

    Characters a URL path cannot hold are percent-encoded; parentheses, colons
    and semicolons stay as they are. Text that is not a DOI is linked as given.

    >>> to_url("10.1016/S2468-2667(19)30248-8")
    'https://doi.org/10.1016/S2468-2667(19)30248-8'
    >>> to_url("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O")
    'https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-O'
    >>> to_url("doi:10.1000/a#b?c")
    'https://doi.org/10.1000/a%23b%3Fc'
    """
    bare = normalise(doi) or doi.strip()
    return "https://doi.org/" + quote(bare, safe=_URL_SAFE)


def is_bare(text: str) -> bool:
    """Return whether ``text`` is a DOI exactly as :func:`normalise` gives it.

    >>> is_bare("10.1037/0022-006X.62.5.1009")
    True
    >>> is_bare("https://doi.org/10.1037/0022-006X.62.5.1009")
    False
    >>> is_bare("10.1037/ 0022")
    False
    """
    return normalise(text) == text
