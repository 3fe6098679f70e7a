"""CM202's verdicts worked out from the entry alone are exact wherever they are taken.

A summary judges its title against a casing that knows no word and notes the
questions (``citeman.rules.title_guess``); the aggregate step takes that
verdict when the library's casing answers the questions alike. Here every
English title of every real file is judged both ways, against the casing of
its own file and of every other real file: wherever the answers agree, the
summary's verdict must be exactly the one worked out with the casing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citeman import fix_guard, parse
from citeman.config import Config
from citeman.model import Entry, Field
from citeman.problem import Fix
from citeman.rules import title_case, title_guess
from citeman.rules.base import RuleContext
from citeman.text import Casing
from citeman.title_census import TitleWords, casing_of
from tests.conftest import REAL_FILES


def _context() -> RuleContext:
    """Return CM202's context with the default options (sentence case)."""
    active = Config().active_rules(online=False)
    item = next(item for item in active if item.rule.code == "CM202")
    return RuleContext(item.options)


#: An entry with a checked title, and CM202's summary of it.
_Titled = tuple[Entry, tuple[Field, TitleWords | None, "title_case._Guess | None"]]


def _titled(path: Path) -> list[_Titled]:
    """Return each entry of ``path`` with a checked title, and what is judged of it
    where its entry is read (all of it, before the summary keeps what it needs)."""
    context = _context()
    found = []
    for entry in parse.load(path).entries:
        judged = title_case._judge(entry, context)
        if judged is not None:
            found.append((entry, judged))
    return found


_TITLED = {path.name: _titled(path) for path in REAL_FILES}
_CASINGS = {
    name: casing_of(words for _, (_, words, _) in titled if words is not None)
    for name, titled in _TITLED.items()
}
#: Libraries whose casings are put to every file's titles besides its own: a
#: mostly sentence-case one and a mostly Title Case one.
_OTHERS = ("bbt-zotero.bib", "beebe-tugboat.bib")


def _judged(entry: Entry, casing: Casing, strays: bool) -> title_case._Said | None:
    """Return what the aggregate step says of ``entry``'s title knowing ``casing``."""
    field = entry.fields["title"]
    words = title_case.read(field.value)
    claim = title_case._CLAIMS["sentence"]
    said = title_case._judged(field, words, "sentence", claim, casing, strays)
    if said is None or said[1] is None or not field.is_delimited:
        return said
    fix = Fix("title", field.value_offset, field.value, said[1], safe=False)
    return said if fix_guard.is_harmless(entry, fix) else (said[0], None)


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.name)
def test_a_guess_the_casing_bears_out_is_the_verdict(path: Path) -> None:
    taken = 0
    for name in {path.name, *_OTHERS}:
        casing = _CASINGS[name]
        answers = title_guess.Answers(casing)
        for entry, (_, words, guess) in _TITLED[path.name]:
            if words is None:
                continue
            assert guess is not None
            if answers.agree(guess.asked):
                taken += 1
                assert guess.said == _judged(entry, casing, strays=True), entry.key
            if words.sentence:  # in the convention: what is said without strays
                unstrayed = _judged(entry, casing, strays=False)
                assert guess.unstrayed == unstrayed, entry.key
    assert taken or not _TITLED[path.name]  # cryptobib: @string only


def test_some_guesses_are_refused_and_judged_again() -> None:
    # A library's plain words are asked about, so some guesses fail somewhere.
    refused = 0
    for casing in _CASINGS.values():
        answers = title_guess.Answers(casing)
        for titled in _TITLED.values():
            for _, (_, words, guess) in titled:
                if words is not None and guess and not answers.agree(guess.asked):
                    refused += 1
    assert refused


def test_a_noting_casing_refuses_what_it_cannot_note() -> None:
    casing = title_guess.noting({})
    with pytest.raises(TypeError):
        hash(casing)  # a cached judgement would skip the questions
    with pytest.raises(TypeError):
        list(casing.proper)
    with pytest.raises(TypeError):
        _ = casing.proper | frozenset({"x"})


def test_the_questions_asked_are_noted_once_each() -> None:
    notes: dict[str, list[str]] = {}
    casing = title_guess.noting(notes)
    assert "muonium" not in casing.proper and "muonium" not in casing.proper
    assert "gold" not in casing.plain - casing.proper
    assert casing.style == "" and casing.style != "title"
    assert title_guess.asked(notes) == (
        ("proper", ("muonium",)),
        ("plain-proper", ("gold",)),
        ("style", ("", "title")),
    )
    library = Casing(proper=frozenset({"muonium"}), style="")
    assert not title_guess.Answers(library).agree((("proper", ("muonium",)),))
    assert title_guess.Answers(library).agree(title_guess.asked(notes)[1:])
    assert not title_guess.Answers(Casing(style="title")).agree((("style", ("",)),))
