"""CM207 (stray-characters) passes a plain number without reading it further.

Most volumes and numbers are plain ASCII digits: ``check`` skips the numeric
reading for them, which must find nothing in them anyway.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citeman import parse
from citeman.model import Entry
from citeman.rules import stray_characters
from citeman.rules.base import RuleContext


def _entry(name: str, value: str) -> Entry:
    (entry,) = parse.loads(f"@article{{k, {name} = {{{value}}}}}").entries
    return entry


@given(
    st.sampled_from(["pages", "volume", "number"]),
    st.from_regex(r"[0-9]{1,9}", fullmatch=True),
)
def test_a_plain_number_has_nothing_for_the_numeric_reading(
    name: str, value: str
) -> None:
    entry = _entry(name, value)
    assert list(stray_characters._numeric(entry, entry.fields[name])) == []
    assert list(stray_characters.check(entry, RuleContext({}))) == []


def test_junk_after_a_number_is_still_reported() -> None:
    for name, value in [("volume", "12,"), ("number", "3;"), ("pages", "pp. 12")]:
        entry = _entry(name, value)
        assert list(stray_characters.check(entry, RuleContext({}))), (name, value)
