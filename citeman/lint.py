"""Run the active rules over parsed libraries and stamp each finding into a Problem."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from citeman import collector, fix_guard
from citeman.config import ActiveRule
from citeman.model import Entry, Library
from citeman.problem import Finding, Problem
from citeman.rules import matches
from citeman.rules.base import (
    DoiResolver,
    EntryRule,
    LibraryRule,
    RuleContext,
    Shelf,
    Summarised,
    SuppressionRule,
    head,
    shelf,
)
from citeman.selection import FileIgnores

#: (path, key) of an entry → the codes its suppression comment silenced.
Silenced = dict[tuple[str, str], set[str]]


def lint(
    libraries: Sequence[Library],
    active: Sequence[ActiveRule],
    resolver: DoiResolver | None = None,
    progress: Callable[[int], None] | None = None,
    file_ignores: FileIgnores | None = None,
    vet_fixes: bool = True,
) -> list[Problem]:
    """Return every problem the active rules find, ordered by file, line and code.

    ``progress`` is called with the number of entries checked since its last call.
    ``file_ignores`` (``per-file-ignores``) drops rules in the files it matches.
    ``vet_fixes=False`` leaves the fixes unvetted (:mod:`citeman.fix_guard`), for
    a caller that only prints the messages (``render``'s warnings): vetting
    parses each fixed entry again.
    """
    with collector.paused():
        problems = _lint(libraries, active, resolver, progress, vet_fixes)
    if file_ignores is not None and file_ignores.patterns:
        problems = _without_file_ignores(problems, active, file_ignores)
    return problems


def _lint(
    libraries: Sequence[Library],
    active: Sequence[ActiveRule],
    resolver: DoiResolver | None,
    progress: Callable[[int], None] | None,
    vet_fixes: bool,
) -> list[Problem]:
    contexts = [(item, RuleContext(item.options, resolver)) for item in active]
    entry_rules = []
    for item, context in contexts:
        if isinstance(item.rule, EntryRule):
            entry_rules.append((item.rule, item, context))
    judged = any(isinstance(item.rule, SuppressionRule) for item in active)
    summarising = _summarising(contexts)
    shelves: dict[str, list[Shelf]] = {rule.code: [] for rule, _ in summarising}
    problems: list[Problem] = []
    silenced: Silenced = {}
    for library in libraries:
        summaries: list[list[Summarised]] = [[] for _ in summarising]
        for count, entry in enumerate(library.entries, 1):
            if entry.suppressed:
                silenced[(entry.path, entry.key)] = set()
            for rule, item, context in entry_rules:
                quiet = bool(entry.suppressed) and matches(rule, entry.suppressed)
                if quiet and not judged:
                    continue
                for finding in rule.check(entry, context):
                    if quiet:
                        silenced[(entry.path, entry.key)].add(rule.code)
                    else:
                        problems.append(_problem(item, finding, entry))
            if summarising:
                where = head(entry)
                for (step, options), found in zip(summarising, summaries, strict=True):
                    summary = step.summarise(entry, options) if step.summarise else None
                    found.append(Summarised(where, summary))
            if progress is not None and count % 1000 == 0:
                progress(1000)
        if progress is not None:
            progress(len(library.entries) % 1000)
        for (step, _), found in zip(summarising, summaries, strict=True):
            shelves[step.code].append(shelf(library, found))
    problems += _library_problems(libraries, contexts, silenced, shelves)
    problems += _suppression_problems(libraries, active, silenced)
    if vet_fixes:
        problems = fix_guard.vet(problems, libraries)
    problems.sort(key=lambda problem: problem.sort_key)
    return problems


def _summarising(
    contexts: Sequence[tuple[ActiveRule, RuleContext]],
) -> list[tuple[LibraryRule, RuleContext]]:
    """Return the active library rules of the two-step form (summaries)."""
    return [
        (item.rule, context)
        for item, context in contexts
        if isinstance(item.rule, LibraryRule) and item.rule.check is None
    ]


def _library_problems(
    libraries: Sequence[Library],
    contexts: Sequence[tuple[ActiveRule, RuleContext]],
    silenced: Silenced,
    shelves: Mapping[str, Sequence[Shelf]],
) -> list[Problem]:
    """Run the rules that compare entries; note what suppressions silence.

    A two-step rule aggregates the summaries in ``shelves`` (by rule code);
    a one-step rule reads whole ``libraries``.
    """
    suppressed = {
        (entry.path, entry.key): entry.suppressed
        for library in libraries
        for entry in library.entries
        if entry.suppressed
    }
    problems = []
    for item, context in contexts:
        if not isinstance(item.rule, LibraryRule):
            continue
        rule = item.rule
        found = (
            rule.check(libraries, context)
            if rule.check is not None
            else rule.over_shelves(shelves[rule.code], context)
        )
        for finding in found:
            where = (finding.path or "", finding.key or "")
            names = suppressed.get(where)
            if names and matches(item.rule, names):
                silenced[where].add(item.rule.code)
                continue
            problems.append(_problem(item, finding, None))
    return problems


def _suppression_problems(
    libraries: Sequence[Library], active: Sequence[ActiveRule], silenced: Silenced
) -> list[Problem]:
    """Let the rules about suppression comments judge each entry that has one."""
    ran = frozenset(item.rule.code for item in active)
    problems = []
    for item in active:
        if not isinstance(item.rule, SuppressionRule):
            continue
        for library in libraries:
            for entry in library.entries:
                if not entry.suppressed:
                    continue
                codes = frozenset(silenced.get((entry.path, entry.key), ()))
                for finding in item.rule.check(entry, codes, ran):
                    problems.append(_problem(item, finding, entry))  # noqa: PERF401
    return problems


def _without_file_ignores(
    problems: Sequence[Problem], active: Sequence[ActiveRule], ignores: FileIgnores
) -> list[Problem]:
    by_code = {item.rule.code: item.rule for item in active}
    kept = []
    cache: dict[str, tuple[str, ...]] = {}
    for problem in problems:
        if problem.path not in cache:
            cache[problem.path] = ignores.ignored(problem.path)
        names = cache[problem.path]
        if not (names and matches(by_code[problem.code], names)):
            kept.append(problem)
    return kept


def _problem(item: ActiveRule, finding: Finding, entry: Entry | None) -> Problem:
    path = finding.path or (entry.path if entry else "")
    key = finding.key if finding.key is not None else (entry.key if entry else None)
    severity = item.severity
    if finding.severity is not None and item.severity == item.rule.severity:
        severity = finding.severity  # the rule's own grading, unless configured
    return Problem(
        path=path,
        span=finding.span,
        key=key,
        field=finding.field,
        code=item.rule.code,
        rule=item.rule.name,
        severity=severity,
        message=finding.message,
        fix=finding.fix,
    )
