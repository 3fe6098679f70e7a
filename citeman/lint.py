"""Run the active rules over parsed libraries and stamp each finding into a Problem.

Library-wide rules work in two steps (``citeman.rules.base.LibraryRule``): each
entry is summarised as it is checked, then every file's summaries are
aggregated. A re-check from the entry cache (``citeman.incremental``) hands
the unchanged entries in as :class:`Known`, their problems and summaries read
from the cache, and gets back in :class:`FromCache` what lint found in the
others, to cache them.
"""

from __future__ import annotations

import dataclasses
import heapq
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import NamedTuple

from citeman import collector, fix_guard
from citeman.config import ActiveRule
from citeman.model import Entry, Library
from citeman.problem import Finding, Fix, Problem
from citeman.rules import matches
from citeman.rules.base import (
    Column,
    DoiResolver,
    EntryRule,
    Head,
    LibraryRule,
    Memo,
    RuleContext,
    Shelf,
    SuppressionRule,
    head,
    shelf,
)
from citeman.selection import FileIgnores

#: (path, key) of an entry → the codes its suppression comment silenced.
Silenced = dict[tuple[str, str], set[str]]
#: Told the name of each stage of the work as it starts, and its count if any.
Stage = Callable[[str, int | None], None]


def _quiet(label: str, total: int | None) -> None:
    """Tell nobody about a stage."""


class Known(NamedTuple):
    """An entry whose results come from the entry cache, at its place in the file."""

    #: Names the entry's text wherever it stands (see :data:`Verdicts`).
    ident: str
    head: Head
    #: The length of the entry's text.
    length: int
    #: The per-entry rules' problems, already vetted.
    problems: tuple[Problem, ...]
    #: One summary per two-step library rule, in the order of the active rules.
    summaries: tuple[object, ...]


#: Whether ``fix_guard`` let a fix through, by the entry's ident, the fix's
#: offset in the entry, field, old and new text, and the fields it writes.
Verdicts = dict[tuple[str, int, str, str, str, tuple[tuple[str, str], ...]], bool]


class Fresh(NamedTuple):
    """What lint found in one parsed entry: its problems (vetted) and summaries."""

    problems: tuple[Problem, ...]
    summaries: tuple[object, ...]


@dataclasses.dataclass(frozen=True)
class FromCache:
    """The cached entries of each file, and what lint found in the others."""

    #: File path → its cached entries, in file order.
    known: Mapping[str, Sequence[Known]]
    #: File path → its text.
    sources: Mapping[str, str]
    #: Parses a known entry again, for vetting a library rule's fix on it.
    entry: Callable[[Known], Entry]
    #: Filled by lint: file path → offset of each parsed entry → its results.
    fresh: dict[str, dict[int, Fresh]] = dataclasses.field(default_factory=dict)
    #: Verdicts on library rules' fixes in known entries, read and added to.
    verdicts: Verdicts = dataclasses.field(default_factory=dict)
    #: Rule code → the memo its aggregate step is given (see ``Memo``).
    memos: Mapping[str, Memo] = dataclasses.field(default_factory=dict)
    #: Rule code → waits for the rule's findings, aggregated elsewhere (on a
    #: worker of ``citeman.chunked``, which kept the rule's summaries).
    aggregated: Mapping[str, Callable[[], Sequence[Finding]]] = dataclasses.field(
        default_factory=dict
    )


def lint(
    libraries: Sequence[Library],
    active: Sequence[ActiveRule],
    resolver: DoiResolver | None = None,
    progress: Callable[[int], None] | None = None,
    file_ignores: FileIgnores | None = None,
    vet_fixes: bool = True,
    cache: FromCache | None = None,
    stage: Stage | None = None,
) -> list[Problem]:
    """Return every problem the active rules find, ordered by file, line and code.

    ``progress`` is called with the number of entries checked since its last call,
    then (once ``stage`` names the vetting of fixes) of problems vetted.
    ``file_ignores`` (``per-file-ignores``) drops rules in the files it matches.
    ``vet_fixes=False`` leaves the fixes unvetted (:mod:`citeman.fix_guard`), for
    a caller that only prints the messages (``render``'s warnings): vetting
    parses each fixed entry again; a fix that costs much to build may then be
    left out (:class:`citeman.rules.base.RuleContext`).
    ``cache`` gives entries known from the entry cache and receives the others.
    ``stage`` is told when each library-wide stage starts (a progress line).
    """
    with collector.paused():
        problems = _lint(
            libraries, active, resolver, progress, vet_fixes, cache, stage or _quiet
        )
    if file_ignores is not None and file_ignores.patterns:
        problems = _without_file_ignores(problems, active, file_ignores)
    return problems


def _lint(
    libraries: Sequence[Library],
    active: Sequence[ActiveRule],
    resolver: DoiResolver | None,
    progress: Callable[[int], None] | None,
    vet_fixes: bool,
    cache: FromCache | None,
    stage: Stage,
) -> list[Problem]:
    run = _Run(active, resolver, progress, vet_fixes)
    for library in libraries:
        known = cache.known.get(library.path, ()) if cache is not None else ()
        run.check_library(library, known, recording=cache is not None)
    problems = run.problems
    checked = len(problems)
    memos = cache.memos if cache is not None else {}
    aggregated = cache.aggregated if cache is not None else {}
    # One vetter of the known entries: while the rules aggregated elsewhere
    # are awaited, it judges the fixes of those made here, and it vets below
    # (the verdicts and the entries it parsed kept).
    vetter = _KnownVetter(cache) if cache is not None and vet_fixes else None
    judging = vetter.judge if vetter is not None else None
    problems += _library_problems(
        libraries, run.contexts, run.silenced, run.shelves, stage, memos, aggregated,
        judging,
    )  # fmt: skip
    problems += _suppression_problems(libraries, active, run.silenced)
    if vet_fixes:
        stage("vetting fixes", len(problems))
        problems = _vetted(problems, checked, libraries, vetter, progress)
    if cache is not None and vet_fixes:  # only vetted problems are cached
        for path, offset, first, last, summaries in run.rows:
            fresh = Fresh(tuple(problems[first:last]), summaries)
            cache.fresh.setdefault(path, {})[offset] = fresh
    problems.sort(key=lambda problem: problem.sort_key)
    return problems


def entry_results(library: Library, active: Sequence[ActiveRule]) -> dict[int, Fresh]:
    """Return what the offline per-entry pass finds in each entry of ``library``.

    By entry offset: the per-entry rules' problems (fixes vetted) and the
    summaries of the two-step library rules; what a worker process of
    ``citeman.chunked`` sends back, as the entry cache would.
    """
    run = _Run(active, None, None)
    run.check_library(library, (), recording=True)
    problems = fix_guard.vet(run.problems, [library])
    return {
        offset: Fresh(tuple(problems[first:last]), summaries)
        for _, offset, first, last, summaries in run.rows
    }


class _Run:
    """One lint run's rules and what it has found so far."""

    def __init__(
        self,
        active: Sequence[ActiveRule],
        resolver: DoiResolver | None,
        progress: Callable[[int], None] | None,
        vet_fixes: bool = True,
    ) -> None:
        self.contexts = [
            (item, RuleContext(item.options, resolver, vet_fixes=vet_fixes))
            for item in active
        ]
        self.entry_rules = [
            (item.rule, item, context)
            for item, context in self.contexts
            if isinstance(item.rule, EntryRule)
        ]
        self.judged = any(isinstance(item.rule, SuppressionRule) for item in active)
        self.summarising = _summarising(self.contexts)
        self.shelves: dict[str, list[Shelf]] = {
            rule.code: [] for rule, _ in self.summarising
        }
        self.progress = progress
        self.problems: list[Problem] = []
        self.silenced: Silenced = {}
        #: Each parsed entry's path, offset, problems[first:last] and summaries.
        self.rows: list[tuple[str, int, int, int, tuple[object, ...]]] = []

    def check_library(
        self, library: Library, known: Sequence[Known], *, recording: bool
    ) -> None:
        """Check and summarise each entry; take the known ones' results as they are."""
        heads: list[Head] = []
        #: Each entry's summaries, one per two-step library rule.
        rows: list[tuple[object, ...]] = []
        items: Sequence[Entry | Known] = library.entries
        if known:  # all known (checked by chunks) but the entries with a suppression
            items = _in_order(library.entries, known) if library.entries else known
        count = 0
        for count, item in enumerate(items, 1):
            if isinstance(item, Known):
                self.problems += item.problems
                heads.append(item.head)
                rows.append(item.summaries)
            else:
                first = len(self.problems)
                self._check(item)
                row = self._summarise(item)
                heads.append(head(item))
                rows.append(row)
                if recording:
                    last = len(self.problems)
                    self.rows.append((library.path, item.offset, first, last, row))
            if self.progress is not None and count % 1000 == 0:
                self.progress(1000)
        if self.progress is not None:
            self.progress(count % 1000)
        # One column of summaries per rule, beside the heads all columns share.
        columns = zip(*rows, strict=True) if rows else [() for _ in self.summarising]
        for (step, _), column in zip(self.summarising, columns, strict=True):
            self.shelves[step.code].append(shelf(library, Column(heads, column)))

    def _check(self, entry: Entry) -> None:
        """Run the per-entry rules; note what a suppression comment silences."""
        if not entry.suppressed:  # nearly every entry: nothing to silence
            problems = self.problems
            for rule, item, context in self.entry_rules:
                for finding in rule.check(entry, context):
                    problems.append(_problem(item, finding, entry))
            return
        self.silenced[(entry.path, entry.key)] = set()
        for rule, item, context in self.entry_rules:
            quiet = matches(rule, entry.suppressed)
            if quiet and not self.judged:
                continue
            for finding in rule.check(entry, context):
                if quiet:
                    self.silenced[(entry.path, entry.key)].add(rule.code)
                else:
                    self.problems.append(_problem(item, finding, entry))

    def _summarise(self, entry: Entry) -> tuple[object, ...]:
        """Return the entry's summary for each two-step library rule."""
        return tuple(
            step.summarise(entry, context) if step.summarise else None
            for step, context in self.summarising
        )


def _in_order(entries: Iterable[Entry], known: Iterable[Known]) -> list[Entry | Known]:
    """Return parsed and known entries merged in file order."""
    merged: Iterable[Entry | Known] = heapq.merge(entries, known, key=_offset)
    return list(merged)


def _offset(item: Entry | Known) -> int:
    return item.head.offset if isinstance(item, Known) else item.offset


def _vetted(
    problems: Sequence[Problem],
    checked: int,
    libraries: Sequence[Library],
    known: _KnownVetter | None,
    progress: Callable[[int], None] | None,
) -> list[Problem]:
    """Vet every fix (``fix_guard``), counting the problems done by ``progress``.

    The fixes found from ``checked`` on (library rules') may lie in entries
    known from the entry cache or the chunks: ``known`` vets those by their text.
    """
    # Only the entries parsed here are looked up (a file checked by chunks has
    # those with a suppression comment at most).
    with_entries = [library for library in libraries if library.entries]
    parsed = fix_guard.Vetter(with_entries)
    # Without parsed entries, the per-entry rules' problems (before
    # ``checked``: known entries', vetted where they were found) pass as they
    # are: at 50,000 entries checked by chunks, ~35,000 not looked at.
    start = checked if not with_entries else 0
    vetted = list(problems[:start])
    if progress is not None:
        progress(start - start % 1000)
    for index in range(start, len(problems)):
        problem = problems[index]
        fix = problem.fix
        if fix is not None and not fix.vetted:  # else both pass it as it is
            problem = parsed(problem)
            if known is not None and index >= checked:
                problem = known(problem)
        vetted.append(problem)
        if progress is not None and index % 1000 == 999:
            progress(1000)
    if progress is not None:
        progress(len(problems) % 1000)
    return vetted


class _KnownVetter:
    """Vets the fixes library rules offer in known entries (see ``fix_guard``)."""

    def __init__(self, cache: FromCache) -> None:
        self.cache = cache
        #: The known entries parsed so far, by path and offset (see _entry).
        self.parsed: dict[tuple[str, int], Entry] = {}
        self.starts = {path: [item.head.offset for item in known]
                       for path, known in cache.known.items()}  # fmt: skip

    def judge(self, problems: Iterable[Problem]) -> None:
        """Judge the fixes of ``problems`` now, keeping the verdicts for later.

        The verdicts that need an entry parsed again are the costly ones:
        judged while the main process would only wait, they are then read.
        """
        for problem in problems:
            self(problem)

    def __call__(self, problem: Problem) -> Problem:
        """Return ``problem``, its fix removed if ``fix_guard`` refuses it."""
        fix = problem.fix
        if fix is None or fix.vetted:
            return problem
        source = self.cache.sources.get(problem.path, "")
        if fix_guard.touches_no_syntax(source[fix.offset - 1 : fix.offset], fix):
            return problem  # passes in any entry
        known = _known_at(self.cache, self.starts, problem.path, fix.offset)
        if known and not self._harmless(known, fix):
            return dataclasses.replace(problem, fix=None)
        return problem

    def _harmless(self, known: Known, fix: Fix) -> bool:
        """Return whether ``fix`` passes ``fix_guard`` in a known entry.

        The verdict depends only on the entry's text and the fix: one found in
        an earlier run is taken as it is.
        """
        cache = self.cache
        at = known.head.offset
        key = (known.ident, fix.offset - at, fix.field, fix.old, fix.new, fix.fields)
        verdict = cache.verdicts.get(key)
        if verdict is None:
            raw = cache.sources[known.head.path][at : at + known.length]
            verdict = fix_guard.harmless(raw, at, fix, partial(self._entry, known))
            cache.verdicts[key] = verdict
        return verdict

    def _entry(self, known: Known) -> Entry:
        """Return the known entry parsed, once for all its fixes.

        A library rule's fixes often fall in the same entry: at 50,000
        entries, mixed-encoding's 2,590 that need the entry parsed lie in
        1,248 entries.
        """
        where = (known.head.path, known.head.offset)
        entry = self.parsed.get(where)
        if entry is None:
            entry = self.parsed[where] = self.cache.entry(known)
        return entry


def _known_at(
    cache: FromCache, starts: Mapping[str, list[int]], path: str, offset: int
) -> Known | None:
    """Return the known entry of file ``path`` (at ``starts``) holding ``offset``."""
    known = cache.known.get(path)
    if not known:
        return None
    index = bisect_right(starts[path], offset) - 1
    if index < 0 or offset > known[index].head.offset + known[index].length:
        return None
    return known[index]


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
    stage: Stage,
    memos: Mapping[str, Memo],
    aggregated: Mapping[str, Callable[[], Sequence[Finding]]],
    judging: Callable[[Iterable[Problem]], None] | None = None,
) -> list[Problem]:
    """Run the rules that compare entries; note what suppressions silence.

    A two-step rule aggregates the summaries in ``shelves`` (by rule code),
    given its memo from ``memos`` if any, unless it was ``aggregated``
    elsewhere (its findings are then waited for after the others' are made,
    and ``judging`` is handed the others' problems first); a one-step rule
    reads whole ``libraries``. The problems come in the order of the rules.
    """
    suppressed = {
        (entry.path, entry.key): entry.suppressed
        for library in libraries
        for entry in library.entries
        if entry.suppressed
    }
    wide = [(item, context) for item, context in contexts
            if isinstance(item.rule, LibraryRule)]  # fmt: skip
    found_by: dict[int, list[Problem]] = {}
    waited = sorted(range(len(wide)), key=lambda n: wide[n][0].rule.code in aggregated)
    for number in waited:
        item, context = wide[number]
        rule = item.rule
        assert isinstance(rule, LibraryRule)
        stage(f"library-wide rule {number + 1}/{len(wide)}: {rule.name}", None)
        found: Iterable[Finding]
        if rule.code in aggregated:
            if judging is not None:
                judging(problem for done in found_by.values() for problem in done)
                judging = None
            found = aggregated[rule.code]()
        elif rule.check is not None:
            found = rule.check(libraries, context)
        else:
            memo = memos.get(rule.code)
            if memo is not None:
                context = dataclasses.replace(context, memo=memo)
            found = rule.over_shelves(shelves[rule.code], context)
        found_by[number] = problems = []
        for finding in found:
            where = (finding.path or "", finding.key or "")
            names = suppressed.get(where)
            if names and matches(item.rule, names):
                silenced[where].add(item.rule.code)
                continue
            problems.append(_problem(item, finding, None))
    return [problem for number in range(len(wide)) for problem in found_by[number]]


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


def _shared(text: str) -> str:
    """Return ``text`` interned (one object for every equal text), if a plain str."""
    return sys.intern(text) if type(text) is str else text


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
        # One text for the many problems that say the same: worker results
        # are pickled, and equal texts of one chunk then arrive as one.
        message=_shared(finding.message),
        fix=finding.fix,
    )
