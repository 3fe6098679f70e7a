"""``%`` lines inside an entry: fields someone switched off.

biber and most users read a ``%`` between an entry's fields as a comment to the
end of the line, and so does citeman: such lines are never parsed as fields and
never changed by ``fix``. BibTeX itself has no comments inside an entry, though:
it reads ``%eprint`` as a field name, or stops with an error when the line
holds no ``=``. The finding is reported once per entry, on its first commented
line, so that a library meant for BibTeX can be cleaned up; there is no fix,
because only the author knows whether the line should come back or go.

FAIL:
    @article{kopta1994, title = {Patterns of symptomatic recovery},
      % note = {PMID: 8041636},
      year = {1994}}

PASS:
    @article{kopta1994, title = {Patterns of symptomatic recovery},
      note = {50% of cases}, year = {1994}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry, Span
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield one finding for an entry with ``%`` comments, at the first of them."""
    if not entry.comments:
        return
    offset, text = entry.comments[0]
    before = entry.raw[: offset - entry.offset]
    line = entry.line + before.count("\n")
    column = (
        len(before) - before.rfind("\n")
        if "\n" in before
        else entry.column + len(before)
    )
    count = len(entry.comments)
    lines = "1 line" if count == 1 else f"{count} lines"
    yield Finding(
        Span(line, column, line, column + len(text)),
        f"{lines} commented out with % inside the entry ({_preview(text)}); "
        "biber skips them but BibTeX reads them as fields or stops with an error",
        key=entry.key,
    )


def _preview(text: str) -> str:
    """Return the first comment, shortened for a one-line message."""
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


RULE = EntryRule(
    code="CM105",
    name="commented-field",
    summary="% lines inside an entry (biber skips them, BibTeX does not)",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
