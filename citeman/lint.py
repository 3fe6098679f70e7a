"""Run the active rules over parsed libraries and stamp each finding into a Problem."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from citeman import collector
from citeman.config import ActiveRule
from citeman.model import Entry, Library
from citeman.problem import Finding, Problem
from citeman.rules import matches
from citeman.rules.base import DoiResolver, EntryRule, LibraryRule, RuleContext


def lint(
    libraries: Sequence[Library],
    active: Sequence[ActiveRule],
    resolver: DoiResolver | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Problem]:
    """Return every problem the active rules find, ordered by file, line and code.

    ``progress`` is called with the number of entries checked since its last call.
    """
    with collector.paused():
        return _lint(libraries, active, resolver, progress)


def _lint(
    libraries: Sequence[Library],
    active: Sequence[ActiveRule],
    resolver: DoiResolver | None,
    progress: Callable[[int], None] | None,
) -> list[Problem]:
    contexts = [(item, RuleContext(item.options, resolver)) for item in active]
    entry_rules = []
    for item, context in contexts:
        if isinstance(item.rule, EntryRule):
            entry_rules.append((item.rule, item, context))
    problems: list[Problem] = []
    suppressed: dict[tuple[str, str], frozenset[str]] = {}
    for library in libraries:
        for count, entry in enumerate(library.entries, 1):
            if entry.suppressed:
                suppressed[(entry.path, entry.key)] = entry.suppressed
            for rule, item, context in entry_rules:
                if entry.suppressed and matches(rule, entry.suppressed):
                    continue
                for finding in rule.check(entry, context):
                    problems.append(_problem(item, finding, entry))  # noqa: PERF401
            if progress is not None and count % 1000 == 0:
                progress(1000)
        if progress is not None:
            progress(len(library.entries) % 1000)
    for item, context in contexts:
        if not isinstance(item.rule, LibraryRule):
            continue
        for finding in item.rule.check(libraries, context):
            names = suppressed.get((finding.path or "", finding.key or ""))
            if names and matches(item.rule, names):
                continue
            problems.append(_problem(item, finding, None))
    problems.sort(key=lambda problem: problem.sort_key)
    return problems


def _problem(item: ActiveRule, finding: Finding, entry: Entry | None) -> Problem:
    path = finding.path or (entry.path if entry else "")
    key = finding.key if finding.key is not None else (entry.key if entry else None)
    return Problem(
        path=path,
        span=finding.span,
        key=key,
        field=finding.field,
        code=item.rule.code,
        rule=item.rule.name,
        severity=item.severity,
        message=finding.message,
        fix=finding.fix,
    )
