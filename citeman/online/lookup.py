"""What ``citeman lookup`` shows: a search's candidates, judged field by field.

CM305 reports only a match sure enough to act on; a person deciding about the
rest needs the candidates themselves, their confidence, and for each field
whether it agrees, disagrees or is not stated on one side. An entry is judged
exactly as CM305 judges it; pasted free text has no fields, so a candidate's
title, first author, year, journal, volume and first page are looked for in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from citeman.online import match
from citeman.online.reference import Reference, first_page, normalise
from citeman.online.similarity import (
    is_same_container,
    is_same_family,
    is_same_title,
    title_similarity,
)
from citeman.online.work import Work

AGREES, DIFFERS, UNSTATED = "agrees", "differs", "not stated"
IN_TEXT, NOT_IN_TEXT = "in the text", "not in the text"
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """One field of a candidate against the reference: ``verdict`` and both values.

    ``similarity`` is how alike the titles read (0–1), for the title only.
    """

    field: str
    verdict: str
    cited: str
    registered: str
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A work a search returned, how sure a match it is, and why."""

    work: Work
    confidence: float
    accepted: bool
    reason: str
    fields: tuple[FieldCheck, ...]


def judge_entry(
    reference: Reference, result: match.MatchResult, least: float
) -> list[Candidate]:
    """Return every candidate of ``result``, best first, judged as CM305 judges."""
    chosen = result.work if match.is_confident(result, least) else None
    judged = []
    for work in result.candidates:
        score = match.confidence(reference, work)
        if work is chosen:
            reason = "a confident match: CM305 adds this DOI"
        elif work is result.work and result.reason:
            reason = result.reason
        elif work is result.work:
            reason = f"confidence {score:.2f} is below {least:g}"
        else:
            differs = [item.field for item in match.compare(reference, work)]
            reason = f"{', '.join(differs)} differ" if differs else "a weaker candidate"
        checks = tuple(_entry_checks(reference, work))
        judged.append(Candidate(work, score, work is chosen, reason, checks))
    return sorted(judged, key=lambda candidate: -candidate.confidence)


def judge_text(text: str, works: Sequence[Work]) -> list[Candidate]:
    """Return ``works`` judged against free ``text``, best first.

    A candidate is accepted when its title, first author and year all appear
    in the text and so does its journal, volume or first page.
    """
    words = normalise(text)
    judged = []
    for work in works:
        checks = tuple(_text_checks(words, text, work))
        found = {check.field for check in checks if check.verdict == IN_TEXT}
        core = {"title", "author", "year"} <= found
        corroborated = bool(found & {"journal", "volume", "pages"})
        score = round(len(found) / max(1, len(checks)), 2)
        missing = [check.field for check in checks if check.verdict != IN_TEXT]
        reason = (
            "title, author, year and a locator appear in the text"
            if (core and corroborated)
            else f"not in the text: {', '.join(missing)}"
        )
        judged.append(Candidate(work, score, core and corroborated, reason, checks))
    return sorted(judged, key=lambda candidate: -candidate.confidence)


def _entry_checks(reference: Reference, work: Work) -> list[FieldCheck]:
    year = str(work.print_year or min(work.years, default="")) if work.years else ""
    pages = " or ".join(match.registered_pages(work))
    family = work.families[0] if work.families else ""
    similarity = title_similarity(reference.title, work.title) if work.title else 0
    return [
        _check("title", reference.title, work.title,
               is_same_title(reference.title, work.title), similarity),
        _check("author", reference.family, family,
               is_same_family(reference.family, family)),
        _check("year", str(reference.year or ""), year,
               bool(reference.year) and match.year_fits(reference.year or 0, work)),
        _check("journal", reference.container, work.container,
               is_same_container(reference.container, work.container)),
        _check("volume", reference.volume, work.volume,
               match.same_value(reference.volume, work.volume)),
        _check("pages", reference.first_page, pages,
               reference.first_page in match.registered_pages(work)),
    ]  # fmt: skip


def _check(
    field: str, cited: str, registered: str, same: bool, similarity: float | None = None
) -> FieldCheck:
    if not cited or not registered:
        return FieldCheck(field, UNSTATED, cited, registered)
    verdict = AGREES if same else DIFFERS
    return FieldCheck(field, verdict, cited, registered, similarity)


def _text_checks(words: str, text: str, work: Work) -> list[FieldCheck]:
    padded = f" {words} "
    years = {int(year) for year in _YEAR.findall(text)}
    title = normalise(work.title.split(":", 1)[0]) if work.title else ""
    family = normalise(work.families[0]) if work.families else ""
    page = first_page(work.page) or work.article_number.lower()
    volume = work.volume.lower()
    values = [
        ("title", work.title, bool(title) and title in words),
        ("author", work.families[0] if work.families else "",
         bool(family) and f" {family} " in padded),
        ("year", str(work.print_year or ""),
         any(abs(year - other) <= 1 for year in years for other in work.years)),
        ("journal", work.container,
         bool(work.container) and normalise(work.container) in words),
        ("volume", work.volume, bool(volume) and f" {volume} " in padded),
        ("pages", page, bool(page) and f" {page} " in padded),
    ]  # fmt: skip
    checks = []
    for name, value, found in values:
        verdict = IN_TEXT if found else (NOT_IN_TEXT if value else UNSTATED)
        checks.append(FieldCheck(name, verdict, "", value))
    return checks
