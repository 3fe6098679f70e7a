"""Every raw value lies in its entry's text, where rules look for characters at once.

stray-characters looks for control characters and entities in the entry's
text only, and malformed-concatenation passes over an entry without a ``#``:
both rely on each field's raw text being part of the entry's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman import parse
from citeman.model import Entry
from tests.conftest import REAL_FILES


def _contained(entry: Entry) -> None:
    for field in (*entry.fields.values(), *entry.repeated):
        start = field.offset - entry.offset
        assert entry.raw[start : start + len(field.raw)] == field.raw


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.name)
def test_every_raw_value_lies_in_its_entry_text(path: Path) -> None:
    for entry in parse.load(path).entries:
        _contained(entry)


_PIECE = st.sampled_from(
    ["@article{k,", "@string{m = {x}}", " title = ", "{a # b}", '"q"', " # ", "m",
     "jan", ",", "}", "{", "\n", "% c\n", "2000", "\\}", "(", ")", " year = "]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, max_size=20).map("".join))
def test_messy_entries_keep_their_raw_values_inside(text: str) -> None:
    for entry in parse.loads(text).entries:
        _contained(entry)
