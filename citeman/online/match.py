"""Decide whether a Crossref work is the one an entry cites, and how sure that is.

Crossref's relevance score only ranks; it never says "this is it". A work is
accepted only when its title reads the same, its first author, year, volume and
first page agree wherever both sides state them, and something besides title,
author and year (journal, volume or page) corroborates it; a runner-up that
fits about as well makes the answer ambiguous. Confidence is a number in [0, 1]
that the caller compares with its ``min-confidence``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from citeman.online.reference import Reference, first_page, normalise
from citeman.online.similarity import (
    contrast,
    is_same_container,
    is_same_family,
    is_same_title,
    title_similarity,
)
from citeman.online.work import Work

#: A runner-up within this much confidence of the best makes the match ambiguous.
MARGIN = 0.1
#: How sure a match must be to act on it, unless a rule's option says otherwise.
CONFIDENT = 0.9
#: Titles this alike (0–1) at least resemble each other: below it, a candidate
#: is not even a mis-cited version of the work (CM307).
LOOSE_TITLE = 0.6
#: Without a journal, volume or page agreeing, a match is never more certain than this.
UNCORROBORATED = 0.6
_UNSTATED = 0.95


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One thing the entry and the registered work state differently."""

    field: str
    entry: str
    registered: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The best candidate for an entry, how sure, and why not when unsure.

    ``reason`` is empty for a match whose only doubt is its ``confidence``;
    otherwise it says why the best candidate was rejected or not chosen.
    ``candidates`` are all the works the search returned, in its order.
    """

    work: Work | None
    confidence: float
    reason: str
    candidates: tuple[Work, ...] = ()


def is_confident(result: MatchResult | None, least: float = CONFIDENT) -> bool:
    """Return whether ``result`` names a work sure enough to act on."""
    return (
        result is not None
        and result.work is not None
        and not result.reason
        and result.confidence >= least
    )


def resembles(reference: Reference, work: Work) -> bool:
    """Return whether ``work`` could be ``reference`` even if mis-cited.

    A loose test: titles at least :data:`LOOSE_TITLE` alike, and the first
    authors' family names the same where both are known.
    """
    if title_similarity(reference.title, work.title) < LOOSE_TITLE:
        return False
    family = work.families[0] if work.families else ""
    return not (reference.family and family) or is_same_family(reference.family, family)


def compare(reference: Reference, work: Work) -> list[Disagreement]:
    """Return what ``work`` states differently from ``reference``."""
    found = []
    registered_title = work.title or "(no title)"
    if reference.title and not is_same_title(reference.title, work.title):
        found.append(Disagreement("title", reference.title, registered_title))
    family = work.families[0] if work.families else ""
    if reference.family and family and not is_same_family(reference.family, family):
        found.append(Disagreement("author", reference.family, family))
    if reference.year and work.years and not year_fits(reference.year, work):
        registered = str(work.print_year or min(work.years))
        found.append(Disagreement("year", str(reference.year), registered))
    if (
        reference.volume
        and work.volume
        and not same_value(reference.volume, work.volume)
    ):
        found.append(Disagreement("volume", reference.volume, work.volume))
    pages = registered_pages(work)
    if reference.first_page and pages and reference.first_page not in pages:
        found.append(Disagreement("pages", reference.first_page, " or ".join(pages)))
    return found


def choose(reference: Reference, candidates: Sequence[Work]) -> MatchResult:
    """Return the candidate ``reference`` cites, with confidence, or why none."""
    found = _choose(reference, candidates)
    return MatchResult(found.work, found.confidence, found.reason, tuple(candidates))


def _choose(reference: Reference, candidates: Sequence[Work]) -> MatchResult:
    if not candidates:
        return MatchResult(None, 0.0, "crossref returned no candidates")
    scored = sorted(
        ((confidence(reference, work), work) for work in candidates),
        key=lambda pair: -pair[0],
    )
    best_score, best = scored[0]
    if best_score == 0.0:
        rejected = compare(reference, candidates[0])
        return MatchResult(candidates[0], 0.0, _rejection(candidates[0], rejected))
    if best_score <= UNCORROBORATED:
        reason = f"{best.doi} agrees only in title, author and year"
        return MatchResult(best, best_score, reason)
    if len(scored) > 1 and scored[1][0] >= best_score - MARGIN:
        reason = f"{best.doi} and {scored[1][1].doi} fit about equally well"
        return MatchResult(best, best_score, reason)
    return MatchResult(best, best_score, "")


def confidence(reference: Reference, work: Work) -> float:
    """Return how sure it is that ``reference`` cites ``work``; 0 if it cannot."""
    if not reference.title or compare(reference, work):
        return 0.0
    score = title_similarity(reference.title, work.title)
    if not (reference.family and work.families):
        score *= _UNSTATED
    if not (reference.year and work.years):
        score *= _UNSTATED
    elif reference.year not in (work.print_year, *work.years):
        score *= _UNSTATED  # off by one: print and online years straddle a new year
    corroborated = False
    for entry_value, registered in (
        (reference.volume, work.volume),
        (reference.first_page, " ".join(registered_pages(work))),
    ):
        if entry_value and registered:
            corroborated = True
        else:
            score *= _UNSTATED
    if reference.container and work.container:
        if is_same_container(reference.container, work.container):
            corroborated = True
        else:
            score *= 0.85
    return score if corroborated else min(score, UNCORROBORATED)


def same_value(cited: str, registered: str) -> bool:
    return normalise(cited) == normalise(registered)


def year_fits(year: int, work: Work) -> bool:
    return any(abs(year - registered) <= 1 for registered in work.years)


def registered_pages(work: Work) -> list[str]:
    pages = [first_page(work.page), work.article_number.lower()]
    return list(dict.fromkeys(page for page in pages if page))


def _rejection(work: Work, disagreements: Sequence[Disagreement]) -> str:
    if not disagreements:
        return f"{work.doi} has nothing to compare"
    first = disagreements[0]
    registered, cited = contrast(first.registered, first.entry)
    return (
        f'best candidate {work.doi} rejected: {first.field} "{registered}",'
        f' entry has "{cited}"'
    )
