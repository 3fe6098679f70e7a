"""A block that BibTeX cannot parse.

The block is skipped (nothing in it is checked, rendered or fixed) but the rest of
the file still is. The message says what the parser expected where it stopped.

FAIL:
    @article{broken, title = {An unclosed title
    @book{next, title = {Parsed again from here}}

PASS:
    @article{fine, title = {A closed title}}
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from citeman.model import Span
from citeman.problem import Finding, Severity
from citeman.rules.base import LibraryRule, RuleContext, Shelf


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield one finding per unparsable block (entries are not read)."""
    for shelf in shelves:
        for failure in shelf.failures:
            head = failure.raw.split("\n", 1)[0]
            span = Span(failure.line, failure.column, failure.line,
                        failure.column + len(head))  # fmt: skip
            yield Finding(
                span,
                f"block cannot be parsed and was skipped: {failure.message}",
                path=failure.path,
            )


RULE = LibraryRule(
    code="CM001",
    name="syntax-error",
    summary="a block that cannot be parsed",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    aggregate=aggregate,
)
