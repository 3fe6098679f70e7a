"""decode's shortcut for text set one way gives what the general tidying gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeman import latex, parse
from citeman.latex import Decoded
from citeman.latex.commands import handle
from citeman.latex.scanner import Scanner
from tests.conftest import REAL_FILES

_PIECES = st.sampled_from(
    ["a", "B", " ", "  ", "\t", "\n", "{", "}", "\\\"", "\\'e", "\\TeX",
     "\\emph{", "$", "_", "^", "~", "--", "``", "''", "\\foo", "\\ ", "\\\\",
     "\\textbf{x}", "\\ch{", "é", "\\relax", "\\url{", "\\verb|", "|", "\\SI{",
     "\\kelvin", "\\(", "\\)", "%"]
)  # fmt: skip


def _tidied(value: str) -> Decoded:
    """Decode ``value`` the general way: every node through ``_tidy``."""
    scanner = Scanner(value)
    nodes = latex._tidy(scanner.run(handle))
    return Decoded(nodes, latex._text(nodes), tuple(scanner.unknown))


def _decoded(value: str) -> Decoded:
    return latex.decode.__wrapped__(value)  # not the cached answer


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_the_shortcut_decodes_as_the_general_tidying(value: str) -> None:
    if "\\" in value or "$" in value or "~" in value:
        assert _decoded(value) == _tidied(value)


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.name)
def test_real_values_decode_alike_both_ways(path: Path) -> None:
    for entry in parse.load(path).entries:
        for field in entry.fields.values():
            value = field.value
            if "\\" in value or "$" in value or "~" in value:
                assert _decoded(value) == _tidied(value), value


def test_one_way_text_is_one_segment() -> None:
    found = _decoded('  Kivim{\\"a}ki~and \\TeX  ')
    assert found.nodes == (latex.Segment("Kivimäki and TeX"),)
    assert found.text == "Kivimäki and TeX"
    assert _decoded("{\\relax}") == Decoded((), "", ())
