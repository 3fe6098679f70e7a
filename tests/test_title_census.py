"""The census of a library's titles that CM202 and APA render share."""

from __future__ import annotations

from citeman.title_census import casing_of_titles, read

SENTENCE_LIBRARY = [
    "Reactions of muonium in water",
    "Muonium states in ice",
    "Spin relaxation of muonium in silicon",
    "Beam lines at the Scherrer institute",
    "Upgrades to the Scherrer cyclotron",
    "Reactions of Muonium with simple solutes",
    "Formation of muonium in gases",
]


def test_a_sentence_case_library_shows_its_proper_nouns_and_common_words() -> None:
    casing = casing_of_titles(SENTENCE_LIBRARY)
    assert casing.style == "sentence"
    assert "scherrer" in casing.proper
    assert "muonium" in casing.common and "muonium" in casing.plain
    assert "scherrer" not in casing.common


def test_a_word_capitalised_as_often_as_not_is_common_but_not_plainly() -> None:
    casing = casing_of_titles([*SENTENCE_LIBRARY, "The Muonium atom in the lab"])
    assert "muonium" in casing.common and "muonium" not in casing.plain


def test_a_title_case_library_teaches_no_proper_nouns() -> None:
    casing = casing_of_titles(
        ["Beam Lines at the Scherrer Institute", "Upgrades to the Scherrer Cyclotron",
         "Spin Relaxation in Silicon", "A study of the Scherrer beam"]
    )  # fmt: skip
    assert casing.style == "title"
    assert casing.proper == frozenset()


def test_a_title_braced_whole_is_read_inside_its_braces() -> None:
    assert read("{The Great Book of Things and Stuff}").title
    assert not read("{The Great Book of Things and Stuff}").sentence
    assert read("{A sentence-case title braced whole}").sentence
