"""The casing helpers' shortcuts give what the long way gives, on every real title.

CM202 recases a title and braces its proper nouns in one go
(``to_protected_sentence_case``), reading the recased title's words from the
recasing instead of splitting it again; ``_rejoin`` puts words back in a title
without braces by splitting it on whitespace instead of finding each word. Here
both are put to every title of every real file, against each file's own casing
and none, and for a noting casing (``title_guess``) the questions asked must be
the same too.
"""

from __future__ import annotations

import re

import pytest

from citeman import parse, text
from citeman.rules import title_guess
from citeman.text import NO_CASING, Casing
from citeman.title_census import casing_of_titles
from tests.conftest import REAL_FILES

_TITLES = {
    path.name: [
        entry.fields["title"].value
        for entry in parse.load(path).entries
        if "title" in entry.fields
    ]
    for path in REAL_FILES
}


def _long_way(title: str, casing: Casing) -> str:
    """Recase, then brace: each step reading its title afresh (uncached)."""
    recased = text.to_sentence_case.__wrapped__(title, casing)
    return text.protect_case.__wrapped__(recased, casing.proper)


@pytest.mark.parametrize("name", sorted(_TITLES))
def test_recased_and_braced_at_once_as_in_two_steps(name: str) -> None:
    titles = _TITLES[name]
    for casing in (NO_CASING, casing_of_titles(titles)):
        for title in titles:
            assert text.to_protected_sentence_case(title, casing) == _long_way(
                title, casing
            ), title


@pytest.mark.parametrize("name", sorted(_TITLES))
def test_a_noting_casing_is_asked_the_same_questions(name: str) -> None:
    for title in _TITLES[name]:
        once: dict[str, list[str]] = {}
        twice: dict[str, list[str]] = {}
        said = text.to_protected_sentence_case(title, title_guess.noting(once))
        assert said == _long_way(title, title_guess.noting(twice))
        assert title_guess.asked(once) == title_guess.asked(twice), title


def _found_word_by_word(title: str, words: list[str], changed: list[str]) -> str:
    """Put ``changed`` back in ``title`` by finding each of ``words`` in turn."""
    pieces, position = [], 0
    for word, new in zip(words, changed, strict=True):
        found = title.index(word, position)
        pieces += [title[position:found], new]
        position = found + len(word)
    return "".join([*pieces, title[position:]])


@pytest.mark.parametrize("name", sorted(_TITLES))
def test_words_go_back_between_the_same_spaces(name: str) -> None:
    for title in _TITLES[name]:
        for spaced in (title, f" \t{title}\u00a0", re.sub(" ", "\u2003 ", title)):
            words = text._split(spaced)
            for change in (str.upper, str.lower, lambda word: f"<{word}>"):
                changed = [change(word) for word in words]
                assert text._rejoin(spaced, words, changed) == _found_word_by_word(
                    spaced, list(words), changed
                )


@pytest.mark.parametrize("name", sorted(_TITLES))
def test_one_walk_finds_the_starts_the_words_give(name: str) -> None:
    for title in _TITLES[name]:
        for inside in (title, text.unbraced(title) or title):
            starts = text._title_starts(inside)
            assert starts == tuple(text._starts(text._split(inside))), inside


def _unbraced_char_by_char(title: str) -> str | None:
    """Return :func:`text.unbraced` as first written: a walk over each character."""
    stripped = title.strip()
    if not stripped.startswith("{") or stripped.startswith("{\\"):
        return None
    depth = 0
    for index, char in enumerate(stripped):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return stripped[1:-1] if index == len(stripped) - 1 else None
    return None


@pytest.mark.parametrize("name", sorted(_TITLES))
def test_a_title_braced_whole_is_found_from_brace_to_brace(name: str) -> None:
    for title in _TITLES[name]:
        for braced in (title, f"{{{title}}}", f" {{{{{title}}}}}\n", f"{{{title}"):
            assert text.unbraced(braced) == _unbraced_char_by_char(braced), braced


@pytest.mark.parametrize("name", sorted(_TITLES))
def test_recasing_keeps_the_start_of_every_word(name: str) -> None:
    # to_protected_sentence_case braces the recased words by the title's starts.
    titles = _TITLES[name]
    for casing in (NO_CASING, casing_of_titles(titles)):
        for title in titles:
            for before in (title, text.to_title_case(title)):
                _, recased = text._sentence_cased(before, casing)
                starts = text._title_starts(before)
                assert tuple(text._starts(recased)) == starts, before
