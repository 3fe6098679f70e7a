"""The JSON report is byte-for-byte what the standard library's indent=2 writes."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from citeman.report.json import encode

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(_VALUES)
def test_encode_matches_json_dumps(value: object) -> None:
    assert encode(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_encode_keeps_control_characters_and_non_ascii_escaped_alike() -> None:
    value = [{"message": 'Ä "q" \\ \x1b \u2028 \ud800', "line": 3, "fix": None}]
    assert encode(value) == json.dumps(value, indent=2, ensure_ascii=False)
