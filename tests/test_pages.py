"""A pages value that is one plain range is read at once, as item by item."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citeman import pages

_PLAIN = st.from_regex(r"[0-9]{1,7}--[0-9]{1,7}", fullmatch=True)
_OTHER = st.text(st.sampled_from("0129-– ,eS."), max_size=12)


@given(_PLAIN | _OTHER | st.sampled_from(["1009--1016", "007--7", "1--1", "12-15"]))
def test_ranges_are_read_alike_at_once_and_item_by_item(value: str) -> None:
    assert pages.ranges.__wrapped__(value) == pages._ranges(value)


def test_a_plain_range_is_one_range_from_the_start() -> None:
    (found,) = pages.ranges("1009--1016")
    assert (found.start, found.first, found.dash, found.last) == (
        0,
        "1009",
        "--",
        "1016",
    )
    assert found.end == len("1009--1016")
