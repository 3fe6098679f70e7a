"""``citeman fix`` writing: rewrite each fixed file, then check them all again.

The check after writing gives the summary and the exit code. A file checked
by chunks (:mod:`citeman.chunked`) was never parsed whole in this process: its
rewrite is verified, and read, from the segments the fixes changed
(:mod:`citeman.rewrite_parts`), and every other entry keeps its findings and
summaries at its new place. The changed entries were checked as they now are
by the fix rounds, which kept what they found: nothing is checked again entry
by entry (the library-wide rules still see every entry's summary, and reuse
through their memos what they worked out the first time).
"""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from citeman import lint, rewrite, rewrite_parts
from citeman.chunked import Loader
from citeman.cli import fix_report
from citeman.config import ActiveRule
from citeman.errors import CitemanError
from citeman.fix import Outcome
from citeman.incremental import Prepared
from citeman.lint import FromCache, Known, Stage
from citeman.model import Library
from citeman.problem import Finding, Problem
from citeman.rules.base import DoiResolver, LibraryRule, Memo, head
from citeman.selection import FileIgnores


@dataclass
class Written:
    """The files as they are after writing, and what to tell the user."""

    #: Each file's library as it now is (only the changed parts parsed, for a
    #: file checked by chunks).
    libraries: list[Library] = field(default_factory=list)
    #: File path -> the entries whose findings still hold, at their places.
    known: dict[str, list[Known]] = field(default_factory=dict)
    #: Rewritten file path -> for each of its ``known`` entries, its index
    #: among the file's known entries before, or None if the fixes changed it.
    layouts: dict[str, list[int | None]] = field(default_factory=dict)
    #: The positions of the files that could not be written.
    failed: set[int] = field(default_factory=set)
    #: Lines for stdout (False) or stderr (True), printed once progress is erased.
    lines: list[tuple[str, bool]] = field(default_factory=list)


def with_memos(
    cache: FromCache | None, active: Sequence[ActiveRule]
) -> FromCache | None:
    """Return ``cache`` with an empty memo for each library rule to fill.

    The check after writing hands them back, so that the library-wide rules
    redo their costly per-entry work only where an entry changed.
    """
    if cache is None:
        return None
    memos = {item.rule.code: Memo({}) for item in active
             if isinstance(item.rule, LibraryRule)}  # fmt: skip
    return dataclasses.replace(cache, memos=memos)


def write_all(
    files: Sequence[Path],
    libraries: Sequence[Library],
    outcomes: Sequence[Outcome],
    known: Mapping[str, Sequence[Known]],
    *,
    quiet: bool,
    show_fixes: bool,
    stage: Stage,
    on_wait: Callable[[str], None],
    advance: Callable[[int], None] | None = None,
) -> Written:
    """Rewrite each file that has fixes; return the files as they now are.

    A file that cannot be written or does not verify is reported and left as
    it was; the others are still fixed. The failures are kept by position:
    two files of the same text have equal outcomes, yet only one may fail.
    ``known`` are the entries of each file checked by chunks (left out of
    its library). ``advance`` counts the runs of changed segments verified.
    """
    written = Written()
    for index, (path, library, outcome) in enumerate(
        zip(files, libraries, outcomes, strict=True)
    ):
        entries = known.get(library.path, ())
        if not outcome.applied:
            written.libraries.append(library)
            if entries:
                written.known[library.path] = list(entries)
            continue
        label = f"writing and verifying {path}"
        stage(label, None)
        reader = None
        if entries:
            counted = _counted(stage, label, advance)
            reader = rewrite_parts.Reader.of(library, outcome, entries, counted)
        try:
            after = rewrite.write(
                path, library, outcome.source, outcome.changed, on_wait, reader
            )
        except CitemanError as error:
            written.lines.append((f"citeman: error: {error}", True))
            written.libraries.append(library)
            written.failed.add(index)
            if entries:
                written.known[library.path] = list(entries)
            continue
        if reader is not None and reader.moved is not None:
            after, fresh = _fresh(after, outcome)
            moved = reader.moved.known(entries)
            laid = list(heapq.merge(moved, [(None, item) for item in fresh],
                                    key=_offset))  # fmt: skip
            written.known[after.path] = [item for _, item in laid]
            written.layouts[after.path] = [index for index, _ in laid]
        written.libraries.append(after)
        if not quiet:
            line = fix_report.per_file(path, outcome.applied, "fixed")
            written.lines.append((line, False))
        if show_fixes:
            lines = fix_report.fix_lines(path, library.source, outcome.applied)
            written.lines += [(line, False) for line in lines]
    return written


def _fresh(library: Library, outcome: Outcome) -> tuple[Library, list[Known]]:
    """Return ``library`` without the entries ``outcome`` kept results for.

    Also those entries, known from those results: the fix rounds checked each
    changed entry as it now is (``fix_library``'s ``keep``), so the check
    after writing need not. An entry with a suppression comment stays parsed
    (lint judges the comment).
    """
    if not outcome.results:
        return library, []
    found = {outcome.spans[index]: fresh for index, fresh in outcome.results.items()}
    entries, known = [], []
    for entry in library.entries:
        fresh = found.get((entry.offset, entry.offset + len(entry.raw)))
        if fresh is None or entry.suppressed:
            entries.append(entry)
            continue
        ident = f"fixed {entry.offset}"  # no chunk's ident: those are numbers
        known.append(Known(ident, head(entry), len(entry.raw), *fresh))
    return dataclasses.replace(library, entries=tuple(entries)), known


def _offset(pair: tuple[int | None, Known]) -> int:
    return pair[1].head.offset


def _counted(
    stage: Stage, label: str, advance: Callable[[int], None] | None
) -> rewrite_parts.Counted | None:
    """Return what starts the count of ``label``'s steps (None: not counted)."""
    if advance is None:
        return None
    counter = advance

    def start(total: int) -> Callable[[int], None]:
        stage(label, total)
        return counter

    return start


def recheck(
    written: Written,
    active: Sequence[ActiveRule],
    first: FromCache | None,
    *,
    resolver: DoiResolver | None,
    file_ignores: FileIgnores | None,
    progress: Callable[[int], Callable[[int], None]],
    stage: Stage,
    loader: Loader | None = None,
) -> list[Problem]:
    """Check the written files again: the changed entries, and the whole library.

    ``first`` is what the check before fixing was handed (its memos filled).
    ``progress`` starts the count of entries checked and returns its counter.
    ``loader`` read the files: the process of its own that aggregated some
    library rules the first time (if it still holds a file) does it again.
    """
    cache = None
    aggregated: Mapping[str, Callable[[], Sequence[Finding]]] = {}
    if loader is not None:  # before the known entries are read: it may fill them
        aggregated = loader.aggregated_again(
            written.libraries, written.known, written.layouts
        )
    if written.known:
        prepared = {
            library.path: Prepared(library, written.known[library.path], [], {}, {}, {})
            for library in written.libraries
            if library.path in written.known
        }
        memos = first.memos if first is not None else {}
        cache = FromCache(
            written.known,
            {path: item.library.source for path, item in prepared.items()},
            lambda known: prepared[known.head.path].entry(known),
            verdicts=dict(first.verdicts) if first is not None else {},
            memos={code: Memo(memo.used) for code, memo in memos.items()},
            aggregated=aggregated,
        )
    total = sum(len(library.entries) for library in written.libraries)
    total += sum(len(entries) for entries in written.known.values())
    return lint.lint(
        written.libraries,
        active,
        resolver=resolver,
        progress=progress(total),
        file_ignores=file_ignores,
        cache=cache,
        stage=stage,
    )
