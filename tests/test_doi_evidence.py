"""missing-doi reads whether an entry is signed without decoding a plain author."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeman import doi_evidence, parse
from citeman.latex import to_text
from tests.conftest import REAL_FILES

_AUTHOR = st.text(st.sampled_from("anonymus kNU.{} \t\n-'`~$\\"), max_size=14)
_WRITTEN = [
    "Anonymous", "{Anonymous}", "Anon.", "anon", "N. N.", "n.  n.", "N.N.",
    "{U}nknown", "Unknown--", "``Anonymous''", " ", "", "Smith, J.", "{\\relax}",
    "\\textbf{Anonymous}", "N.~N.", "Anon{y}mous", "{Anon}ymous and Smith",
]  # fmt: skip


def _decoded(author: str) -> bool:
    """The reading without the shortcut: the decoded author against the pattern."""
    return not doi_evidence._PLACEHOLDER.fullmatch(to_text(author))


@given(_AUTHOR | st.sampled_from(_WRITTEN))
def test_signed_is_read_alike_with_and_without_decoding(author: str) -> None:
    assert doi_evidence._signed(author) == _decoded(author)


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.name)
def test_signed_is_read_alike_on_real_authors(path: Path) -> None:
    for entry in parse.load(path).entries:
        author = entry.get("author")
        assert doi_evidence._signed(author) == _decoded(author), author


def test_placeholders_are_unsigned() -> None:
    for author in ("Anonymous", "{Anonymous}", "N. N.", "n.  n.", "", "Anon{y}mous"):
        assert not doi_evidence._signed(author), author
    assert doi_evidence._signed("Smith, J.")
