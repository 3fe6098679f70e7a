"""``fix --unsafe-fixes`` on the eleven real libraries loses no letter or digit.

Every rule's every fix is applied to every real file (the largest exercise of
the fixes there is). Afterwards each entry has the same key, no field name
given twice that was not twice before, and each protected value (pages,
numbers, year, title, names, containers, DOI) keeps every letter and digit it
had, in order, apart from exactly the text a finding named as stray and an
applied fix deleted. A rename (pages to eid) is followed.
"""

from __future__ import annotations

from collections import Counter

import pytest

from citeman import parse
from citeman.config import Config
from citeman.fix import Applied, fix_library
from citeman.model import Entry
from tests.conftest import REAL_FILES
from tests.realworld.conftest import real_library
from tests.realworld.safety import kept_apart_from, letters

PROTECTED = ("pages", "eid", "volume", "number", "year", "title", "author",
             "editor", "booktitle", "journal", "doi")  # fmt: skip
NAMES = ("author", "editor")
#: Where a renaming fix may have moved a field.
RENAMED = {"pages": "eid"}


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.stem)
def test_unsafe_fixes_lose_no_letter_or_digit(path) -> None:  # type: ignore[no-untyped-def]
    library = real_library(path.stem)
    outcome = fix_library(library, Config().active_rules(), unsafe=True)
    fixed = parse.loads(outcome.source, library.path)
    assert [e.key for e in fixed.entries] == [e.key for e in library.entries]
    deleted: dict[tuple[str, str], list[str]] = {}
    for applied in outcome.applied:
        _note_deletion(applied, deleted)
    for before, after in zip(library.entries, fixed.entries, strict=True):
        repeated = sorted(field.name for field in after.repeated)
        assert repeated == sorted(field.name for field in before.repeated), before.key
        for name in PROTECTED:
            _assert_kept(before, after, name, deleted.get((before.key, name), []))


def _note_deletion(applied: Applied, deleted: dict[tuple[str, str], list[str]]) -> None:
    """Remember the text a fix deleted (a stray token, pp., a doubled and, 82--82).

    That is a fix whose new text is the start of its old one: what follows is
    the text its finding named.
    """
    old, new = applied.fix.old, applied.fix.new
    if old.startswith(new) and letters(old[len(new) :]):
        deleted.setdefault((applied.key, applied.fix.field), []).append(old[len(new) :])


def _assert_kept(before: Entry, after: Entry, name: str, deleted: list[str]) -> None:
    field = before.fields.get(name)
    if field is None:
        return
    moved = after.fields.get(name) or after.fields.get(RENAMED.get(name, ""))
    assert moved is not None, (before.key, name)
    if moved.value == field.value:
        return  # most values are untouched; decoding them all would be slow
    for decode in (False, True):
        old = letters(field.value, name, decode=decode)
        new = letters(moved.value, name, decode=decode)
        gone = [letters(text, name, decode=decode) for text in deleted]
        if name in NAMES:
            # A name fix may move a suffix ("Kyburg, Jr., Henry E."): the
            # letters are compared as multisets.
            if not Counter(old) - Counter("".join(gone)) - Counter(new):
                return
        elif kept_apart_from(old, gone, new):
            return
    raise AssertionError((before.key, name, field.value, moved.value))
