"""An author–date citation not in the APA form for its work.

APA 7 names one or two authors every time ("&" inside parentheses, "and" in
running text) and three or more as the first and "et al." (or as many names as
tell the work apart from others with the same first author and year; "et al."
never stands for one name). Works cited alike in one year take letters (2020a,
2020b), in the text too: a letter missing or to spare is reported. When two
first authors share a family name, their initials tell them apart ("J. Smith,
2020"; "Ch. Smith"): initials are compared whole, so "Smith, J." and "Smith,
J. A." are two people, as APA 8.20 reads; one person is written alike in every
entry. Names, initials and letters are :mod:`citeman.authordate`'s. A group
abbreviation is introduced at its first use: "(National Institute of Mental
Health [NIMH], 2020)", then "(NIMH, 2020)".

FAIL:
    @article{leichsenring2011, author = {Leichsenring, F. and Rabung, S.}, year = 2011}

    Long-term therapy helps (Leichsenring et al., 2011).

PASS:
    @article{leichsenring2011, author = {Leichsenring, F. and Rabung, S.}, year = 2011}

    Long-term therapy helps (Leichsenring & Rabung, 2011), as Leichsenring and
    Rabung (2011) show.
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.audit.form import NAMED, author_count, cite_like
from citeman.audit.model import Audit, Resolution, Status
from citeman.audit.naming import cited_initials
from citeman.authordate.keys import fold_family
from citeman.authordate.text import year_text
from citeman.problem import Finding, Severity
from citeman.rules.base import ManuscriptRule, RuleContext

_COUNTS = {1: "one author", 2: "two authors"}


def check(audit: Audit, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding per citation written in another form than APA's."""
    for resolution in audit.resolutions:
        citation = resolution.citation
        message = None
        if resolution.status is Status.NEEDS_SUFFIX:
            options = " or ".join(
                f'"{cite_like(citation, work)}" ({work.entry.key})'
                for work in resolution.works[:NAMED]
            )
            message = (
                f"same authors and year as another work in the list: write {options}"
            )
        elif resolution.status is Status.FOUND and citation.is_prose:
            message = _problem(resolution)
        if message:
            key = resolution.works[0].entry.key
            yield Finding(citation.span, message, key=key, path=citation.path)


def _problem(resolution: Resolution) -> str | None:
    """Return what is wrong with a resolved citation's form, or None."""
    citation, work = resolution.citation, resolution.works[0]
    expected = cite_like(citation, work)
    if resolution.group_name and not resolution.introduced:
        year = year_text(work.year, work.suffix)
        name, short = resolution.group_name, citation.names[0]
        intro = (
            f"{name} [{short}], {year}"
            if citation.is_parenthetical
            else f"{name} ({short}, {year})"
        )
        return f'introduce the abbreviation at its first use: "{intro}"'
    if work.initials_needed and not cited_initials(citation.names[0]):
        return (
            f"another first author in the list is also named {work.families[0]}:"
            f' write "{expected}"'
        )
    if not (work.is_group and len(work.families) == 1):
        message = _names_problem(resolution, expected)
        if message:
            return message
    if citation.suffix and not work.suffix:
        return f'no other work by these authors that year: write "{expected}"'
    if work.suffix and not citation.suffix:
        return f'the list gives this work a letter after the year: write "{expected}"'
    return None


def _names_problem(resolution: Resolution, expected: str) -> str | None:
    citation, work = resolution.citation, resolution.works[0]
    count, cited = author_count(work), len(citation.names)
    needed = work.names_needed if count >= 3 else count
    every = needed >= count
    if (citation.et_al, cited) != ((False, count) if every else (True, needed)):
        if count in _COUNTS:
            what = _COUNTS[count]
        elif needed == 1:
            what = "three or more authors"
        else:
            what = "name the authors that tell it apart from works with the same"
            what += " first author and year"
        return f'{what}: write "{expected}"'
    names = tuple(fold_family(name) for name in citation.names[1:])
    if names != work.folded[1:cited]:
        return f'the list names other authors: write "{expected}"'
    if cited >= 2 and every:
        if citation.is_parenthetical and citation.connector != "&":
            return f'use "&" between names inside parentheses: write "{expected}"'
        if not citation.is_parenthetical and citation.connector == "&":
            return f'use "and" between names in running text: write "{expected}"'
    return None


RULE = ManuscriptRule(
    code="CM504",
    name="citation-author-form",
    summary='an author–date citation not in APA form ("et al.", "&", "and", 2020a)',
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
