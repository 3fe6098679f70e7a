"""unrendered-latex reports the printed fields in the order PRINTED names them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citeman import parse
from citeman.rules import unrendered_latex
from citeman.rules.base import RuleContext

_NAMES = ["title", "author", "journal", "note", "year", "url", "editor", "pages"]
_VALUES = ["plain", "\\foo{x}", "\\TeX", "a \\qux and \\zap", '{\\"u}']


@given(
    st.lists(
        st.tuples(st.sampled_from(_NAMES), st.sampled_from(_VALUES)),
        max_size=8,
        unique_by=lambda pair: pair[0],
    )
)
def test_findings_follow_the_printed_order(fields: list[tuple[str, str]]) -> None:
    written = ", ".join(f"{name} = {{{value}}}" for name, value in fields)
    (entry,) = parse.loads(f"@article{{k, {written}}}").entries
    found = [
        finding.field for finding in unrendered_latex.check(entry, RuleContext({}))
    ]
    values = dict(fields)
    expected = [
        name
        for name in unrendered_latex.PRINTED
        if name in values
        for command in ("foo", "qux", "zap")
        if f"\\{command}" in values[name]
    ]
    assert found == expected


def test_a_title_written_first_is_reported_after_the_author() -> None:
    text = "@article{k, title = {\\foo}, note = {\\foo}, author = {\\qux}}"
    (entry,) = parse.loads(text).entries
    found = [
        finding.field for finding in unrendered_latex.check(entry, RuleContext({}))
    ]
    assert found == ["author", "title"]
