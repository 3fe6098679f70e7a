"""Letter-case helpers shared by the title-case rule and the renderer."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman import text
from citeman.text import (
    Casing,
    case_style,
    is_sentence_case,
    is_title_case,
    lower_case_starts,
    protect_case,
    recase_words,
    strip_braces,
    to_sentence_case,
    to_title_case,
    unbraced,
)

LIBRARY_TITLES = [
    ("The effectiveness of psychodynamic therapy in an NHS psychotherapy service: "
     "Outcomes for service-users with complex presentations", "sentence"),
    ("National household survey of adverse childhood experiences and their "
     "relationship with resilience to health-harming behaviors in England",
     "sentence"),
    ("Exploration of recovery of people living with severe mental illness (SMI) in "
     "low/middle-income countries (LMICs): A scoping review", "sentence"),
    ("Patterns of symptomatic recovery in psychotherapy", "sentence"),
    ("The Emerging Evidence for Long-Term Psychodynamic Therapy", "title"),
    ("The effectiveness of short- and long-term psychotherapy on personality "
     "functioning during a 5-year follow-up", "sentence"),
    ("Common Mental Disorders", "title"),
]  # fmt: skip


@pytest.mark.parametrize(("title", "style"), LIBRARY_TITLES)
def test_case_style_of_the_library_titles(title: str, style: str) -> None:
    assert case_style(title) == style


@pytest.mark.parametrize(
    ("title", "sentence", "title_case"),
    [
        ("Common mental disorders", True, False),
        ("Common Mental Disorders", False, True),
        # No word tells: one capitalised word may be a proper noun.
        ("Depression", True, True),
        ("Common Disorders", True, True),
        ("Living with {HIV} in the {UK}", True, True),
        ("Living With HIV", True, True),
        ("Mixed Case of words Here and There", False, False),
        # Runs of capitalised words are one proper noun each.
        (
            "Effects of the pandemic on mental health in the United States and Canada",
            True,
            False,
        ),
        ("Mental health of refugees in Germany, Sweden and Norway", True, False),
        ("The Effects of Stress on mental Health Outcomes", False, False),
        ("Living with HIV in Sub-Saharan Africa: A Systematic Review", False, True),
        ("mRNA vaccines and COVID-19 in the NHS", True, False),
        ("The iPhone Effect on Sleep", False, True),
        ("Vitamin D deficiency", True, False),
        (r"Kivim{\"a}ki's Study of Finnish Workers", False, True),
        ("PATTERNS OF RECOVERY IN PSYCHOTHERAPY", False, False),
        ("Why Do People Stay? The Answer", False, True),
        ("", True, True),
    ],
)
def test_is_sentence_case_and_is_title_case(
    title: str, sentence: bool, title_case: bool
) -> None:
    assert (is_sentence_case(title), is_title_case(title)) == (sentence, title_case)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("The Emerging Evidence for Long-Term Psychodynamic Therapy",
         "The emerging evidence for long-term psychodynamic therapy"),
        ("Common Mental Disorders", "Common mental disorders"),
        ("Exploration of recovery of people living with severe mental illness (SMI) "
         "in low/middle-income countries (LMICs): A scoping review",
         "Exploration of recovery of people living with severe mental illness (SMI) "
         "in low/middle-income countries (LMICs): A scoping review"),
        ("Resilience to behaviors in England", "Resilience to behaviors in England"),
        ("COVID-19 and Mental Health: A Review",
         "COVID-19 and mental health: A review"),
        ("Why Do People Stay? The Answer", "Why do people stay? The answer"),
        ("Grief — A Study of Loss", "Grief — A study of loss"),
        ("the effect of stress", "The effect of stress"),
        ("mRNA Vaccines and Their Use in the {United Kingdom}",
         "mRNA vaccines and their use in the {United Kingdom}"),
        # One capitalised word may be a proper noun: kept.
        ("Living in England", "Living in England"),
        (r"The {\"U}ber Effect", r"The {\"u}ber effect"),
        (r"\emph{Drosophila} Genetics Today", r"\emph{Drosophila} genetics today"),
        ("Two  Spaces  Kept", "Two  spaces  kept"),
        ("The Role of A Gene", "The role of a gene"),
        # APA 6.14: only the proper part of a compound keeps its capital.
        ("Signals in Non-Gaussian Noise", "Signals in non-Gaussian noise"),
        ("Anti-Markovian Memory and Pre-Columbian Art",
         "Anti-Markovian memory and pre-Columbian art"),
        ("Orbits: Post-Newtonian Corrections for Binary Stars",
         "Orbits: Post-Newtonian corrections for binary stars"),
        ("The Gaussian-Like Tail of Long-Term Data",
         "The Gaussian-like tail of long-term data"),
        ("Non-Gaussian Noise in X-Ray Data", "Non-Gaussian noise in X-ray data"),
    ],
)  # fmt: skip
def test_to_sentence_case(title: str, expected: str) -> None:
    assert to_sentence_case(title) == expected
    assert to_sentence_case(expected) == expected  # idempotent


def test_the_library_s_proper_words_keep_their_capital_in_a_compound() -> None:
    proper = frozenset({"scherrer"})
    sentence = to_sentence_case("Muons From Non-Scherrer Beamlines", Casing(proper))
    assert sentence == "Muons from non-Scherrer beamlines"
    assert protect_case(sentence, proper) == "Muons from non-{Scherrer} beamlines"
    assert to_sentence_case("Muons From Non-Scherrer Beamlines") == (
        "Muons from non-scherrer beamlines"
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Patterns of symptomatic recovery in psychotherapy",
         "Patterns of Symptomatic Recovery in Psychotherapy"),
        ("Living with {HIV}: a review", "Living with {HIV}: A Review"),
    ],
)  # fmt: skip
def test_to_title_case(title: str, expected: str) -> None:
    assert to_title_case(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Resilience to behaviors in England", "Resilience to behaviors in {England}"),
        ("An NHS psychotherapy service: Outcomes",
         "An {NHS} psychotherapy service: Outcomes"),
        ("Illness (SMI) in countries (LMICs): A review",
         "Illness ({SMI}) in countries ({LMICs}): A review"),
        ("Evidence for Long-Term Therapy", "Evidence for Long-Term Therapy"),
        ("Already {NASA} braced", "Already {NASA} braced"),
        ("Vitamin D deficiency", "Vitamin {D} deficiency"),
        ("Signals in non-Gaussian noise", "Signals in non-{Gaussian} noise"),
        ("The Gaussian-like tail", "The {Gaussian}-like tail"),
    ],
)  # fmt: skip
def test_protect_case(title: str, expected: str) -> None:
    assert protect_case(title) == expected
    assert protect_case(expected) == expected


@pytest.mark.parametrize("title", [title for title, _ in LIBRARY_TITLES])
def test_protected_sentence_case_reads_the_same_once_braces_go(title: str) -> None:
    converted = to_sentence_case(protect_case(title))
    assert is_sentence_case(strip_braces(converted))


TITLE_PIECES = st.sampled_from(
    [*"aAbBzZ eE:?!-{}\\\"'.,~09äÄ—()", "and ", "NHS", "iPhone", "{DNA}", "\\emph{",
     '{\\"a}', "The ", "Of "]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(TITLE_PIECES, max_size=30).map("".join))
def test_case_functions_never_raise_and_sentence_case_is_idempotent(title: str) -> None:
    converted = to_sentence_case(title)
    assert to_sentence_case(converted) == converted
    assert case_style(title) in ("sentence", "title", "other")
    assert strip_braces(protect_case(title)) == strip_braces(title)


@pytest.mark.parametrize(
    ("title", "casing", "expected"),
    [
        # A capitalised function word shows Title Case whatever the library.
        ("Space and Beyond", Casing(), "Space and beyond"),
        ("Faster Than Thought", Casing(), "Faster than thought"),
        # A short title with one capital: the library decides.
        ("Commonplace Book", Casing(), "Commonplace Book"),
        ("Commonplace Book", Casing(style="title"), "Commonplace book"),
        ("Commonplace Book", Casing(common=frozenset({"book"})), "Commonplace book"),
        ("Commonplace Book", Casing(common=frozenset({"book"}), style="sentence"),
         "Commonplace Book"),
        # Acronyms, inner capitals, element symbols and braces stay.
        ("The FRL Manual", Casing(style="title"), "The FRL manual"),
        ("Doping With Si of {GaN} Layers", Casing(), "Doping with Si of {GaN} layers"),
        # The library's own proper noun keeps its capital in a Title Case title.
        ("Beam Optics for the Scherrer Source", Casing(proper=frozenset({"scherrer"})),
         "Beam optics for the Scherrer source"),
        # A lone capital on a word the library writes in lower case goes; one
        # next to another capital (a name) stays.
        ("Reactions of Muonium with simple molecules",
         Casing(plain=frozenset({"muonium"})),
         "Reactions of muonium with simple molecules"),
        ("Reactions in the Muonium Research Group of old",
         Casing(plain=frozenset({"muonium"})),
         "Reactions in the Muonium Research Group of old"),
    ],
)  # fmt: skip
def test_to_sentence_case_with_what_the_library_tells(
    title: str, casing: Casing, expected: str
) -> None:
    assert to_sentence_case(title, casing) == expected
    assert to_sentence_case(expected, casing) == expected  # idempotent


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("pro M. Marcello", {0: "pro"}),
        ("What is a world? : on postcolonial literature", {5: "on"}),
        ("Corrosion: the role of alloying", {1: "the"}),
        ("p-adic numbers: k-means and mRNA", {}),
        ("7 bits good, 8 bits bad", {}),
        ("{\\TeX} and friends: {iPhone} apps", {}),
        ("comp.text.tex", {}),
    ],
)
def test_lower_case_starts(title: str, expected: dict[int, str]) -> None:
    assert lower_case_starts(title) == expected


def test_words_split_on_any_whitespace_outside_nested_braces_only() -> None:
    # One word per index: a braced group with spaces (nested too) stays whole,
    # and the whitespace between words (an em space, a tab) is kept as it was.
    title = "of {the {Big} one}\u2003and\tso"
    assert recase_words(title, [1, 2, 3], []) == "of {The {Big} one}\u2003And\tSo"
    assert lower_case_starts("on {the moon}: and  {so} on") == {0: "on", 2: "and"}


def test_unbraced_reads_only_braces_around_the_whole_title() -> None:
    assert unbraced("{{The Great} Book}") == "{The Great} Book"
    assert unbraced("  {Whole title}  ") == "Whole title"
    assert unbraced("{The} Great {Book}") is None
    assert unbraced('{\\"U}ber alles') is None
    assert unbraced("{unclosed") is None


def test_what_the_word_shortcuts_take_for_granted_of_every_character() -> None:
    # _kind reads a core of letters only as one part (no hyphen is a letter),
    # with no digit in it; _has_inner_capital and _protected take a string in
    # lower case to hold no capital. True of each character of this Unicode.
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isalpha():
            assert not char.isdigit() and char not in "-/‐–", hex(code)
        assert not (char.isupper() and char.islower()), hex(code)


@given(st.text(st.characters(codec="utf-8"), max_size=12))
def test_an_inner_capital_or_digit_is_found_as_character_by_character(
    part: str,
) -> None:
    expected = any(char.isupper() for char in part[1:]) or any(
        char.isdigit() for char in part
    )
    assert text._has_inner_capital(part) == expected
