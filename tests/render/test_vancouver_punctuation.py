"""Vancouver elements end with one period, never two and never after a space.

The input holds the forms that printed ``Adv. Mater..``, ``Anonymous .`` and
``Mosella. ; n.d..`` on the real corpora; each reference is checked whole.
"""

from __future__ import annotations

import re

import pytest

from citeman import parse, render
from citeman.render import filters
from citeman.render.markup import Safe
from tests.render.goldens import INPUTS

SOURCE = INPUTS / "vancouver_punctuation.bib"
EXPECTED = [
    "1. Zhang W, Li M. Flexible electronics. Adv. Mater. 2018;30(5):1705.",
    "2. Anonymous. Questions and answers. TUGboat. 1980;1:21.",
    "3. Xenophon. Anabasis. Teubner; date unknown.",
    "4. Ausonius. Mosella. date unknown.",
    "5. Smith J. Notes. J. Hist. date unknown.",
    "6. Alex A.J. Typesetting. Press; 2006.",
    "7. Homer, editor. Collected hymns. Oxford: Clarendon; 1990.",
    "8. Haralambous Y. New hyphenation techniques in Ω₂. TUGboat. 2006;27(1):98-103.",
]
#: A doubled period (not an ellipsis), a space before punctuation, an empty slot.
DEFECTS = re.compile(r"[^.]\.\.(?!\.)| [.,;:]|\.\s*;")


def _render(fmt: str) -> str:
    return render.render(parse.load(SOURCE).entries, render.find("vancouver"), fmt)


def test_each_reference_has_single_periods() -> None:
    assert [line for line in _render("text").splitlines() if line] == EXPECTED


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "latex", "rtf"])
def test_no_format_doubles_or_detaches_a_period(fmt: str) -> None:
    assert not DEFECTS.findall(_render(fmt))


def test_terminate_drops_trailing_space_of_marked_piece() -> None:
    ended = filters.terminate(Safe("Tom &amp; Jerry ", "Tom & Jerry "))
    assert isinstance(ended, Safe)
    assert (str(ended), ended.plain) == ("Tom &amp; Jerry.", "Tom & Jerry.")
