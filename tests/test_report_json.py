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


#: Problems naming a few files and rules, as a report's do (the writer encodes
#: each file's and rule's members once), and odd ones: a position that is not
#: an int or a text that is not a str is written the long way.
_SHARED = st.builds(
    Problem,
    path=st.sampled_from(["a.bib", 'b "\u00e4".bib']),
    span=st.builds(Span, *[st.integers(0, 10**6)] * 4),
    key=st.none() | st.sampled_from(["k", "k\\"]),
    field=st.none() | st.sampled_from(["title", "ti\ntle"]),
    code=st.sampled_from(["CM101", "CM202"]),
    rule=st.sampled_from(["missing-doi", "title-case"]),
    severity=st.sampled_from(Severity),
    message=_TEXT,
    fix=_FIXES,
)
_ODD = st.builds(
    Problem,
    path=st.none() | _TEXT,
    span=st.builds(Span, *[st.none() | st.booleans() | st.integers()] * 4),
    key=st.none() | st.integers() | _TEXT,
    field=st.none() | _TEXT,
    code=_TEXT,
    rule=_TEXT,
    severity=st.sampled_from(Severity),
    message=st.none() | st.booleans() | _TEXT,
    fix=_FIXES,
)


@given(st.lists(_SHARED | _ODD, max_size=30))
def test_problems_sharing_files_and_rules_or_odd_match_json_dumps(
    problems: list[Problem],
) -> None:
    assert render(problems) == _dumped(problems)


def test_no_problems_is_an_empty_array() -> None:
    assert render([]) == "[]\n" == _dumped([])
