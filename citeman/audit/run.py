"""Run the active CM5 rules over manuscripts and lists, and stamp their findings."""

from __future__ import annotations

from collections.abc import Sequence

from citeman.audit import citations, works
from citeman.audit.manuscript import Manuscript
from citeman.audit.model import Audit, Resolution
from citeman.audit.resolve import Index, resolve
from citeman.config import ActiveRule
from citeman.model import Library
from citeman.problem import Finding, Problem
from citeman.rules import matches
from citeman.rules.base import ManuscriptRule, RuleContext


def build(manuscripts: Sequence[Manuscript], libraries: Sequence[Library]) -> Audit:
    """Return every citation of the manuscripts resolved against the libraries."""
    index = Index(works.build(libraries))
    groups = index.groups
    resolutions: list[Resolution] = []
    cites_all = False
    for manuscript in manuscripts:
        found, everything = citations.find(manuscript, groups)
        resolutions += resolve(found, index)
        cites_all = cites_all or everything
    return Audit(tuple(resolutions), index.works, cites_all)


def audit(model: Audit, active: Sequence[ActiveRule]) -> list[Problem]:
    """Return the problems the active manuscript rules find, in file order.

    Lint rules in ``active`` are skipped; a ``% citeman: ignore[…]`` comment
    above an entry silences the rules it names for findings about that entry.
    """
    suppressed = {
        (work.entry.path, work.entry.key): work.entry.suppressed
        for work in model.works
        if work.entry.suppressed
    }
    problems = []
    for item in active:
        rule = item.rule
        if not isinstance(rule, ManuscriptRule):
            continue
        for finding in rule.check(model, RuleContext(item.options)):
            names = suppressed.get((finding.path or "", finding.key or ""))
            if names and matches(rule, names):
                continue
            problems.append(_problem(item, finding))
    problems.sort(key=lambda problem: problem.sort_key)
    return problems


def _problem(item: ActiveRule, finding: Finding) -> Problem:
    return Problem(
        path=finding.path or "",
        span=finding.span,
        key=finding.key,
        field=None,
        code=item.rule.code,
        rule=item.rule.name,
        severity=item.severity,
        message=finding.message,
        fix=None,
    )
