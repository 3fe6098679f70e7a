"""Check a large file on several processes: parse and per-entry rules by chunks.

Parsing and the per-entry rules are most of a check's time, and each entry
needs only its own text and the ``@string`` macros above it. A file of many
entries is therefore cut at segment boundaries (:mod:`citeman.segments`),
where each chunk parses alone exactly as within the whole file. Worker
processes parse their chunks, run the entry rules and the library rules'
per-entry summaries, and send back only findings and summaries
(as :class:`citeman.lint.Known` entries, the form the entry cache hands to
lint), never the parsed entries: the main process, which joins the results in
file order and runs the library-wide rules, never holds every parse tree.
The output is identical to a check in one process (``tests/test_chunked.py``
compares them on every real file).

Workers are forked, so they inherit the text and the rules rather than
receiving copies. A file of fewer than two chunks, one CPU, an online check
(its rules share one resolver) or a platform without ``fork`` is checked in
one process, as is the rare hostile file whose macro expansions reach the
file-wide budget (which depends on everything before a value).

Two environment variables, internal (for tests and benchmarks):
``CITEMAN_CHUNK_SIZE`` (segments per chunk, default 2000) and
``CITEMAN_WORKERS`` (processes, default the CPUs this process may use).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from citeman import collector, parse, segments
from citeman.config import ActiveRule
from citeman.incremental import Prepared
from citeman.lint import FromCache, Known, entry_results
from citeman.macros import Expander, budget
from citeman.model import Entry, Library, Overflow, ParseFailure, StringMacro
from citeman.rules.base import LibraryRule, head

#: Told the name of each stage of the work as it starts, and its count if any.
Stage = Callable[[str, int | None], None]

CHUNK = 2000
_STRING = re.compile(r"@string", re.IGNORECASE)


@dataclass(frozen=True)
class _Job:
    """One file's work, set before the workers are forked (they inherit it)."""

    text: str
    path: str
    parts: list[segments.Segment]
    active: Sequence[ActiveRule]
    #: Segment index -> its line, for every segment that may define a macro,
    #: and for the first segment of every chunk.
    lines: dict[int, int]
    #: Indexes of the segments that may hold an ``@string`` (in order).
    strings: list[int]


class _Chunk(NamedTuple):
    known: list[Known]
    #: Entries with a suppression comment, checked again by the main process.
    suppressed: list[Entry]
    failures: list[ParseFailure]
    overflows: list[Overflow]
    #: The macros known at the end of the chunk (sent by the last chunk only).
    strings: dict[str, StringMacro]
    #: Expansion budget the chunk's own values used.
    spent: int
    segments: int


_job: _Job | None = None


def chunk_size() -> int:
    """Return the segments per chunk (``CITEMAN_CHUNK_SIZE``, else :data:`CHUNK`)."""
    return max(1, int(os.environ.get("CITEMAN_CHUNK_SIZE") or CHUNK))


def workers() -> int:
    """Return how many worker processes to use (``CITEMAN_WORKERS``, else CPUs)."""
    wanted = os.environ.get("CITEMAN_WORKERS")
    if wanted:
        return max(1, int(wanted))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def check_file(
    text: str,
    path: str,
    active: Sequence[ActiveRule],
    stage: Stage | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[Library, list[Known]] | None:
    """Parse and check ``text`` entry by entry in chunks, on worker processes.

    Returns the library (holding only the entries with a suppression
    comment) with the results of every other entry as known entries, or
    None when the file is better checked in one process. ``stage`` is told
    the stage starts, and ``progress`` how many segments (blocks starting a
    line) each finished chunk held.
    """
    size = chunk_size()
    count = workers()
    if (
        count < 2
        or not _all_summarised(active)
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return None
    parts = segments.segments(text)
    if len(parts) < 2 * size:
        return None
    chunks = [(first, min(first + size, len(parts)) - 1)
              for first in range(0, len(parts), size)]  # fmt: skip
    job = _prepare(text, path, parts, active, [first for first, _ in chunks])
    if stage is not None:
        stage(f"parsing and checking the blocks of {path}", len(parts))
    done = _run(job, chunks, count, progress)
    return _joined(text, path, done)


def _all_summarised(active: Sequence[ActiveRule]) -> bool:
    """Return whether every library rule works from per-entry summaries."""
    return all(
        item.rule.check is None for item in active if isinstance(item.rule, LibraryRule)
    )


def _prepare(
    text: str,
    path: str,
    parts: list[segments.Segment],
    active: Sequence[ActiveRule],
    firsts: list[int],
) -> _Job:
    """Find the segments that may define macros, and the lines the workers need."""
    starts = [part.at for part in parts]
    strings = sorted(
        {max(0, bisect_right(starts, found.start()) - 1)
         for found in _STRING.finditer(text)}
    )  # fmt: skip
    wanted = sorted({*strings, *firsts})
    lines: dict[int, int] = {}
    line, offset = 1, 0
    for index in wanted:
        at = parts[index].at if index else 0
        line += text.count("\n", offset, at)
        offset = at
        lines[index] = line
    return _Job(text, path, parts, active, lines, strings)


def _run(
    job: _Job,
    chunks: list[tuple[int, int]],
    count: int,
    progress: Callable[[int], None] | None,
) -> list[_Chunk]:
    """Fork ``count`` workers for ``job`` and return every chunk's result in order."""
    global _job
    _job = job
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(count, mp_context=context) as pool:
            futures: list[Future[_Chunk]] = [
                pool.submit(_check_chunk, first, last) for first, last in chunks
            ]
            done = []
            with collector.paused():
                for future in futures:
                    found = future.result()
                    if progress is not None:
                        progress(found.segments)
                    done.append(found)
            return done
    finally:
        _job = None


def _check_chunk(first: int, last: int) -> _Chunk:
    """In a worker: parse segments ``first``-``last`` and run the per-entry pass."""
    job = _job
    assert job is not None, "workers are forked after the job is set"
    # What the worker inherited lives as long as it: keep the collector off
    # it, and off the chunk's short-lived objects, collecting once at the end.
    gc.freeze()
    gc.disable()
    try:
        expander = Expander(len(job.text))
        for index in job.strings:
            if index >= first:
                break
            _parse(job, index, index, expander)  # the macros defined above
        expander.overflows.clear()  # reported by the chunks that hold them
        before = expander.spent
        entries, failures = _parse(job, first, last, expander)
        chunk = Library(job.path, job.text, tuple(entries), {}, (), "\n", ())
        fresh = entry_results(chunk, job.active)
        known = [
            Known(f"{entry.offset}", head(entry), len(entry.raw), *fresh[entry.offset])
            for entry in entries
            if not entry.suppressed
        ]
        suppressed = [entry for entry in entries if entry.suppressed]
        del entries, chunk, fresh
    finally:
        gc.collect()
    final = last + 1 == len(job.parts)
    return _Chunk(
        known,
        suppressed,
        failures,
        list(expander.overflows),
        expander.strings if final else {},
        expander.spent - before,
        last - first + 1,
    )


def _parse(
    job: _Job, first: int, last: int, expander: Expander
) -> tuple[list[Entry], list[ParseFailure]]:
    start, window = segments.parse_window(job.text, job.parts, first, last)
    stop = job.parts[last].end if last + 1 < len(job.parts) else None
    return parse.parse_window(
        job.text, job.path, start, window, expander, line=job.lines[first], stop=stop
    )


def _joined(
    text: str, path: str, done: list[_Chunk]
) -> tuple[Library, list[Known]] | None:
    """Join the chunks' results in file order (None: check in one process)."""
    if sum(found.spent for found in done) > budget(len(text)):
        return None  # the file-wide expansion budget ran out somewhere
    library = Library(
        path,
        text,
        tuple(entry for found in done for entry in found.suppressed),
        done[-1].strings,
        tuple(failure for found in done for failure in found.failures),
        parse.newline(text),
        tuple(overflow for found in done for overflow in found.overflows),
    )
    return library, [known for found in done for known in found.known]


class Loader:
    """Reads the files ``check`` is given, checking large ones by chunks as it goes.

    Call it as ``parse.load``; then hand ``from_cache()`` to
    :func:`citeman.lint.lint`: the entries checked here come to lint as
    known entries, as if from the entry cache.
    """

    def __init__(
        self,
        active: Sequence[ActiveRule],
        stage: Stage | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.active = active
        self.stage = stage
        self.progress = progress
        self._files: dict[str, Prepared] = {}

    def __call__(self, path: str | Path, limit: int) -> Library:
        """Return the library at ``path``, its entries checked here left out."""
        text = parse.read(path, limit)
        found = check_file(text, str(path), self.active, self.stage, self.progress)
        if found is None:
            if self.stage is not None:
                self.stage(f"parsing {path}", None)
            return parse.loads(text, str(path))
        library, known = found
        self._files[library.path] = Prepared(library, known, [], {}, {}, {})
        return library

    def known(self) -> int:
        """Return how many entries were checked here (lint counts them again)."""
        return sum(len(prepared.known) for prepared in self._files.values())

    def from_cache(self) -> FromCache | None:
        """Return the entries checked here, for ``lint``."""
        if not self._files:
            return None
        files = self._files
        return FromCache(
            {path: prepared.known for path, prepared in files.items()},
            {path: prepared.library.source for path, prepared in files.items()},
            lambda known: files[known.head.path].entry(known),
        )
