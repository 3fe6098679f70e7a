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

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise

from citeman.model import Entry, Field
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import (
    Head,
    LibraryRule,
    RuleContext,
    Shelf,
    relative,
    summarised,
)
from citeman.text import (
    is_sentence_case,
    is_title_case,
    protect_case,
    to_sentence_case,
    to_title_case,
)
from citeman.title_language import looks_foreign

_NAMES = {"sentence": "sentence case", "title": "Title Case"}
#: A checked title: its entry and field, and whether it is sentence / Title Case.
_Title = tuple[Head, Field, bool, bool]
_CORE = re.compile(r"^[^\w]+|[^\w]+$")
_OPENERS = (":", "?", "!", ".", "—")
# Hyphenated compounds are left to to_sentence_case, which keeps their proper
# parts only ("non-Gaussian"); a brace there would keep the whole compound.
_CAPITALISED = re.compile(r"(?<![{\\\w-])([A-Z][a-z]{2,})(?![}\w-])")
_ENGLISH = ("en", "american", "british", "us", "uk", "canadian", "australian", "new")


def summarise(entry: Entry, context: RuleContext) -> tuple[Field, bool, bool] | None:
    """Return a checked title (relative) and whether it is sentence / Title Case."""
    types = context.option("types")
    assert isinstance(types, list)
    field = entry.fields.get("title")
    if entry.type not in types or field is None or not field.value.strip():
        return None
    if not _is_english(entry):
        return None
    title = field.value
    return relative(field, entry), is_sentence_case(title), is_title_case(title)


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each title not in the library's convention."""
    titles: list[_Title] = []
    for entry, (field, is_sentence, is_title) in summarised(shelves):
        titles.append((entry, entry.place(field), is_sentence, is_title))
    if not titles:
        return
    usage = _usage(str(context.option("case")), titles)
    if usage is None:
        return  # "consistent" with no clear majority: no convention to name
    convention, claim = usage
    proper = _proper_nouns(titles)
    index = 0 if convention == "sentence" else 1
    for entry, field, is_sentence, is_title in titles:
        if (is_sentence, is_title)[index]:
            continue
        yield _finding(entry, field, convention, (is_sentence, is_title), claim, proper)


def _usage(option: str, titles: list[_Title]) -> tuple[str, str] | None:
    """Return the convention and what the message says of it, or None.

    A configured convention is named as such; "consistent" names the library's
    style only when two thirds of the titles that tell (not both styles at
    once) follow it, with the real counts.
    """
    if option == "sentence":
        return option, "APA 7 wants sentence case"
    if option == "title":
        return option, "the configured convention is Title Case"
    sentence = sum(1 for *_, is_s, is_t in titles if is_s and not is_t)
    title = sum(1 for *_, is_s, is_t in titles if is_t and not is_s)
    winner, count = ("title", title) if title > sentence else ("sentence", sentence)
    if not count or count * 3 < (sentence + title) * 2:
        return None
    telling = sentence + title
    return winner, f"the library uses {_NAMES[winner]} ({count} of {telling} titles)"


def _proper_nouns(titles: list[_Title]) -> frozenset[str]:
    """Return the words the library's sentence-case titles capitalise mid-title.

    A word capitalised inside at least two sentence-case titles, and more often
    than it is written in lower case anywhere, is a proper noun of the library
    (a place, a method named after someone) and keeps its capital in a fix.
    Only a library whose titles are mostly sentence case is read so.
    """
    sentence = sum(1 for *_, is_s, is_t in titles if is_s and not is_t)
    if sentence * 2 <= len(titles):
        # In a library of Title Case titles every word is capitalised
        # somewhere: only a sentence-case majority can show proper nouns.
        return frozenset()
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for _, field, is_sentence, is_title in titles:
        words = field.value.split()
        for before, word in pairwise(words):
            core = _CORE.sub("", word)
            if len(core) < 3 or not core.isalpha() or before.endswith(_OPENERS):
                continue
            if core.islower():
                lower[core] += 1
            elif core[0].isupper() and core[1:].islower() and is_sentence:
                capital[core.lower()] += not is_title
    return frozenset(w for w, n in capital.items() if n >= 2 and n > lower[w])


def _brace_proper(title: str, proper: frozenset[str]) -> str:
    """Brace the library's proper nouns so a sentence-case fix keeps them."""
    if not proper:
        return title
    return _CAPITALISED.sub(
        lambda m: (
            "{" + m.group(1) + "}" if m.group(1).lower() in proper else m.group(1)
        ),
        title,
    )


def _is_english(entry: Entry) -> bool:
    """Return whether the entry is in English (or says nothing of its language).

    Other languages have other rules (German capitalises every noun, Latin
    titles keep their capitals). Without a language field, a title with words
    only other languages use and none of English's is taken as foreign.
    """
    language = entry.get("langid") or entry.get("language") or entry.get("hyphenation")
    if language.strip():
        return language.strip().lower().startswith(_ENGLISH)
    return not looks_foreign(entry.get("title"))


def _finding(
    entry: Head,
    field: Field,
    convention: str,
    styles: tuple[bool, bool],
    usage: str,
    proper: frozenset[str],
) -> Finding:
    """Describe one title and offer it rewritten in the convention's case."""
    is_sentence, is_title = styles
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
            # Sentence case first, so that compounds lose their inner capitals
            # (X-Ray to X-ray); then what must keep its capitals is braced.
            sentence = to_sentence_case(_brace_proper(title, proper), proper)
            new = protect_case(sentence, proper)
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
            "booklet",
            "collection",
            "dataset",
            "electronic",
            "generic",
            "inbook",
            "incollection",
            "inproceedings",
            "inreference",
            "manual",
            "mastersthesis",
            "misc",
            "mvbook",
            "mvcollection",
            "online",
            "phdthesis",
            "proceedings",
            "report",
            "software",
            "techreport",
            "thesis",
            "unpublished",
            "www",
            "book_section",
            "web_page",
            "newspaper_article",
            "magazine_article",
            "conference_proceedings",
        ],
    },
    choices={"case": ("consistent", "sentence", "title")},
    fixes="the title rewritten in the convention's case, acronyms and proper nouns "
    "braced (unsafe)",
    summarise=summarise,
    aggregate=aggregate,
)
