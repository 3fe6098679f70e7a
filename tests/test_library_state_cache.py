"""A one-entry edit that changes what the whole library tells is seen everywhere.

Library rules read library-wide state (the casing census, duplicate groups,
the journal spellings); a re-check from the entry cache, with the library
rules' memos (``citeman.rules.base.Memo``) of the earlier run, must then
print exactly what a full check prints, findings on the unchanged entries
included.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from citeman import incremental
from citeman.entry_cache import MEMOS, EntryStore, memos, packed
from citeman.rules.base import Memo
from citeman.segments import segments
from tests.conftest import REAL_FILES
from tests.test_entry_cache import _cache, _check, _full

# "muonium" is written in lower case in three titles: a capital on it is a
# Title Case remnant, until one of the three is edited away.
CASING = (
    "@article{a1, title = {Reactions of Muonium with simple molecules}, year = 2001}\n"
    "@article{a2, title = {Spin relaxation of muonium in dilute gases}, year = 2002}\n"
    "@article{a3, title = {A study of muonium in heavy metals}, year = 2003}\n"
    "@article{a4, title = {Fast muonium in thin films}, year = 2004}\n"
    "@article{a5, title = {Slow electrons in thick films}, year = 2005}\n"
)
DUPLICATES = (
    "@article{d1, author = {Doe, Jane}, title = {Muon spin rotation in metals},\n"
    "  journal = {Physical Review B}, year = 2001, doi = {10.1103/a.1}}\n"
    "@article{d2, author = {Roe, Rick}, title = {Electron transport in films},\n"
    "  journal = {Physical Review B}, year = 2002, doi = {10.1103/a.2}}\n"
    "@article{d3, author = {Doe, Jane}, title = {Phonons in glasses},\n"
    "  journal = {Physical Review B}, year = 2001}\n"
)
JOURNALS = (
    "@article{j1, title = {One}, journal = {Journal of Affective Disorders}}\n"
    "@article{j2, title = {Two}, journal = {Journal of Affective Disorders}}\n"
    "@article{j3, title = {Three}, journal = {J. Affect. Disord.}}\n"
    "@article{j4, title = {Four}, journal = {J. Affect. Disord.}}\n"
    "@article{j5, title = {Five}, journal = {Some Other Journal}}\n"
)


@pytest.mark.parametrize(
    ("text", "edit", "code"),
    [
        (CASING, ("Fast muonium in thin", "Fast electrons in thin"), "CM202"),
        (DUPLICATES, ("@article{d3", "@article{d1"), "CM002"),
        (DUPLICATES, ("Phonons in glasses", "Muon spin rotation in metals"), "CM401"),
        (JOURNALS, ("Some Other Journal", "J. Affect. Disord."), "CM2"),
    ],
    ids=["casing-census", "duplicate-key", "duplicate-entry", "journal-census"],
)
def test_an_edit_that_changes_library_state_is_seen_by_cached_entries(
    workdir: Path, text: str, edit: tuple[str, str], code: str
) -> None:
    path = workdir / "a.bib"
    path.write_text(text, encoding="utf-8")
    before = _check("a.bib")  # fills the entry cache and the memos
    assert before == _full("a.bib")
    changed = text.replace(*edit)
    path.write_text(changed, encoding="utf-8")
    after = _check("a.bib")
    assert after == _full("a.bib")
    assert after[1] != before[1]  # the library-wide state did change
    assert code in before[1] + after[1]
    path.write_text(text, encoding="utf-8")  # and back again
    assert _check("a.bib") == before


def test_the_casing_flip_changes_a_finding_on_an_unedited_entry(
    workdir: Path,
) -> None:
    path = workdir / "a.bib"
    path.write_text(CASING, encoding="utf-8")
    before = _check("--select", "CM202", "a.bib")
    assert '"a1"' in before[1] and "Muonium" in before[1]
    path.write_text(CASING.replace("Fast muonium", "Fast electrons"), "utf-8")
    after = _check("--select", "CM202", "a.bib")
    assert after == _full("--select", "CM202", "a.bib")
    assert '"a1"' not in after[1]


def _memo_stores() -> list[Path]:
    return sorted((_cache() / "entries").glob(f"*{MEMOS}"))


def _read_memos(store: Path) -> dict[str, dict[object, object]]:
    return memos(EntryStore(store.parent, store.name.removesuffix(MEMOS), MEMOS).load())


def test_a_memo_keeps_only_what_the_last_run_asked_for(workdir: Path) -> None:
    path = workdir / "a.bib"
    path.write_text(CASING, encoding="utf-8")
    _check("a.bib")
    (store,) = _memo_stores()
    titles = _read_memos(store)["CM202"]
    # Only a title whose summary's verdict the library's casing refutes is
    # judged by the aggregate step, hence memoised: "Muonium" is capitalised
    # where the library writes it in lower case.
    assert [key[0] for key in titles] == ["Reactions of Muonium with simple molecules"]
    path.write_text(CASING.replace("Fast muonium in thin films", "Mu"), "utf-8")
    _check("a.bib")
    # Written in lower case twice only, "muonium" says nothing more: every
    # verdict is the summary's, and the memo keeps nothing of the last run.
    assert not _read_memos(store).get("CM202")


def test_a_memo_answers_without_working_and_notes_what_was_asked() -> None:
    memo = Memo({("k",): ("said", None)})

    def fails() -> None:
        raise AssertionError("worked out again")

    assert memo.recall(("k",), fails) == ("said", None)
    assert memo.recall(("new",), lambda word: word.upper(), "x") == "X"
    assert memo.used == {("k",): ("said", None), ("new",): "X"}


class _Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("ran",))


def test_a_forged_memo_store_is_refused(workdir: Path) -> None:
    path = workdir / "a.bib"
    path.write_text(CASING, encoding="utf-8")
    full = _full("a.bib")
    _check("a.bib")
    (store,) = _memo_stores()
    forged = EntryStore(store.parent, store.name.removesuffix(MEMOS), MEMOS)
    # A correct digest: only the plain-data unpickler stands.
    forged.save({"CM202": pickle.dumps({("k",): _Evil()}), "CM401": packed([1])})
    assert _read_memos(store) == {}
    assert _check("a.bib") == full
    assert _read_memos(store)["CM202"]


def test_segments_written_twice_word_for_word_each_stand_where_they_are(
    workdir: Path,
) -> None:
    # Same text, column and comments above: one key, two places.
    path = workdir / "a.bib"
    path.write_text(JOURNALS + "\n" + JOURNALS, encoding="utf-8")
    _check("a.bib")
    path.write_text(JOURNALS.replace("Five", "5") + "\n" + JOURNALS, "utf-8")
    after = _check("a.bib")
    assert after == _full("a.bib")
    assert all(f'"line": {line},' in after[1] for line in range(7, 12))


HOSTILE = (
    "@misc{h, note = jan # {x} # feb, title = jan-feb, howpublished = (jan),\n"
    '  a = janx, b = xjan, c = {jan}, d = "jan" # a.b, e = a.b.c, f = j%n}\n'
)


def test_a_segment_s_macro_names_are_found_as_its_words_are() -> None:
    """The pattern for a few macro names finds what splitting into words finds."""
    texts = [HOSTILE, *(path.read_text(encoding="utf-8") for path in REAL_FILES)]
    for text in texts:
        words = set(incremental._WORD.findall(text.lower()))
        spread = sorted(words)[:: max(1, len(words) // 60)]  # <= _FEW names
        for names in (spread, ["jan", "a.b", "j"]):
            macros = dict.fromkeys(names, (0, ""))
            find = incremental._names(macros)
            for part in segments(text):
                body = text[part.at : part.end].lower()
                expected = set(incremental._WORD.findall(body)) & set(names)
                assert find(body) == expected, (names, body[:80])
