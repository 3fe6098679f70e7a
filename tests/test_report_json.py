"""The JSON report is byte-for-byte what the standard library's indent=2 writes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.model import Span
from citeman.problem import Fix, Problem, Severity
from citeman.report.json import BATCH, as_dict, pieces, render

_TEXT = st.text() | st.sampled_from(['Ä "q" \\ \x1b \u2028 \ud800', "", "\n"])
_FIXES = st.none() | st.builds(
    Fix,
    field=_TEXT,
    offset=st.integers(0, 10**6),
    old=_TEXT,
    new=_TEXT,
    safe=st.booleans(),
    fields=st.lists(st.tuples(_TEXT, _TEXT), max_size=3).map(tuple),
)
_PROBLEMS = st.builds(
    Problem,
    path=_TEXT,
    span=st.builds(Span, *[st.integers(-(10**12), 10**12)] * 4),
    key=st.none() | _TEXT,
    field=st.none() | _TEXT,
    code=_TEXT,
    rule=_TEXT,
    severity=st.sampled_from(Severity),
    message=_TEXT,
    fix=_FIXES,
)


def _dumped(problems: list[Problem]) -> str:
    items = [as_dict(problem) for problem in problems]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


@given(st.lists(_PROBLEMS, max_size=5))
def test_render_matches_json_dumps(problems: list[Problem]) -> None:
    assert render(problems) == _dumped(problems)


@settings(max_examples=10, deadline=None)
@given(_PROBLEMS)
def test_a_report_of_several_pieces_matches_json_dumps(problem: Problem) -> None:
    problems = [problem] * (2 * BATCH + 1)
    assert len(list(pieces(problems))) == 4  # three batches and the closing
    assert render(problems) == _dumped(problems)


def test_no_problems_is_an_empty_array() -> None:
    assert render([]) == "[]\n" == _dumped([])
