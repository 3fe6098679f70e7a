"""Property: a safe fix never changes a letter or digit of any value.

Safe fixes are applied by plain ``citeman fix``, unread: they may change only
whitespace, dashes, braces, punctuation or the encoding of the same characters
(``&amp;`` to ``\\&``). Values are built from the pieces real values have
(identifiers, ranges, labels, entities, stray "and"s, control characters).
DOI fields are left out: their safe fix removes a resolver prefix, notation
that tests/realworld/test_fix_safety.py compares DOIs without.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from citeman import fix, lint, parse
from citeman.config import Config
from tests.realworld.safety import letters

PIECES = ["pp.", "p. ", "and", " and ", " ", "  ", "\t", "-", "--", "–", "—", "−",
          "12", "1009", "16", "C2", "e045005", "W3.27", "05FG03", "xii", "+",
          "Foo", "bar", "Jr.", ".", ",", ";", ":", "(", ")", "?", "n/a", "&amp;",
          "&#233;", "&nbsp;", "\x01", "{DNA}", "{", "}", "Smith, J.", "et al.",
          "The", "Journal", "X-Ray", "\\'e", "$x$"]  # fmt: skip
FIELDS = ["pages", "title", "author", "editor", "journal", "volume", "number",
          "booktitle", "publisher", "year", "note", "eid"]  # fmt: skip
ACTIVE = Config().active_rules()


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(
    name=st.sampled_from(FIELDS),
    value=st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
)
def test_safe_fixes_keep_every_letter_and_digit(name: str, value: str) -> None:
    assume(_balanced(value))  # BibTeX values pair their braces
    text = f"@article{{k,\n  {name} = {{{value}}},\n}}\n"
    library = parse.loads(text, "p.bib")
    safe = [p.fix for p in lint.lint([library], ACTIVE) if p.fix and p.fix.safe]
    fixed, _ = fix.apply(text, safe)
    after = parse.loads(fixed, "p.bib").entries[0].fields[name].value
    assert letters(after, name) == letters(value, name), (value, after)


def _balanced(value: str) -> bool:
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0
