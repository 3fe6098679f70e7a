"""Where an online source lives and who to name as contact, checked once per run.

A base URL comes from an environment variable a user may have filled with a
mirror's address, a typo or a URL carrying credentials. It is validated before
any request (one clear message instead of one cryptic line per lookup), and
every message that names it shows it redacted: userinfo and query values never
reach a terminal or a CI log.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit, urlunsplit

from citeman.errors import UsageError

#: An address as a mail server takes it: local part, ``@``, a dotted domain.
_PART = r"[^@\s\x00-\x1f\x7f<>()\[\],;:\"]"
_ADDRESS = re.compile(rf"{_PART}+@{_PART}+\.(?:(?!\.){_PART})+")
#: A URL with userinfo inside free text (an exception's message, say).
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/@\s]*@")
_QUERY_VALUE = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^\s?#]*\?)(\S*)")


def base_url(value: str, variable: str) -> str:
    """Return ``value`` as a base URL without a trailing slash, or refuse it.

    ``variable`` names where the value came from, for the message.

    >>> base_url("https://api.crossref.org/", "CITEMAN_CROSSREF_URL")
    'https://api.crossref.org'
    >>> base_url("ftp://user:pw@example.org", "CITEMAN_CROSSREF_URL")
    Traceback (most recent call last):
    citeman.errors.UsageError: CITEMAN_CROSSREF_URL is not an http or https URL: ftp://***@example.org
    """
    shown = redact(value)
    try:
        parts = urlsplit(value.strip())
        _ = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError:
        raise UsageError(f"{variable} is not a valid URL: {shown}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UsageError(f"{variable} is not an http or https URL: {shown}")
    if not parts.hostname or any(char.isspace() or ord(char) < 32 for char in value):
        raise UsageError(f"{variable} is not a valid URL: {shown}")
    if parts.fragment:
        raise UsageError(f"{variable} must not carry a #fragment: {shown}")
    return urlunsplit(parts._replace(path=parts.path.rstrip("/"))).strip()


def redact(url: str) -> str:
    """Return ``url`` without its password, token or query values.

    >>> redact("https://user:secret@api.example.org/v1?token=abc&rows=2")
    'https://***@api.example.org/v1?token=***&rows=***'
    >>> redact("https://api.crossref.org")
    'https://api.crossref.org'
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact_text(url)
    return urlunsplit(_redacted(parts))


def redact_text(text: str) -> str:
    """Return ``text`` with every URL's userinfo and query values hidden.

    >>> redact_text("cannot reach http://a:b@host/x?key=1 now")
    'cannot reach http://***@host/x?key=*** now'
    """
    text = _USERINFO.sub(r"\1***@", text)
    return _QUERY_VALUE.sub(lambda found: found.group(1) + _hide(found.group(2)), text)


def mailto(value: str, where: str) -> str:
    """Return the contact ``value`` if it is an email address, else refuse it.

    ``where`` names where it came from (``--mailto``, ``CITEMAN_MAILTO``…).

    >>> mailto("me@example.org", "--mailto")
    'me@example.org'
    >>> mailto("me at example", "--mailto")
    Traceback (most recent call last):
    citeman.errors.UsageError: --mailto is not an email address: 'me at example'
    """
    if _ADDRESS.fullmatch(value) is None:
        raise UsageError(f"{where} is not an email address: {value!r}")
    return value


def _redacted(parts: SplitResult) -> SplitResult:
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    return parts._replace(netloc=netloc, query=_hide(parts.query))


def _hide(query: str) -> str:
    """Return a query string with every value replaced by ``***``."""
    if not query:
        return query
    pairs = (pair.partition("=") for pair in query.split("&"))
    return "&".join(f"{name}={'***' if value else ''}" if sep else "***"
                    for name, sep, value in pairs)  # fmt: skip
