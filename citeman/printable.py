"""Show control characters as visible escapes before anything reaches a reader.

A bibliography, a file name or a server's answer can hold ESC sequences (colour,
``OSC 52`` clipboard writes, ``OSC 8`` hyperlinks), carriage returns that
overwrite a line, or newlines that forge a second line (a fake ``::error``
annotation in a CI log). Every printer passes the values it shows through
:func:`visible`, so a terminal or a log only ever receives text.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the
# bidirectional overrides and isolates that reorder what a reader sees.
_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
)
_CONTROL_WHITESPACE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\u200e\u200f\u061c]"
)
_LONE_CARRIAGE_RETURN = re.compile("\r(?!\n)")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    r"""Return ``text`` as one line: every control character as ``\xNN``.

    >>> visible("key\x1b]52;c;aGk=\x07\n::error::x")
    'key\\x1b]52;c;aGk=\\x07\\x0a::error::x'
    """
    return _CONTROLS.sub(_escape, text)


def visible_keeping_lines(text: str) -> str:
    r"""Return ``text`` with its controls escaped, but tabs and line ends kept.

    For text whose lines are meant (a diff, a rendered document); a lone
    carriage return, which would overwrite a line on a terminal, is escaped.

    >>> visible_keeping_lines("a\tb\r\nc\rd\x1b[2J\n")
    'a\tb\r\nc\\x0dd\\x1b[2J\n'
    """
    escaped = _CONTROL_WHITESPACE.sub(_escape, text)
    if "\r" not in escaped:  # the common case: rendering calls this per piece
        return escaped
    return _LONE_CARRIAGE_RETURN.sub(r"\\x0d", escaped)


def has_controls(text: str) -> bool:
    """Return whether ``text`` holds a character :func:`visible` would escape."""
    return _CONTROLS.search(text) is not None
