"""Which characters a standalone LaTeX document can print with pdfLaTeX's fonts.

pdfLaTeX reads UTF-8 only for the characters its loaded font encodings (T1,
TS1, OT1, OMS) declare; any other (Greek, CJK, a lone combining accent) stops
the run with "Unicode character … not set up for use with LaTeX". The table
is the union of those declarations in LaTeX's ``t1enc.dfu``, ``ts1enc.dfu``,
``ot1enc.dfu``, ``omsenc.dfu`` and the encoding-independent part of
``utf8enc.dfu`` (TeX Live 2022), as ranges of code points.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

_DECLARED = (
    (0x00A0, 0x0125),
    (0x0128, 0x0137),
    (0x0139, 0x013E),
    (0x0141, 0x0148),
    (0x014A, 0x0165),
    (0x0168, 0x017E),
    (0x0192, 0x0192),
    (0x01C4, 0x01D4),
    (0x01E2, 0x01E3),
    (0x01E6, 0x01EB),
    (0x01F0, 0x01F0),
    (0x01F4, 0x01F5),
    (0x0218, 0x021B),
    (0x0232, 0x0233),
    (0x0237, 0x0237),
    (0x02C6, 0x02C7),
    (0x02D8, 0x02D9),
    (0x02DB, 0x02DD),
    (0x0E3F, 0x0E3F),
    (0x1E02, 0x1E03),
    (0x1E0D, 0x1E0D),
    (0x1E1E, 0x1E21),
    (0x1E25, 0x1E25),
    (0x1E30, 0x1E31),
    (0x1E37, 0x1E37),
    (0x1E43, 0x1E43),
    (0x1E45, 0x1E45),
    (0x1E47, 0x1E47),
    (0x1E5B, 0x1E5B),
    (0x1E63, 0x1E63),
    (0x1E6D, 0x1E6D),
    (0x1E8E, 0x1E91),
    (0x1E9E, 0x1E9E),
    (0x1EF2, 0x1EF3),
    (0x200C, 0x200C),
    (0x2010, 0x2016),
    (0x2018, 0x201A),
    (0x201C, 0x201E),
    (0x2020, 0x2022),
    (0x2026, 0x2026),
    (0x2030, 0x2031),
    (0x2039, 0x203B),
    (0x203D, 0x203D),
    (0x2044, 0x2044),
    (0x204E, 0x204E),
    (0x2052, 0x2052),
    (0x20A1, 0x20A1),
    (0x20A4, 0x20A4),
    (0x20A6, 0x20A6),
    (0x20A9, 0x20A9),
    (0x20AB, 0x20AC),
    (0x20B1, 0x20B1),
    (0x2103, 0x2103),
    (0x2116, 0x2117),
    (0x211E, 0x211E),
    (0x2120, 0x2120),
    (0x2122, 0x2122),
    (0x2126, 0x2127),
    (0x212E, 0x212E),
    (0x2190, 0x2193),
    (0x2329, 0x232A),
    (0x2422, 0x2423),
    (0x25E6, 0x25E6),
    (0x25EF, 0x25EF),
    (0x266A, 0x266A),
    (0x27E8, 0x27E9),
    (0x3008, 0x3009),
    (0xFB00, 0xFB06),
    (0xFEFF, 0xFEFF),
)
_STARTS = [start for start, _ in _DECLARED]


def is_declared(char: str) -> bool:
    """Return whether pdfLaTeX (T1 fonts, UTF-8 input) can print ``char``.

    >>> is_declared("a"), is_declared("é"), is_declared("–"), is_declared("Π")
    (True, True, True, False)
    """
    code = ord(char)
    if code < 0x80:
        return True
    position = bisect_right(_STARTS, code) - 1
    return position >= 0 and code <= _DECLARED[position][1]


def undeclared(text: str) -> list[str]:
    """Return the characters of ``text`` pdfLaTeX cannot print, sorted, once each."""
    return sorted({char for char in text if not is_declared(char)})


def declarations(characters: Iterable[str]) -> str:
    r"""Return preamble lines that print each character as its code point.

    >>> print(declarations(["Π"]), end="")
    \DeclareUnicodeCharacter{03A0}{\citemanmissing{03A0}}
    """
    return "".join(
        f"\\DeclareUnicodeCharacter{{{ord(c):04X}}}{{\\citemanmissing{{{ord(c):04X}}}}}\n"
        for c in characters
    )
