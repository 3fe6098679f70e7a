"""Control characters shown as visible escapes."""

from __future__ import annotations

import pytest

from citeman.printable import has_controls, visible, visible_keeping_lines


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain \\'e text", "plain \\'e text"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"),
        ("\x1b]8;;http://x\x1b\\link", "\\x1b]8;;http://x\\x1b\\link"),
        ("over\rwrite", "over\\x0dwrite"),
        ("a\n::error::forged", "a\\x0a::error::forged"),
        ("tab\there", "tab\\x09here"),
        ("\x9b31m", "\\x9b31m"),
        ("del\x7f", "del\\x7f"),
        ("rtl\u202egnp.exe", "rtl\\u202egnp.exe"),
        ("line\u2028sep", "line\\u2028sep"),
    ],
    ids=repr,
)
def test_visible_escapes_every_control(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert not has_controls(visible(raw))


def test_visible_keeping_lines_keeps_tabs_and_line_ends_only() -> None:
    assert visible_keeping_lines("a\tb\r\nc\n\x1b[2Jd\re") == (
        "a\tb\r\nc\n\\x1b[2Jd\\x0de"
    )
