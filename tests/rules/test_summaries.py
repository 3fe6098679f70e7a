"""Library rules' summaries hold only what their aggregate step reads.

A worker process (``citeman.chunked``) pickles them and the main process holds
them for the whole check, so their size is a large check's memory.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citeman import parse
from citeman.rules import (
    abbreviated_journal,
    duplicate_entry,
    journal_name,
    missing_doi,
    missing_field,
    undefined_string,
)
from citeman.rules.base import RuleContext

TEXT = """@string{jccp = {Journal of Consulting and Clinical Psychology}}
@article{a, journal = jccp, year = 2001, month = jan, volume = 12 # "a",
  number = 3 # suppl,
  title = {On Things}, author = {Smith, Anne}}
@article{b, journal = {J. Appl. Phys.}, year = {2001}, title = {On Things},
  author = {Smith, Anne}}
@article{c, journal = {J. Appl. Phys.}, title = {Other}}
"""


def _summaries(rule: object) -> list[object]:
    library = parse.loads(TEXT)
    context = RuleContext({}, None)
    return [rule.summarise(entry, context) for entry in library.entries]  # type: ignore[attr-defined]


def test_undefined_string_keeps_only_the_fields_that_name_a_macro() -> None:
    first, second, third = _summaries(undefined_string.RULE)
    # Numbers and the predefined months name no macro; the value is not kept.
    assert first is not None
    assert [(field.name, field.value, field.raw) for field in first] == [
        ("journal", "", "jccp"),
        ("number", "", "3 # suppl"),
    ]
    assert second is None and third is None


def test_duplicate_entry_holds_the_folded_title_once() -> None:
    first, second, _ = _summaries(duplicate_entry.RULE)
    assert first.work is not None and first.work[0] is first.title  # type: ignore[attr-defined]
    assert first.title == second.title == "onthings"  # type: ignore[attr-defined]


def test_a_journal_spelling_is_one_object_in_every_summary() -> None:
    _, second, third = _summaries(journal_name.RULE)
    assert second[0][1] is third[0][1] == "J. Appl. Phys."  # type: ignore[index]
    assert second[0][2] is third[0][2]  # type: ignore[index]
    _, second, third = _summaries(abbreviated_journal.RULE)
    assert second[1][0][1] is third[1][0][1] == "J. Appl. Phys."  # type: ignore[index]


@given(st.text(alphabet='ab1 #{}"\\jan', max_size=12))
def test_the_quick_reading_of_a_value_names_macros_as_the_walk_does(raw: str) -> None:
    walked = any(
        name.lower() not in parse.MONTHS
        for name, _ in undefined_string._macro_uses(raw)
    )
    assert undefined_string._names_macro(raw) == walked


def test_equal_field_summaries_of_entries_without_parents_are_one_object() -> None:
    text = (
        "@book{p, title = {P}}\n"
        "@misc{a, title = {A}, year = {2001}}\n@misc{b, title = {B}, year = {2002}}\n"
        "@misc{c, title = {C}, crossref = {p}}\n@misc{d, title = {D}, crossref = {p}}\n"
    )
    context = RuleContext({}, None)
    found = [
        missing_field.RULE.summarise(entry, context)  # type: ignore[misc]
        for entry in parse.loads(text).entries
    ]
    assert found[1] is found[2]
    # An entry with a parent is told apart by identity when its parents are read.
    assert found[3] == found[4] and found[3] is not found[4]


def test_a_container_read_for_missing_doi_is_one_object_in_every_summary() -> None:
    _, second, third = _summaries(missing_doi.RULE)
    assert second.containers == ("j. appl. phys.",)  # type: ignore[attr-defined]
    assert second.containers[0] is third.containers[0]  # type: ignore[attr-defined]
