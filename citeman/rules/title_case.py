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

Whatever the style, the first word of a title and (in English) the first word
after a colon are capitalised (APA 6.17; "pro M. Marcello", "world? : on …").
In a library whose titles are mostly sentence case, a lone capital on a word
the library nearly always writes in lower case ("Reactions of Muonium with
simple …") is a Title Case remnant. A title braced whole (``{{The Great Book Of
Things}}``) keeps every capital in every style; it is read inside its braces,
and reported when a word no name capitalises ("Of") is capitalised: most such
titles are names of events, committees or products.

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

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, cast

from citeman import fix_guard
from citeman.model import Entry, Field
from citeman.problem import Finding, Fix, Severity
from citeman.rules import title_guess
from citeman.rules.base import (
    Head,
    LibraryRule,
    RuleContext,
    Shelf,
    Summarised,
    summarised,
)
from citeman.text import (
    NO_CASING,
    Casing,
    lower_case_starts,
    recase_words,
    shows_title_case,
    stray_capitals,
    to_protected_sentence_case,
    to_title_case,
    unbraced,
)
from citeman.title_census import (
    Census,
    TitleWords,
    casing_in,
    census_of,
    counted,
    read,
)
from citeman.title_language import is_english

_NAMES = {"sentence": "sentence case", "title": "Title Case"}
#: A checked English title something may be said of: its entry and summary.
_Title = tuple[Head, "Titled"]
# Hyphenated compounds are left to to_sentence_case, which keeps their proper
# parts only ("non-Gaussian"); a brace there would keep the whole compound.
_CAPITALISED = re.compile(r"(?<![{\\\w-])([A-Z][a-z]{2,})(?![}\w-])")


#: What is said of a title: the message, and the fix's new title (None: no fix).
_Said = tuple[str, str | None]
#: What the configured conventions claim in their message ("consistent" names
#: the library's own, known only from every title).
_CLAIMS = {
    "sentence": "APA 7 wants sentence case",
    "title": "the configured convention is Title Case",
}


class _Guess(NamedTuple):
    """What is said of a title, worked out from its entry alone (see ``title_guess``).

    ``said`` holds if the library's casing answers the questions ``asked`` as
    a casing that knows no word does (stray capitals looked for);
    ``unstrayed`` is what is said in a library where they are not (a title
    in the convention, a library mostly not in sentence case), which asks
    nothing of the casing. Their fixes are vetted on the entry
    (:mod:`citeman.fix_guard`): one it refuses is left out.
    """

    said: _Said | None
    unstrayed: _Said | None
    asked: title_guess.Asked


class Titled(NamedTuple):
    """CM202's summary of a title something may be said of (see :func:`summarise`).

    The title field is kept as its value and position (relative to the
    entry), its raw text only where that is not the value in braces: a
    worker sends one summary per title, and the value is the longest part.
    """

    value: str
    #: The value as written, or None when it is ``{value}`` (most titles).
    raw: str | None
    line: int
    column: int
    offset: int
    #: The census summary; None for a title in another language.
    words: TitleWords | None
    guess: _Guess | None

    def field(self) -> Field:
        """Return the title field (relative to its entry) this summary was made of."""
        raw = "{" + self.value + "}" if self.raw is None else self.raw
        return Field("title", self.value, raw, self.line, self.column, self.offset)


def summarise(entry: Entry, context: RuleContext) -> Titled | TitleWords | None:
    """Return CM202's summary of the entry's title: only what the aggregate step reads.

    None when nothing is checked (no title, another type) or nothing is said
    of a title in another language; the census summary alone
    (:class:`TitleWords`) for an English title nothing can be said of
    whatever the library (its guess says nothing and asked nothing); else
    the title with its census summary and guess (:class:`Titled`). Half the
    titles of a library are the second kind: sending the title, its census
    summary and its guess for each took three times the bytes.
    """
    judged = _judge(entry, context)
    if judged is None:
        return None
    field, words, guess = judged
    if guess is not None and guess.said is None and not guess.asked:
        if words is None:
            return None  # nothing is said of a foreign title but its first word
        if guess.unstrayed is None:
            return words
    value, raw = field.value, field.raw
    # Positions relative to the entry, as rules.base.relative makes them.
    line, offset = field.line - entry.line, field.offset - entry.offset
    kept = None if raw == "{" + value + "}" else raw
    return Titled(value, kept, line, field.column, offset, words, guess)


def _judge(
    entry: Entry, context: RuleContext
) -> tuple[Field, TitleWords | None, _Guess | None] | None:
    """Return the checked title field, its census summary and what is said of it.

    The census summary is None for a title in another language, which is
    only checked for a lower-case first word. What is said is worked out
    here (:class:`_Guess`), unless the convention is "consistent"; its fixes
    are vetted unless the caller wants no vetted fixes (``context.vet_fixes``).
    """
    types = context.option("types")
    assert isinstance(types, list)
    field = entry.fields.get("title")
    if entry.type not in types or field is None or not field.value.strip():
        return None
    words = read(field.value) if is_english(entry) else None
    guess = _guess(field, words, context)
    if guess is not None and field.is_delimited and context.vet_fixes:
        said = _vetted(entry, field, guess.said)
        unstrayed = guess.unstrayed
        # Mostly the same verdict (a title out of the convention, no strays).
        unstrayed = (
            said if unstrayed == guess.said else _vetted(entry, field, unstrayed)
        )
        guess = guess._replace(said=said, unstrayed=unstrayed)
    return field, words, guess


#: The questions asked while judging one title (cleared for each), and the
#: casing that notes them: one for all, as a library has many titles.
_NOTES: dict[str, list[str]] = {}
_NOTING = title_guess.noting(_NOTES)


def _guess(
    field: Field, words: TitleWords | None, context: RuleContext
) -> _Guess | None:
    """Return what is said of a title whatever the library, unless that is unknown."""
    if words is None:
        said = _lower_case_text(field.value, None)
        return _Guess(said, said, ())
    convention = str(context.option("case"))
    if convention not in _CLAIMS:
        return None
    if not (words.sentence if convention == "sentence" else words.title):
        _NOTES.clear()
        claim = _CLAIMS[convention]
        said = _judged(
            field, words, convention, claim, _NOTING, True, context.vet_fixes
        )
        return _Guess(said, said, title_guess.asked(_NOTES))
    unstrayed = _lower_case_text(field.value, None, subtitles=True)
    if convention != "sentence":
        return _Guess(unstrayed, unstrayed, ())
    _NOTES.clear()
    # Without stray capitals, what is said is what is said without looking.
    said = unstrayed
    if stray_capitals(_inside(field.value), _NOTING):
        said = _lower_case_text(field.value, _NOTING, subtitles=True)
    return _Guess(said, unstrayed, title_guess.asked(_NOTES))


def _vetted(entry: Entry, field: Field, said: _Said | None) -> _Said | None:
    """Return what is said of the title ``field``, its fix left out if refused."""
    if said is None:
        return None
    message, new = said
    if new is None:
        return said
    fix = Fix("title", field.value_offset, field.value, new, safe=False)
    return said if fix_guard.is_harmless(entry, fix) else (message, None)


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each title not in the library's convention.

    What is said of each title (message and fix) is the summary's guess when
    the library's casing bears it out (``title_guess``); else it is recalled
    from an earlier run (``context.recall``) when the title, its census
    summary and what the library tells (convention, claim, casing) are the
    same, or worked out here.
    """
    titles, foreign, counted_words = _read(shelves, context)
    yield from foreign
    if counted_words:
        told = _told(census_of(counted_words), context)
        if told is not None:  # else "consistent" with no clear majority
            yield from _said_of(titles, told, context)


def _read(
    shelves: Sequence[Shelf], context: RuleContext
) -> tuple[list[_Title], list[Finding], list[TitleWords]]:
    """Return the English titles of ``shelves`` something may be said of, the
    findings on the others, and the census summary of every English title."""
    titles: list[_Title] = []
    foreign: list[Finding] = []
    counted_words: list[TitleWords] = []
    # Fields stay relative to their entry (placed only to report one): what
    # is said of a title depends on its text alone.
    for entry, summary in summarised(shelves):
        if type(summary) is TitleWords:  # nothing to say whatever the library
            counted_words.append(summary)
            continue
        words, guess = summary.words, summary.guess
        if words is not None:
            counted_words.append(words)
            titles.append((entry, summary))
            continue
        # any language capitalises a title's first word
        assert guess is not None, "a foreign title is always judged in its summary"
        said = guess.said
        assert said is not None, "a foreign title nothing is said of has no summary"
        foreign.append(_placed(entry, summary.field(), said, context.vet_fixes))
    return titles, foreign, counted_words


class _Told(NamedTuple):
    """What the library tells every title: convention, claim, casing."""

    convention: str
    claim: str
    #: Whether stray capitals are looked for (a sentence-case library).
    strays: bool
    casing: Casing
    #: A digest of ``casing`` for memo keys ("" without a memo).
    fingerprint: str


def _told(census: Census, context: RuleContext) -> _Told | None:
    """Return what the titles counted in ``census`` tell, or None if no convention."""
    usage = _usage(str(context.option("case")), census) if census.total else None
    if usage is None:
        return None
    convention, claim = usage
    casing = casing_in(census)
    # Only a sentence-case library shows which capitals are stray.
    strays = convention == "sentence" and census.sentence * 2 > census.total
    fingerprint = _fingerprint(casing) if context.memo else ""
    return _Told(convention, claim, strays, casing, fingerprint)


def _said_of(
    titles: Sequence[_Title], told: _Told, context: RuleContext
) -> Iterator[Finding]:
    """Yield the findings on English ``titles`` in a library that tells ``told``."""
    convention, claim, strays, casing, fingerprint = told
    answers = title_guess.Answers(casing)
    key = (convention, claim, strays, fingerprint)
    for entry, titled in titles:
        words, guess = titled.words, titled.guess
        assert words is not None, "only English titles are judged against the casing"
        kept = words.sentence if convention == "sentence" else words.title
        # A summary's fix was vetted in it unless no vetting is wanted.
        vetted = guess is not None and context.vet_fixes
        field = None  # built only where it is read
        if guess is not None and kept and not strays:
            said = guess.unstrayed  # asks nothing of the casing
        elif guess is not None and answers.agree(guess.asked):
            said = guess.said
        else:
            field = titled.field()
            said, vetted = _judged_here(field, words, key, casing, context), False
        if said is not None:
            yield _placed(
                entry, titled.field() if field is None else field, said, vetted
            )


def tallied(summaries: Iterable[object]) -> Census:
    """Return the census of the English titles in a column of summaries.

    With :func:`again`, a re-check after an edit (``citeman.splice``) keeps
    it and judges only the edited titles while the library tells the same.
    """
    return census_of(_english(summaries))


def _english(summaries: Iterable[object]) -> Iterator[TitleWords]:
    """Yield the census summaries of the English titles among ``summaries``."""
    for summary in summaries:
        if type(summary) is TitleWords:
            yield summary
        elif summary is not None:
            words = cast("Titled", summary).words
            if words is not None:
                yield words


def again(
    census: object,
    old: Sequence[Summarised],
    new: Sequence[Summarised],
    context: RuleContext,
) -> tuple[Census, list[Finding]] | None:
    """Return the census with the entries ``old`` replaced by ``new``, and the
    findings on ``new``; or None when what the library tells every title changed
    (then every title must be judged again: :func:`aggregate`).

    ``census`` is :func:`tallied`'s (anything else gives None).
    """
    if not isinstance(census, Census):
        return None
    updated = counted(
        census,
        _english(entry.data for entry in new),
        _english(entry.data for entry in old),
    )
    told = _told(census, context)
    if told != _told(updated, context):
        return None
    titles, found, _ = _read([Shelf("", {}, (), (), new)], context)
    if told is not None:
        found += _said_of(titles, told, context)
    return updated, found


def _judged_here(
    field: Field,
    words: TitleWords,
    told: tuple[str, str, bool, str],
    casing: Casing,
    context: RuleContext,
) -> _Said | None:
    """Return what is said of a title, worked out here (or recalled: ``aggregate``)."""
    convention, claim, strays, _ = told
    fixes = context.vet_fixes
    key = (field.value, field.is_delimited, words.sentence, words.title,
           words.capitalised, words.lower, *told, fixes)  # fmt: skip
    said: _Said | None = context.recall(
        key, _judged, field, words, convention, claim, casing, strays, fixes
    )
    return said


def _judged(
    field: Field,
    words: TitleWords,
    convention: str,
    claim: str,
    casing: Casing,
    strays: bool,
    fixes: bool = True,
) -> _Said | None:
    """Return what is said of an English title, or None if it is fine.

    Without ``fixes`` (a caller that prints messages only: ``render``'s
    warnings), a title out of the convention is said to be so without the
    title rewritten in the convention's case, which its message never shows.
    """
    if not (words.sentence if convention == "sentence" else words.title):
        # Braces around a whole title are mostly a name's ("International
        # Phonetic Alphabet"): reported when a word no name capitalises is.
        inside = unbraced(field.value)
        if inside is None or shows_title_case(inside, NO_CASING):
            styles = (words.sentence, words.title)
            return _convention_text(field, convention, styles, claim, casing, fixes)
        return None
    return _lower_case_text(field.value, casing if strays else None, subtitles=True)


def _fingerprint(casing: Casing) -> str:
    """Return a digest of everything ``casing`` tells (a memo key holds it)."""
    digest = hashlib.sha256(casing.style.encode())
    for words in (casing.proper, casing.common, casing.plain):
        digest.update(b"\0" + "\n".join(sorted(words)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _placed(entry: Head, field: Field, said: _Said, vetted: bool = False) -> Finding:
    """Return the finding on the title ``field`` (relative), with the unsafe fix if any.

    ``vetted``: the fix was vetted where the entry was read (``_Guess``).
    """
    message, new = said
    field = entry.place(field)
    if not field.is_delimited:
        return Finding(field.span, message, entry.key, "title", None, entry.path)
    fix = None
    if new is not None:
        fix = Fix("title", field.value_offset, field.value, new, False, (), vetted)
    span = field.span_at(0, len(field.value))
    return Finding(span, message, entry.key, "title", fix, entry.path)


def _usage(option: str, census: Census) -> tuple[str, str] | None:
    """Return the convention and what the message says of it, or None.

    A configured convention is named as such; "consistent" names the library's
    style only when two thirds of the titles that tell (not both styles at
    once) follow it, with the real counts.
    """
    if option in _CLAIMS:
        return option, _CLAIMS[option]
    sentence, title = census.sentence, census.title
    winner, count = ("title", title) if title > sentence else ("sentence", sentence)
    if not count or count * 3 < (sentence + title) * 2:
        return None
    telling = sentence + title
    return winner, f"the library uses {_NAMES[winner]} ({count} of {telling} titles)"


def _brace_proper(title: str, proper: frozenset[str]) -> str:
    """Brace the library's proper nouns so a sentence-case fix keeps them."""
    if not proper:
        return title
    # A noting list (``title_guess``) holds no word: nothing to brace, but
    # each capitalised word is looked up, as the substitution below would.
    capitalised = (found.lower() for found in _CAPITALISED.findall(title))
    if title_guess.noted(proper, capitalised):
        return title
    return _CAPITALISED.sub(
        lambda m: (
            "{" + m.group(1) + "}" if m.group(1).lower() in proper else m.group(1)
        ),
        title,
    )


def _inside(title: str) -> str:
    """Return the title, inside the braces that protect it whole if it has them."""
    return unbraced(title) or title


def _lower_case_text(
    title: str, casing: Casing | None, subtitles: bool = False
) -> _Said | None:
    """Report a title (in the right style) that opens a part in lower case or,
    given ``casing``, has a capital only Title Case gives (:func:`stray_capitals`).

    The unsafe fix changes exactly those words' first letters.
    """
    inside = _inside(title)
    starts = lower_case_starts(inside, subtitles)
    strays = stray_capitals(inside, casing) if casing else {}
    if not starts and not strays:
        return None
    first = lower_case_starts(inside, subtitles=False)
    said = []
    if first:
        said.append(f'title starts in lower case ("{next(iter(first.values()))}")')
    elif starts:
        said.append(f'"{next(iter(starts.values()))}" opens a subtitle in lower case')
    if strays:
        said.append(
            f'"{next(iter(strays.values()))}" is capitalised inside a sentence, '
            "where the library writes it in lower case"
        )
    new = recase_words(inside, starts, strays)
    new = title.replace(inside, new, 1) if inside != title else new
    if starts:
        rule = "APA 7 capitalises the first word of a title and of a subtitle"
    else:
        rule = "APA 7 capitalises only the first word and proper nouns"
    return f"{'; '.join(said)}; {rule}", new


def _convention_text(
    field: Field,
    convention: str,
    styles: tuple[bool, bool],
    usage: str,
    casing: Casing,
    fixes: bool = True,
) -> _Said:
    """Describe one title and offer it rewritten in the convention's case.

    The rewriting (proper nouns braced, then recased) is most of the cost of
    the rule; without ``fixes`` it is left out and no fix offered.
    """
    is_sentence, is_title = styles
    if is_sentence:
        found = "sentence case"
    elif is_title:
        found = "Title Case"
    else:
        found = "mixed case"
    title = field.value
    if unbraced(title) is not None:
        found += " inside braces that keep every capital in any style"
    new = None
    if field.is_delimited and fixes:
        if convention == "sentence":
            # Sentence case first, so that compounds lose their inner capitals
            # (X-Ray to X-ray); then what must keep its capitals is braced.
            braced = _brace_proper(_inside(title), casing.proper)
            new = to_protected_sentence_case(braced, casing)
        else:
            new = to_title_case(title)
    # Interned: the message is one of a few, said of many titles.
    return sys.intern(f"title is in {found}; {usage}"), (new if new != title else None)


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
    tallied=tallied,
    again=again,
)
