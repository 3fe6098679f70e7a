"""undefined-string reads a bare word's use at once, as the walk would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citeman.rules.undefined_string import _macro_uses, _uses

_RAW = st.text(alphabet=st.sampled_from('ab1_-:.# \t\n{}"é'), max_size=12)


@given(_RAW | st.sampled_from(["jan", "jpr", "2001", "x1", "a#b", '"x" # y']))
def test_the_shortcut_for_a_bare_word_yields_what_the_walk_yields(raw: str) -> None:
    assert list(_uses(raw)) == list(_macro_uses(raw))
