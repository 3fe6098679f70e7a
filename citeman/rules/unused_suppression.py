"""A ``% citeman: ignore[…]`` comment that names no rule, or silences nothing.

A misspelt name suppresses nothing and hides the mistake; a suppression left
behind after the entry was corrected hides the next real problem. Like ruff's
RUF100, a name is reported unused only when the rules it names ran on the
entry and found nothing there; a name of a rule that did not run (an online
rule without ``--online``, a rule not selected) is left alone.

FAIL:
    % citeman: ignore[page-rnage]
    @article{a, title = {T}, pages = {1-2}}

PASS:
    % citeman: ignore[page-range]
    @article{a, title = {T}, pages = {1-2}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman import rules, selection
from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import SuppressionRule


def check(
    entry: Entry, silenced: frozenset[str], ran: frozenset[str]
) -> Iterator[Finding]:
    """Yield one finding per unknown or unused name of the entry's suppression.

    ``silenced`` are the codes of the findings the comment suppressed, ``ran``
    the codes of the rules that ran.
    """
    for name in sorted(entry.suppressed):
        named = [rule for rule in rules.ALL if rules.matches(rule, (name,))]
        if not named:
            hint = selection.suggestion(name)
            yield Finding(
                entry.span,
                f'suppression above "{entry.key}" names no rule: "{name}"{hint}',
                key=entry.key,
            )
            continue
        codes = {rule.code for rule in named}
        if codes & ran and not codes & silenced and name.upper() != "ALL":
            yield Finding(
                entry.span,
                f'suppression of "{name}" above "{entry.key}" is unused: '
                "nothing to suppress; remove it",
                key=entry.key,
            )


RULE = SuppressionRule(
    code="CM005",
    name="unused-suppression",
    summary="a suppression comment that names no rule or silences nothing",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
