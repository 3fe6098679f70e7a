"""A title whose capitalisation breaks the library's convention.

APA 7 writes the titles of articles, chapters, books and reports in sentence
case: only the first word, the first word after a colon, proper nouns and
acronyms are capitalised. A title typed in Title Case prints wrongly in APA and
stands out against the rest of the library.

A title counts as sentence case while its capitalised words (other than the first
word and the first after a colon, question mark or dash) are at most one, or while
their runs (``United States`` is one) are no more than its lower-case words: those
are taken for proper nouns, as in "… behaviours in England". ``{Braced}`` words,
acronyms (NHS, LMICs), words with an inner capital or digit (mRNA, COVID-19) and
minor words (of, and, the, with, …) never count. A title with at most one
capitalised word and no lower-case one ("Common Disorders") could be either style
and is accepted by both. Journal names are title case by convention and never
checked, nor are entries whose ``langid``, ``language`` or ``hyphenation`` names a
language other than English.

Options: ``case``, the convention: ``sentence`` (default), ``title``, or
``consistent`` (the majority style of the titles checked, sentence case on a
tie); ``types``, the entry types whose titles are checked (default: article,
book, inbook, incollection, inproceedings, report, techreport). The message
names the convention and how many titles follow it. The unsafe fix rewrites
the title in the convention's case, bracing acronyms and, in a sentence-case
title, proper nouns, so that BibTeX styles keep their capitals.

FAIL:
    @article{leichsenring2013, title = {The Emerging Evidence for Long-Term
      Psychodynamic Therapy}}

PASS:
    @article{leichsenring2013, title = {The emerging evidence for long-term
      psychodynamic therapy}}
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from citeman.model import Entry, Field, Library
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import LibraryRule, RuleContext
from citeman.text import (
    is_sentence_case,
    is_title_case,
    protect_case,
    to_sentence_case,
    to_title_case,
)

_NAMES = {"sentence": "sentence case", "title": "Title Case"}
_ENGLISH = ("en", "american", "british", "us", "uk", "canadian", "australian", "new")


def check(libraries: Sequence[Library], context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each title not in the library's convention."""
    types = context.option("types")
    assert isinstance(types, list)
    wanted = frozenset(types)
    titles: list[tuple[Entry, Field, bool, bool]] = []
    for library in libraries:
        for entry in library.entries:
            field = entry.fields.get("title")
            if entry.type not in wanted or field is None or not field.value.strip():
                continue
            if not _is_english(entry):
                continue
            title = field.value
            titles.append((entry, field, is_sentence_case(title), is_title_case(title)))
    if not titles:
        return
    convention = str(context.option("case"))
    if convention == "consistent":
        # Titles that could be either style do not vote.
        votes = sum(1 if is_t else -1 for *_, is_s, is_t in titles if is_s != is_t)
        convention = "title" if votes > 0 else "sentence"
    index = 0 if convention == "sentence" else 1
    following = sum(1 for item in titles if item[2 + index])
    usage = (
        f"the library uses {_NAMES[convention]} ({following} of {len(titles)} titles)"
    )
    for entry, field, is_sentence, is_title in titles:
        if (is_sentence, is_title)[index]:
            continue
        yield _finding(entry, field, convention, is_sentence, is_title, usage)


def _is_english(entry: Entry) -> bool:
    """Return whether the entry is in English (or says nothing of its language).

    Other languages have other rules (German capitalises every noun).
    """
    language = entry.get("langid") or entry.get("language") or entry.get("hyphenation")
    return language.strip().lower().startswith(_ENGLISH) or not language.strip()


def _finding(
    entry: Entry,
    field: Field,
    convention: str,
    is_sentence: bool,
    is_title: bool,
    usage: str,
) -> Finding:
    """Describe one title and offer it rewritten in the convention's case."""
    if is_sentence:
        found = "sentence case"
    elif is_title:
        found = "Title Case"
    else:
        found = "mixed case"
    title = field.value
    fix = None
    if field.is_delimited:
        span = field.span_at(0, len(title))
        if convention == "sentence":
            new = to_sentence_case(protect_case(title))
        else:
            new = to_title_case(title)
        if new != title:
            fix = Fix("title", field.value_offset, title, new, safe=False)
    else:
        span = field.span
    return Finding(
        span, f"title is in {found}; {usage}", entry.key, "title", fix, entry.path
    )


RULE = LibraryRule(
    code="CM202",
    name="title-case",
    summary="a title whose capitalisation breaks the library's convention (default: "
    "APA's sentence case)",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    defaults={
        "case": "sentence",
        "types": [
            "article",
            "book",
            "inbook",
            "incollection",
            "inproceedings",
            "report",
            "techreport",
        ],
    },
    choices={"case": ("consistent", "sentence", "title")},
    fixes="the title rewritten in the convention's case, acronyms and proper nouns "
    "braced (unsafe)",
    check=check,
)
