"""The same citation key used twice, in one file or across the files checked together.

BibTeX keeps the first entry with a key and ignores the rest, and it compares
keys without regard to case (``Smith2020`` and ``smith2020`` clash and give a
"case mismatch" error), so every later entry is reported with the place of the
first. Files checked together are treated as one bibliography, as
``\\bibliography{a,b}`` does.

FAIL:
    @article{kopta1994, title = {Patterns of symptomatic recovery}}
    @book{Kopta1994, title = {Psychotherapy}}

PASS:
    @article{kopta1994, title = {Patterns of symptomatic recovery}}
    @book{kopta1994b, title = {Psychotherapy}}
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from citeman.problem import Finding, Severity
from citeman.rules.base import Head, LibraryRule, RuleContext, Shelf


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for every entry whose key an earlier entry already has."""
    first: dict[str, Head] = {}
    for shelf in shelves:
        for entry, _ in shelf.entries:
            folded = entry.key.lower()
            earlier = first.setdefault(folded, entry)
            if earlier is entry:
                continue
            where = f"{earlier.path}:{earlier.line}"
            if earlier.key == entry.key:
                message = f'duplicate key "{entry.key}", first used at {where}'
            else:
                message = (
                    f'key "{entry.key}" differs only in case from "{earlier.key}" '
                    f"at {where}; BibTeX treats them as one key"
                )
            yield Finding(
                entry.span,
                f"{message}; rename one of them",
                key=entry.key,
                path=entry.path,
            )


RULE = LibraryRule(
    code="CM002",
    name="duplicate-key",
    summary="the same citation key twice (also keys differing only in case)",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    aggregate=aggregate,
)
