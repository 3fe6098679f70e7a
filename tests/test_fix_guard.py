"""No fix may write TeX markup that was not there, or change how an entry parses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from citeman import parse
from citeman.fix_guard import created_markup, is_harmless, touches_no_syntax
from citeman.problem import Fix
from tests.conftest import DATA, run

INJECTION = DATA / "safety" / "fix_injection.bib"


@pytest.mark.parametrize(
    ("before", "after", "verbatim", "created"),
    [
        ("{&#92;input x}", "{\\input x}", False, ["\\input"]),
        ("{\\&#105;nput x}", "{\\input x}", False, ["\\input"]),
        ("{a\\ }", "{a\\}", False, ["\\}"]),
        ("{100 percent}", "{100 %}", False, ["%"]),
        ("{a}", "{a$x^2$}", False, ["$", "^"]),
        ("{a}", "{a~b}", False, ["~"]),
        ("{a}", "{a}}", False, ["}"]),
        ("{x}", "{x_1}", True, []),
        ("{x}", "{\\write18{x}}", True, ["\\write"]),
        ("{Caf\u00e9}", "{Caf{\\'e}}", False, []),
        ("{a &amp; b}", "{a \\& b}", False, []),
        ("{The dna story}", "{The {DNA} story}", False, []),
        ("{A - B}", "{A -- B}", False, []),
    ],
)
def test_created_markup(
    before: str, after: str, verbatim: bool, created: list[str]
) -> None:
    assert sorted(created_markup(before, after, verbatim)) == sorted(created)


ENTRY = parse.loads(
    "@misc{k,\n  title = {Ends\\ },\n  year = {2020},\n  note = {a  b},\n}\n"
).entries[0]


def _fix(old: str, new: str, field: str) -> Fix:
    offset = ENTRY.offset + ENTRY.raw.index(old)
    return Fix(field, offset, old, new, safe=True)


@pytest.mark.parametrize(
    ("fix", "harmless"),
    [
        (_fix(" }", "}", "title"), False),  # escapes the closing brace
        (_fix("{2020}", "{2020", "year"), False),  # unbalances the entry
        (_fix("  ", " ", "note"), True),
        (_fix("2020", "2021", "year"), True),
        (_fix("year", "date", "year"), True),  # renames a field: structure kept
        (_fix("{2020}", "{2020}, x = {\\input y}", "year"), False),
    ],
    ids=["control-space", "unbalanced", "spaces", "value", "rename", "inject"],
)
def test_is_harmless_reparses_the_fixed_entry(fix: Fix, harmless: bool) -> None:
    assert is_harmless(ENTRY, fix) is harmless


def test_no_injecting_or_parse_changing_fix_is_offered(workdir: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(INJECTION))
    assert code == 1
    found = json.loads(out)
    assert [problem["key"] for problem in found if problem["code"] == "CM201"] == [
        "entity",
        "joined",
        "bell",
    ]
    assert [problem["fix"] for problem in found] == [None] * len(found)


def test_fix_check_and_fix_agree_and_leave_the_file_alone(workdir: Path) -> None:
    target = Path(shutil.copy(INJECTION, workdir / "injection.bib"))
    before = target.read_bytes()
    code, out, err = run("fix", "--check", str(target))
    assert (code, out, err) == (0, "Nothing to fix.\n", "")
    code, out, err = run("fix", str(target))
    assert code == 1
    assert out.startswith("Nothing fixed.")
    assert err == ""
    assert target.read_bytes() == before


def test_a_fix_naming_its_fields_may_add_only_those() -> None:
    source = "@misc{k, title = {T}, doi = {10.1/a}}"
    entry = parse.loads(source).entries[0]
    doi = entry.fields["doi"]
    at = doi.offset + len(doi.raw)
    named = (("doi", "10.1/a"), ("journal", "J"))
    assert is_harmless(entry, Fix("doi", at, "", ", journal = {J}", False, named))
    sneaked = Fix("doi", at, "", ", journal = {J}, note = {N}", False, named)
    assert not is_harmless(entry, sneaked)


_SYNTAX = '\\{}#%~$^_"=,@'
#: Text that writes no TeX or BibTeX syntax.
_PLAIN = st.text(st.characters(blacklist_characters=_SYNTAX), max_size=6)
#: Text of syntax and letters, around a fix.
_AROUND = st.text(st.sampled_from(_SYNTAX + "ab \n"), max_size=6)


@given(before=_AROUND, old=_PLAIN, new=_PLAIN, after=_AROUND)
def test_a_fix_of_plain_text_after_no_backslash_or_at_needs_no_parse(
    before: str, old: str, new: str, after: str
) -> None:
    # Such a fix passes without its entry being read again (touches_no_syntax),
    # also after a delimiter or another special (a letter before it was let
    # through always): it creates no markup and leaves the key and every other
    # field as they were.
    assume(before[-1:] in _SYNTAX and before[-1:] not in ("\\", "@"))
    head = "@article{key,\n  title = {" + before
    raw = head + old + after + "},\n  year = {2001}\n}\n"
    library = parse.loads(raw, "a.bib")
    assume(not library.failures and len(library.entries) == 1)
    (entry,) = library.entries
    # Inside the title's value, as every rule's fix is ("}," before it would
    # close the value and put the fix where a field's name goes).
    title = entry.fields.get("title")
    assume(title is not None and title.is_delimited)
    assert title is not None
    inside = title.value_offset <= len(head)
    assume(inside and len(head) + len(old) <= title.value_offset + len(title.value))
    fix = Fix("title", len(head), old, new, safe=False)
    assert touches_no_syntax(raw[len(head) - 1 : len(head)], fix)
    assert is_harmless(entry, fix)
    fixed = head + new + after + "},\n  year = {2001}\n}\n"
    assert created_markup(raw, fixed) == []
    again = parse.loads(fixed, "a.bib")
    assert not again.failures and len(again.entries) == 1
    (written,) = again.entries
    assert (written.key, written.type) == (entry.key, entry.type)
    assert list(written.fields) == list(entry.fields)
    for name, field in entry.fields.items():
        if not field.offset <= len(head) <= field.offset + len(field.raw):
            assert written.fields[name].raw == field.raw  # untouched
