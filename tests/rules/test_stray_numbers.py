"""CM207 (stray-characters) passes a plain number without reading it further.

Most volumes and numbers are plain ASCII digits: ``check`` skips the numeric
reading for them, which must find nothing in them anyway.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citeman import pages, parse
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


@given(
    st.sampled_from(["pages", "volume", "number"]),
    st.from_regex(r"[0-9]{1,7}(-{1,3}[0-9]{1,7})?", fullmatch=True),
)
def test_a_number_or_range_passed_over_has_nothing_for_the_numeric_reading(
    name: str, value: str
) -> None:
    assert stray_characters._PLAIN_NUMBER.fullmatch(value)
    entry = _entry(name, value)
    assert list(stray_characters._numeric(entry, entry.fields[name])) == []
    assert list(stray_characters.check(entry, RuleContext({}))) == []


def test_ranges_are_read_once_per_value_and_cannot_be_changed() -> None:
    found = pages.ranges("12-15, 7--9")
    assert isinstance(found, tuple) and pages.ranges("12-15, 7--9") is found
    assert [r.text for r in found] == ["12-15", "7--9"]


_VALUE = st.text(st.sampled_from('ab &#;x1\x07\t "{}amp'), max_size=14)


@given(st.sampled_from(["title", "abstract", "note", "pages", "url"]), _VALUE)
def test_an_entry_without_rare_characters_has_none_in_its_values(
    name: str, value: str
) -> None:
    text = f"@article{{k, {name} = {{{value}}}, year = 2000}}"
    entries = parse.loads(text).entries
    for entry in entries:
        rare = stray_characters._RARE_CONTROL.search(entry.raw) or (
            stray_characters._RARE_ENTITY.search(entry.raw)
        )
        for field in entry.fields.values():
            if not rare and field.is_delimited:
                assert not stray_characters._CONTROL.search(field.value)
                assert not stray_characters._ENTITY.search(field.value)
            if field.name in stray_characters._PROSE:
                found = stray_characters._spacing_and_characters(entry, field, False)
                assert list(found) == []
