"""Write a work's APA 7 in-text citation, as the CM5 messages suggest it.

One or two authors: every name, every time ("&" inside parentheses, "and" in
running text). Three or more: the first and "et al.", or as many names as tell
the work apart from others with the same first author and year. A group author
is written whole, or as its abbreviation once that has been introduced.
"""

from __future__ import annotations

from collections.abc import Sequence

from citeman.audit.model import Citation, Work
from citeman.authordate.text import names_text as written_names
from citeman.authordate.text import year_text

#: How many candidate works a message names before "…".
NAMED = 3


def author_count(work: Work) -> int:
    """Return how many authors APA counts; a list ending "and others" has 3+."""
    return work.count


def names_text(work: Work, *, narrative: bool) -> str:
    """Return the author part APA writes for ``work``, e.g. "Kopta et al."."""
    families = list(work.families)
    if len(families) > 1 and families[-1] == "others":
        families.pop()  # "and others": et al.
    if work.is_titled:
        return f'"{families[0]}"'
    if work.initials_needed and work.initials:
        families[0] = f"{work.initials} {families[0]}"
    return written_names(families, work.count, work.names_needed, narrative=narrative)


def cite(work: Work, *, narrative: bool, names: str = "") -> str:
    """Return the whole citation: "Kopta et al., 1994" or "Kopta et al. (1994)"."""
    who = names or names_text(work, narrative=narrative)
    year = year_text(work.year, work.suffix)
    return f"{who} ({year})" if narrative else f"{who}, {year}"


def cite_like(citation: Citation, work: Work) -> str:
    """Return ``work`` cited in the same form (narrative or not) as ``citation``."""
    return cite(work, narrative=not citation.is_parenthetical)


def who(citation: Citation) -> str:
    """Return the cited authors for a message: "Kopta et al.", "A and B"."""
    names = citation.names
    if citation.et_al:
        return f"{', '.join(names)} et al."
    if len(names) > 1:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return names[0]


def written(citation: Citation) -> str:
    """Return the citation as the writer wrote it, reassembled."""
    year = year_text(citation.year, citation.suffix)
    if citation.is_parenthetical:
        return f"{citation.written}, {year}"
    return f"{citation.written} ({year})"


def listing(works: Sequence[Work], citation: Citation) -> str:
    """Return e.g. ``kopta1994 ("Kopta et al., 1994"), …`` for a message."""
    shown = [
        f'{work.entry.key} ("{cite_like(citation, work)}")' for work in works[:NAMED]
    ]
    more = ", …" if len(works) > NAMED else ""
    return ", ".join(shown) + more
