"""The ``#`` operators of a raw value, found by their marks alone, as a walk would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citeman.macros import concatenation_marks, split_concatenation

_RAW = st.text(alphabet=st.sampled_from('ab1 \t\n{}"#\\é'), max_size=16)


def _walked(raw: str) -> list[int]:
    """Return the top-level ``#`` positions, reading every character."""
    marks, depth, quoted = [], 0, False
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            marks.append(index)
    return marks


def _split(raw: str) -> list[str]:
    parts, start = [], 0
    for index in _walked(raw):
        parts.append(raw[start:index].strip())
        start = index + 1
    parts.append(raw[start:].strip())
    return [part for part in parts if part]


@given(_RAW | st.sampled_from(["jan", " acm ", "", " ", 'a # {b # c} # "d # e"', "x#"]))
def test_marks_and_parts_are_those_of_a_walk_over_every_character(raw: str) -> None:
    assert list(concatenation_marks(raw)) == _walked(raw)
    assert split_concatenation(raw) == _split(raw)


def test_a_value_without_an_operator_is_one_part_or_none() -> None:
    assert split_concatenation("  jpr ") == ["jpr"]
    assert split_concatenation(" \n") == []
    assert split_concatenation('{a} # " b"') == ["{a}", '" b"']
