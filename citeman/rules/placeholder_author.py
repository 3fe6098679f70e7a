"""A placeholder written as a name: "Anonymous", "Unknown", "et al.", "N/A".

APA 7 (9.12) writes "Anonymous" only for a work signed that way; a work with no
author starts with its title, and a database's "Unknown" or "N/A" is no name at
all. A placeholder in ``author`` or ``editor`` prints as a person and sorts the
work under A, U or N. Reported without a fix: only the author knows whether the
work is signed "Anonymous" or should move its title first. ``others`` after
other names is BibTeX's "et al." and is left to author-format (CM204).

FAIL:
    @article{a, author = {Anonymous}, title = {Index of advertisers}}

PASS:
    @article{a, title = {Index of advertisers}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"anonymous|anon\.?|unknown|unknown author|no author|n/?a|none|et al\.?"
    r"|others|\[?s\.\s?n\.\]?|author",
    re.IGNORECASE,
)


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each placeholder name in author or editor."""
    for name in ("author", "editor"):
        field = entry.fields.get(name)
        if field is None:
            continue
        people = _AND.split(field.value.strip())
        for index, person in enumerate(people):
            bare = person.strip().strip("{}").strip()
            if not _PLACEHOLDER.fullmatch(bare):
                continue
            if bare.lower() == "others" and index:
                continue  # "and others": author-format's business
            yield Finding(
                field.span,
                f'"{bare}" in {name} is a placeholder, not a name; APA starts a '
                "work without author with its title",
                entry.key,
                name,
            )


RULE = EntryRule(
    code="CM209",
    name="placeholder-author",
    summary='a placeholder written as a name ("Anonymous", "Unknown", "et al.")',
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
