"""CM202's summaries carry only what its aggregate step reads, and find the same.

A worker sends one summary per title. An English title nothing can be said of
whatever the library is sent as its census part alone, a foreign one nothing
is said of not at all, and the others with their text once. Here the findings
made from those summaries are compared with every title judged whole against
the library's casing (the file's own, and with another library's titles
counted in), under each convention, on every real file and on tricky titles
kept from them: quoted, concatenated with a macro, broken over lines, foreign.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from citeman import fix_guard, parse
from citeman.model import Library, Span
from citeman.problem import Fix
from citeman.rules import title_case
from citeman.rules.base import RuleContext
from citeman.title_census import TitleWords, casing_in, census_of
from tests.conftest import DATA, REAL_FILES

TRICKY = DATA / "title_summaries.bib"
#: A mostly sentence-case library, counted in with each file.
OTHER = next(path for path in REAL_FILES if path.name == "bbt-zotero.bib")
_Found = tuple[str, tuple[int, int, int, int], str, str, str | None]


def _context(case: str) -> RuleContext:
    return RuleContext({**title_case.RULE.defaults, "case": case})


def _where(span: Span) -> tuple[int, int, int, int]:
    return span.line, span.column, span.end_line, span.end_column


def _from_summaries(libraries: list[Library], context: RuleContext) -> list[_Found]:
    """Return CM202's findings as check makes them, from the summaries."""
    return sorted(
        (found.path, _where(found.span), found.key or "", found.message,
         found.fix.new if found.fix else None)
        for found in title_case.RULE.findings(libraries, context)
    )  # fmt: skip


def _judged_whole(libraries: list[Library], context: RuleContext) -> list[_Found]:
    """Return what judging every title whole against the library's casing finds."""
    judged = [
        (library.path, entry, found)
        for library in libraries
        for entry in library.entries
        if (found := title_case._judge(entry, context)) is not None
    ]
    census = census_of(words for *_, (_, words, _) in judged if words is not None)
    usage = title_case._usage(str(context.option("case")), census)
    casing = casing_in(census)
    found: list[_Found] = []
    for path, entry, (field, words, _) in judged:
        if words is None:
            said = title_case._lower_case_text(field.value, None)
        elif usage is None or not census.total:
            continue
        else:
            convention, claim = usage
            strays = convention == "sentence" and census.sentence * 2 > census.total
            said = title_case._judged(field, words, convention, claim, casing, strays)
        if said is None:
            continue
        message, new = said
        if not field.is_delimited:
            found.append((path, _where(field.span), entry.key, message, None))
            continue
        if new is not None:
            fix = Fix("title", field.value_offset, field.value, new, safe=False)
            new = new if fix_guard.is_harmless(entry, fix) else None
        span = _where(field.span_at(0, len(field.value)))
        found.append((path, span, entry.key, message, new))
    return sorted(found)


@pytest.mark.parametrize("case", ["sentence", "title", "consistent"])
@pytest.mark.parametrize("path", [*REAL_FILES, TRICKY], ids=lambda path: path.name)
def test_the_summaries_find_what_judging_every_title_whole_finds(
    path: Path, case: str
) -> None:
    context = _context(case)
    for paths in ([path], [path, OTHER]):
        libraries = [parse.load(each) for each in paths]
        expected = _judged_whole(libraries, context)
        assert _from_summaries(libraries, context) == expected


def test_the_tricky_titles_are_each_kind_of_summary() -> None:
    context = _context("sentence")
    kinds = {
        entry.key: type(title_case.summarise(entry, context)).__name__
        for entry in parse.load(TRICKY).entries
    }
    assert kinds["Tracy2019"] == "TitleWords"  # nothing to say whatever the library
    assert kinds["angenendt"] == "NoneType"  # foreign, first word capitalised
    assert kinds["Ael:NA"] == "Titled"  # foreign, first word in lower case
    assert kinds["proceedings-full"] == "Titled"  # "…" # STOC: raw kept
    (entry,) = [
        each for each in parse.load(TRICKY).entries if each.key == "proceedings-full"
    ]
    summary = title_case.summarise(entry, context)
    assert isinstance(summary, title_case.Titled)
    assert summary.raw == '"Proc. Fifteenth Annual" # STOC'


def test_a_title_is_sent_once_and_quiet_titles_without_their_text() -> None:
    context = _context("sentence")
    quiet = 0
    for entry in parse.load(OTHER).entries:
        summary = title_case.summarise(entry, context)
        if summary is None:
            continue
        value = entry.fields["title"].value.encode()
        sent = pickle.dumps(summary)
        if isinstance(summary, TitleWords):
            quiet += 1
            assert value not in sent, entry.key
            continue
        assert isinstance(summary, title_case.Titled)
        # Once, besides what the guess holds (a recased title may hold it).
        guessed = pickle.dumps(summary.guess).count(value)
        assert sent.count(value) == 1 + guessed, entry.key
        if summary.raw is None:
            assert entry.fields["title"].raw == "{" + summary.value + "}"
    assert quiet > 100
