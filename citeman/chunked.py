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

Workers are forked before the file is read, when it is large enough to be
worth it: a process forked later would be charged for the whole text it
inherits (the text of 50,000 entries is 70 MB as a Python string), twice
with two workers. Each chunk is sent its own piece of the text instead, with
the macros defined above it, which the main process reads once from the
``@string`` blocks while the workers start on the first chunks. A file of
fewer than two chunks, one CPU, an online check (its rules share one
resolver) or a platform without ``fork`` is checked in one process, as is
the rare hostile file whose macro expansions reach the file-wide budget
(which depends on everything before a value).

A check of one large file also sets aside the summaries of the library
rules in :data:`ASIDE`: a worker sends them back pickled apart, and the main
process passes them on, unread, to one more process forked with the workers
(the aggregator), which reads them while the chunks are checked. Once every
chunk is in, the aggregator aggregates these rules while the main process
aggregates the others: alone, the main process would run every aggregate
step while a CPU idles (~1.9 s at 50,000 entries). The main process neither
unpickles nor holds those summaries (its peak at 50,000 entries: 350 -> 265
MiB); see :meth:`Loader.from_cache`.

Two environment variables, internal (for tests and benchmarks):
``CITEMAN_CHUNK_SIZE`` (segments per chunk, default 2000) and
``CITEMAN_WORKERS`` (processes, default the CPUs this process may use).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import gc
import multiprocessing
import os
import pickle
import re
import sys
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

from citeman import collector, parse, segments
from citeman.config import ActiveRule
from citeman.incremental import Prepared
from citeman.lint import Fresh, FromCache, Known, entry_results
from citeman.macros import Expander, budget
from citeman.model import Entry, Library, Overflow, ParseFailure, StringMacro
from citeman.problem import Finding
from citeman.rules.base import (
    Column,
    Head,
    LibraryRule,
    Memo,
    RuleContext,
    Shelf,
    head,
)

#: Told the name of each stage of the work as it starts, and its count if any.
Stage = Callable[[str, int | None], None]

CHUNK = 2000
#: Fewer bytes than this per segment on average is rare (real entries have
#: ~700): a file below ``2 * chunk_size()`` times it is read before deciding.
_SEGMENT_BYTES = 200
_STRING = re.compile(r"@string", re.IGNORECASE)
#: Memo caches of up to this many values stay filled from chunk to chunk.
_KEPT = 4096
#: The library rules aggregated apart in a check of one large file (see
#: Loader), longest first: title-case, journal-name, duplicate-entry,
#: missing-doi and undefined-string. At 50,000 entries their aggregate steps
#: take ~0.9 s of CPU there, while the main process aggregates the others
#: (~0.6 s) and judges their fixes (~0.3 s: see lint). Abbreviated-journal,
#: the longest of those, stays there: its 24,000 findings would cost as much
#: to send back as to find.
ASIDE = ("CM202", "CM206", "CM401", "CM101", "CM004")


class _Task(NamedTuple):
    """One chunk's work, as sent to a worker."""

    #: The file's text from offset ``base`` to the end of the chunk's window.
    piece: str
    base: int
    #: Where the window starts in ``piece``, and its line in the file.
    start: int
    line: int
    #: Blocks starting at this offset of ``piece`` or later are the next chunk's.
    stop: int | None
    #: The macros defined above the chunk, and the expansion budget left.
    expander: Expander
    final: bool
    segments: int


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
    #: The known entries' heads, then each set-aside rule's summaries of them,
    #: pickled (empty unless summaries are set aside).
    aside: tuple[bytes, ...]


class _Setting(NamedTuple):
    """What the workers are forked with."""

    path: str
    active: Sequence[ActiveRule]
    #: The summaries set aside: (position among a known entry's summaries, rule).
    aside: tuple[tuple[int, LibraryRule], ...]


#: Set before the workers are forked.
_setting: _Setting | None = None


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
    pool: ProcessPoolExecutor | None = None,
) -> tuple[Library, list[Known]] | None:
    """Parse and check ``text`` entry by entry in chunks, on worker processes.

    Returns the library (holding only the entries with a suppression
    comment) with the results of every other entry as known entries, or
    None when the file is better checked in one process. ``stage`` is told
    the stage starts, and ``progress`` how many segments (blocks starting a
    line) each finished chunk held. ``pool`` holds workers forked for
    ``path`` and ``active`` (see :func:`forked`); without one, they are
    forked here.
    """
    found = _checked(text, path, active, stage, progress, pool)
    if found is None:
        return None
    library, known, aside = found
    return library, _restored(known, aside, _aside(active))


def _checked(
    text: str,
    path: str,
    active: Sequence[ActiveRule],
    stage: Stage | None,
    progress: Callable[[int], None] | None,
    pool: ProcessPoolExecutor | None,
    absorb: Callable[[tuple[bytes, ...]], None] | None = None,
) -> tuple[Library, list[Known], list[tuple[bytes, ...]]] | None:
    """Return :func:`check_file`'s result, and each chunk's set-aside summaries.

    ``absorb``, if given, is handed each chunk's set-aside summaries as the
    chunk comes in, instead.
    """
    size = chunk_size()
    if not _usable(active):
        return None
    parts = segments.segments(text)
    if len(parts) < 2 * size:
        return None
    chunks = _plan(len(parts), size, workers())
    if stage is not None:
        stage(f"parsing and checking the blocks of {path}", len(parts))
    with nullcontext(pool) if pool is not None else forked(path, active) as executor:
        done = _run(executor, _tasks(text, path, parts, chunks), progress, absorb)
    return _joined(text, path, done)


def _restored(
    known: list[Known],
    aside: Sequence[tuple[bytes, ...]],
    rules: Sequence[tuple[int, LibraryRule]],
) -> list[Known]:
    """Return ``known`` with the summaries set aside (if any) back in place."""
    if not any(aside):
        return known
    columns: list[list[object]] = [[] for _ in rules]
    for pieces in aside:
        for column, piece in zip(columns, pieces[1:], strict=True):
            column += pickle.loads(piece)
    restored = []
    for index, item in enumerate(known):
        summaries = list(item.summaries)
        for (position, _), column in zip(rules, columns, strict=True):
            summaries[position] = column[index]
        restored.append(item._replace(summaries=tuple(summaries)))
    return restored


def _plan(total: int, size: int, count: int) -> list[tuple[int, int]]:
    """Return the (first, last) segments of each chunk of ``total`` segments.

    Chunks hold ``size`` segments, but the last ones fewer and fewer (down to
    an eighth), so that no worker is left alone with a whole chunk at the end.
    """
    chunks = []
    first = 0
    while first < total:
        left = total - first
        step = size if left > count * size else -(-left // (2 * count))
        step = min(left, max(step, size // 8, 1))
        chunks.append((first, first + step - 1))
        first += step
    return chunks


def _usable(active: Sequence[ActiveRule]) -> bool:
    """Return whether the chunked check may run at all (before counting segments)."""
    return (
        workers() >= 2
        and _all_summarised(active)
        and "fork" in multiprocessing.get_all_start_methods()
    )


def _all_summarised(active: Sequence[ActiveRule]) -> bool:
    """Return whether every library rule works from per-entry summaries."""
    return all(
        item.rule.check is None for item in active if isinstance(item.rule, LibraryRule)
    )


@contextmanager
def forked(
    path: str, active: Sequence[ActiveRule], aside: bool = False
) -> Iterator[ProcessPoolExecutor]:
    """Fork the workers that check chunks of ``path`` with ``active`` rules, now.

    With ``aside``, the chunks' summaries of the :data:`ASIDE` rules come
    back apart (see :meth:`Loader.from_cache`).
    """
    global _setting
    _setting = _Setting(path, active, _aside(active) if aside else ())
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers(), mp_context=context) as pool:
            # The first task forks every worker (as the fork context does).
            pool.submit(int).result()
            yield pool
    finally:
        _setting = None


def _aside(active: Sequence[ActiveRule]) -> tuple[tuple[int, LibraryRule], ...]:
    """Return the position of each :data:`ASIDE` rule's summary, and the rule."""
    rules = [item.rule for item in active if isinstance(item.rule, LibraryRule)]
    summarising = [rule for rule in rules if rule.check is None]
    found = [(position, rule) for position, rule in enumerate(summarising)
             if rule.code in ASIDE]  # fmt: skip
    return tuple(sorted(found, key=lambda pair: ASIDE.index(pair[1].code)))


def _tasks(
    text: str, path: str, parts: list[segments.Segment], chunks: list[tuple[int, int]]
) -> Iterator[_Task]:
    """Yield each chunk's task in order, reading the macros defined above it.

    The ``@string`` blocks are parsed once here, each segment holding one as
    its own window (as a chunk starting there would parse it).
    """
    starts = [part.at for part in parts]
    strings = sorted(
        {max(0, bisect_right(starts, found.start()) - 1)
         for found in _STRING.finditer(text)}
    )  # fmt: skip
    expander = Expander(len(text))
    line, offset = 1, 0
    waiting = deque(strings)
    for first, last in chunks:
        while waiting and waiting[0] < first:
            index = waiting.popleft()
            at = parts[index].at if index else 0
            line += text.count("\n", offset, at)
            offset = at
            _parse_alone(text, path, parts, index, line, expander)
        start = parts[first].at if first else 0
        line += text.count("\n", offset, start)
        offset = start
        base = parse.context_start(text, start)
        end = parts[last + 1].head_end + 1 if last + 1 < len(parts) else len(text)
        stop = parts[last].end - base if last + 1 < len(parts) else None
        final = last + 1 == len(parts)
        yield _Task(text[base:end], base, start - base, line, stop, expander.copy(),
                    final, last - first + 1)  # fmt: skip


def _parse_alone(
    text: str,
    path: str,
    parts: list[segments.Segment],
    index: int,
    line: int,
    expander: Expander,
) -> None:
    """Parse segment ``index`` alone, for the macros it defines."""
    start, window = segments.parse_window(text, parts, index, index)
    stop = parts[index].end if index + 1 < len(parts) else None
    parse.parse_window(text, path, start, window, expander, line=line, stop=stop)


def _run(
    pool: ProcessPoolExecutor,
    tasks: Iterator[_Task],
    progress: Callable[[int], None] | None,
    absorb: Callable[[tuple[bytes, ...]], None] | None = None,
) -> list[_Chunk]:
    """Check every task on ``pool`` and return the chunks' results in order.

    A few tasks are in flight at a time: each holds a copy of its piece of
    the text until it is done. ``absorb`` takes each chunk's set-aside
    summaries as it comes in.
    """
    flying: deque[Future[_Chunk]] = deque()
    done = []
    with collector.paused():
        for task in tasks:
            flying.append(pool.submit(_check_chunk, task))
            del task
            if len(flying) > 2 * workers():
                done.append(_finished(flying.popleft(), progress, absorb))
        while flying:
            done.append(_finished(flying.popleft(), progress, absorb))
    return done


def _finished(
    future: Future[_Chunk],
    progress: Callable[[int], None] | None,
    absorb: Callable[[tuple[bytes, ...]], None] | None,
) -> _Chunk:
    found = future.result()
    if progress is not None:
        progress(found.segments)
    if absorb is not None and found.aside:
        absorb(found.aside)
        found = found._replace(aside=())
    return found


def _check_chunk(task: _Task) -> _Chunk:
    """In a worker: parse one chunk's window and run the per-entry pass."""
    assert _setting is not None, "workers are forked after the setting is made"
    path, active, aside = _setting
    # What the worker inherited lives as long as it: keep the collector off
    # it, and off the chunk's short-lived objects. The entries and results
    # hold no reference cycles (a full collection after a chunk of real
    # entries finds nothing, and costs 3% of the chunk), but the blocks
    # bibtexparser could not parse may: the collector runs after those.
    gc.freeze()
    gc.disable()
    expander = task.expander
    before = expander.spent
    entries, failures = parse.parse_window(
        task.piece, path, task.start, task.piece[task.start :], expander,
        line=task.line, stop=task.stop, base=task.base,
    )  # fmt: skip
    chunk = Library(path, task.piece, tuple(entries), {}, (), "\n", ())
    fresh = entry_results(chunk, active)
    known = [
        Known(f"{entry.offset}", head(entry), len(entry.raw), *fresh[entry.offset])
        for entry in entries
        if not entry.suppressed
    ]
    suppressed = [entry for entry in entries if entry.suppressed]
    del entries, chunk, fresh
    set_aside: tuple[bytes, ...] = ()
    if aside:
        known, set_aside = _set_aside(known, aside)
    if failures:
        gc.collect()
    _trim_caches()
    return _Chunk(
        known,
        suppressed,
        failures,
        list(expander.overflows),
        expander.strings if task.final else {},
        expander.spent - before,
        task.segments,
        set_aside,
    )


def _set_aside(
    known: list[Known], aside: Sequence[tuple[int, LibraryRule]]
) -> tuple[list[Known], tuple[bytes, ...]]:
    """Return ``known`` without the set-aside summaries, and these pickled apart."""
    positions = {position for position, _ in aside}
    kept = [
        Known(item.ident, item.head, item.length, item.problems, tuple(
            None if position in positions else summary
            for position, summary in enumerate(item.summaries)
        ))
        for item in known
    ]  # fmt: skip
    columns = [[item.summaries[position] for item in known] for position, _ in aside]
    pieces = [[item.head for item in known], *columns]
    return kept, tuple(pickle.dumps(piece, pickle.HIGHEST_PROTOCOL) for piece in pieces)


#: In the aggregator: the heads of the file's known entries, and each
#: set-aside rule's summaries of them (see :func:`_absorb`).
_held: tuple[list[Head], list[list[object]]] = ([], [])
#: In the aggregator of a file to be checked again after rewriting: each
#: set-aside rule's memo from its last aggregate step (see :class:`Memo`).
_memos: dict[str, Memo] = {}


def _absorb(pieces: tuple[bytes, ...]) -> None:
    """In the aggregator: take one chunk's set-aside summaries (see _set_aside)."""
    gc.disable()  # as in _check_chunk: the summaries hold no cycles
    heads, columns = _held
    if not columns:
        columns += [[] for _ in pieces[1:]]
    heads += pickle.loads(pieces[0])
    for column, piece in zip(columns, pieces[1:], strict=True):
        column += pickle.loads(piece)


def _aggregate_held(number: int, shelf: Shelf, remember: bool) -> list[Finding]:
    """In the aggregator: aggregate set-aside rule ``number`` over its summaries.

    ``shelf`` is the file's, its entries left out: they are those held.
    ``remember`` gives the rule a memo of what it worked out the last time
    (none the first time), kept for the next: ``fix`` checks the file again
    after rewriting it, where CM202 then recases only the titles it changed.
    """
    assert _setting is not None, "the aggregator is forked after the setting"
    _, rule = _setting.aside[number]
    (item,) = [item for item in _setting.active if item.rule is rule]
    heads, columns = _held
    shelves = [dataclasses.replace(shelf, entries=Column(heads, columns[number]))]
    context = RuleContext(item.options)
    if remember:
        last = _memos.get(rule.code)
        memo = _memos[rule.code] = Memo(last.used if last is not None else {})
        context = dataclasses.replace(context, memo=memo)
    return list(rule.over_shelves(shelves, context))


def _relay(heads: bytes, layout: list[int | None], fresh: bytes) -> None:
    """In the aggregator: hold the summaries in the order of the rewritten file.

    ``heads`` are its known entries' heads (pickled), ``layout`` says for
    each the index among those held of the same entry before the rewrite,
    or None for an entry the fixes changed, whose set-aside summaries come,
    in order, in ``fresh`` (pickled).
    """
    held_heads, columns = _held
    summaries = iter(pickle.loads(fresh))
    relaid: list[list[object]] = [[] for _ in columns]
    for index in layout:
        if index is None:
            for column, summary in zip(relaid, next(summaries), strict=True):
                column.append(summary)
        else:
            for column, old in zip(relaid, columns, strict=True):
                column.append(old[index])
    held_heads[:] = pickle.loads(heads)
    columns[:] = relaid


def _entry_results(library: Library) -> dict[int, Fresh]:
    """In the aggregator: what the per-entry pass finds in ``library``'s entries."""
    assert _setting is not None, "the aggregator is forked after the setting"
    return entry_results(library, _setting.active)


def _give_back() -> list[bytes]:
    """In the aggregator: return each set-aside rule's summaries, pickled."""
    _, columns = _held
    return [pickle.dumps(column, pickle.HIGHEST_PROTOCOL) for column in columns]


def _trim_caches() -> None:
    """Empty the large memo caches of citeman's functions, in a worker.

    They are sized for a whole library in one process (65,536 values each,
    ~5 MiB per 2,000 entries): in each worker they would only grow, holding
    titles and names other chunks rarely meet again.
    """
    for name, module in list(sys.modules.items()):
        if name == "citeman" or name.startswith("citeman."):
            for value in vars(module).values():
                info = getattr(value, "cache_info", None)
                if info is not None and info().currsize > _KEPT:
                    value.cache_clear()


def _joined(
    text: str, path: str, done: list[_Chunk]
) -> tuple[Library, list[Known], list[tuple[bytes, ...]]] | None:
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
    known = [known for found in done for known in found.known]
    return library, known, [found.aside for found in done]


@contextmanager
def _aggregator() -> Iterator[ProcessPoolExecutor]:
    """Fork the one process that aggregates the set-aside rules, now.

    Forked with the workers (after :func:`forked` made the setting), before
    the file is read: it starts small, and takes each chunk's summaries as
    the chunk comes in.
    """
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        pool.submit(int).result()
        yield pool


class Loader:
    """Reads the files ``check`` is given, checking large ones by chunks as it goes.

    Call it as ``parse.load``; then hand ``from_cache()`` to
    :func:`citeman.lint.lint`: the entries checked here come to lint as
    known entries, as if from the entry cache. With ``aside``, use it as a
    context manager: a large file's summaries of the :data:`ASIDE` rules go
    to a process of their own, which aggregates them (see
    :meth:`from_cache`) and stays until the loader exits.
    """

    def __init__(
        self,
        active: Sequence[ActiveRule],
        stage: Stage | None = None,
        progress: Callable[[int], None] | None = None,
        aside: bool = False,
        rewriting: bool = False,
    ) -> None:
        self.active = active
        self.stage = stage
        self.progress = progress
        self.aside = aside
        #: The caller checks the file again after rewriting it (``fix``): the
        #: aggregator stays, with its memos, for :meth:`aggregated_again`.
        self.rewriting = rewriting
        self._files: dict[str, Prepared] = {}
        #: The process holding the set-aside summaries of file ``_holding``.
        self._aggregator: ProcessPoolExecutor | None = None
        self._holding = ""
        self._absorbing: list[Future[None]] = []
        self._kept = ExitStack()

    def __enter__(self) -> Loader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._close()

    def _close(self) -> None:
        """Let the aggregator go."""
        self._aggregator = None
        self._holding = ""
        self._absorbing = []
        self._kept.close()

    def __call__(self, path: str | Path, limit: int) -> Library:
        """Return the library at ``path``, its entries checked here left out."""
        self._take_back()  # a second file: the first one's rules aggregate here
        with self._early(path) as pool:
            absorb = None
            if pool is not None and self.aside:
                self._aggregator = self._kept.enter_context(_aggregator())
                absorb = self._absorb
            text = parse.read(path, limit)
            found = _checked(
                text, str(path), self.active, self.stage, self.progress, pool, absorb
            )
        if found is None:
            self._close()
            if self.stage is not None:
                self.stage(f"parsing {path}", None)
            return parse.loads(text, str(path))
        library, known, aside = found
        known = _restored(known, aside, _aside(self.active))
        if self._aggregator is not None:
            self._holding = library.path
        self._files[library.path] = Prepared(library, known, [], {}, {}, {})
        return library

    def _absorb(self, pieces: tuple[bytes, ...]) -> None:
        """Send one chunk's set-aside summaries to the aggregator."""
        assert self._aggregator is not None
        self._absorbing.append(self._aggregator.submit(_absorb, pieces))

    def _take_back(self) -> None:
        """Put the summaries the aggregator holds back in their file's entries."""
        if self._aggregator is not None and self._holding:
            columns = self._aggregator.submit(_give_back).result()
            known = self._files[self._holding].known
            known[:] = _restored(known, [(b"", *columns)], _aside(self.active))
        self._close()

    def _early(
        self, path: str | Path
    ) -> AbstractContextManager[ProcessPoolExecutor | None]:
        """Return the workers for ``path``, forked before it is read if it is large."""
        try:
            size = os.stat(path).st_size
        except OSError:
            size = 0
        if size < 2 * chunk_size() * _SEGMENT_BYTES or not _usable(self.active):
            return nullcontext(None)
        return forked(str(path), self.active, self.aside)

    def known(self) -> int:
        """Return how many entries were checked here (lint counts them again)."""
        return sum(len(prepared.known) for prepared in self._files.values())

    def aggregated_again(
        self,
        libraries: Sequence[Library],
        known: Mapping[str, list[Known]],
        layouts: Mapping[str, Sequence[int | None]],
    ) -> Mapping[str, Callable[[], Sequence[Finding]]]:
        """For the check after rewriting: aggregate the set-aside rules there again.

        ``libraries`` and ``known`` are the files as they now are (``known``:
        the entries not parsed here, in order); ``layouts`` maps a rewritten
        file to the index of each of its known entries among those before
        (None: an entry the fixes changed, checked again here, whose
        summaries are sent). As in :meth:`from_cache`, the rules are
        aggregated there only for one file alone, with no entry parsed here;
        else their summaries are put back in that file's ``known`` entries
        (in place) and nothing is aggregated there.
        """
        path = self._holding
        if self._aggregator is None or not path:
            return {}
        entries = known.get(path)
        if entries is None:  # the file was parsed whole again (not verified)
            self._close()
            return {}
        rules = _aside(self.active)
        layout = layouts.get(path)
        relaid: Future[None] | None = None
        if layout is not None:  # rewritten: the entries moved
            protocol = pickle.HIGHEST_PROTOCOL
            heads = pickle.dumps([item.head for item in entries], protocol)
            fresh = [tuple(item.summaries[position] for position, _ in rules)
                     for item, index in zip(entries, layout, strict=True)
                     if index is None]  # fmt: skip
            # One process: its tasks run in the order sent.
            relaid = self._aggregator.submit(
                _relay, heads, list(layout), pickle.dumps(fresh, protocol)
            )
        library = next((item for item in libraries if item.path == path), None)
        if library is not None and len(libraries) == 1 and not library.entries:
            return _aggregating(
                self._aggregator, library, rules, self._close, True, relaid
            )
        given = self._aggregator.submit(_give_back)
        if relaid is not None:
            relaid.result()  # raises what failed there
        columns = given.result()
        entries[:] = _restored(entries, [(b"", *columns)], rules)
        self._close()
        return {}

    def apart(self) -> Callable[[Library], Callable[[], dict[int, Fresh]]] | None:
        """Return what checks a library's entries on the aggregator, if it stayed.

        It stays for a file to be rewritten (``rewriting``), and would idle
        while the fixes are made: the fix rounds check some of the fixed
        entries there (see ``fix._kept``).
        """
        aggregator = self._aggregator
        if aggregator is None or not self.rewriting:
            return None

        def start(library: Library) -> Callable[[], dict[int, Fresh]]:
            return aggregator.submit(_entry_results, library).result

        return start

    def from_cache(self, libraries: Sequence[Library] = ()) -> FromCache | None:
        """Return the entries checked here, for ``lint`` of ``libraries``.

        When ``libraries`` is the one file whose summaries were set aside,
        and its entries all come from the workers (none has a suppression
        comment, which the main process checks), the set-aside rules are
        aggregated in the aggregator, started now; otherwise their summaries
        are put back in the known entries, for lint to aggregate them.
        """
        if not self._files:
            return None
        files = self._files
        aggregated: Mapping[str, Callable[[], Sequence[Finding]]] = {}
        if self._aggregator is not None and self._holding:
            for absorbing in self._absorbing:
                absorbing.result()  # raises what failed there
            library = files[self._holding].library
            alone = len(libraries) == 1 and libraries[0] is library
            if alone and not library.entries:
                aggregated = _aggregating(
                    self._aggregator, library, _aside(self.active),
                    _stay if self.rewriting else self._close, self.rewriting,
                )  # fmt: skip
            else:
                self._take_back()
        return FromCache(
            {path: prepared.known for path, prepared in files.items()},
            {path: prepared.library.source for path, prepared in files.items()},
            lambda known: files[known.head.path].entry(known),
            aggregated=aggregated,
        )


def _aggregating(
    aggregator: ProcessPoolExecutor,
    library: Library,
    rules: Sequence[tuple[int, LibraryRule]],
    close: Callable[[], None],
    remember: bool = False,
    after: Future[None] | None = None,
) -> dict[str, Callable[[], Sequence[Finding]]]:
    """Start each set-aside rule's aggregate step; return the waits for them.

    The first wait waits for every rule, then ``close`` lets the aggregator
    go: what it holds would add to the main process's peak, still to come.
    ``remember``: see :func:`_aggregate_held`. ``after`` is the task that
    readied the summaries (sent before): the first wait raises what failed
    there.
    """
    shelf = Shelf(
        library.path, library.strings, library.failures, library.overflows, ()
    )
    futures = {
        rule.code: aggregator.submit(_aggregate_held, number, shelf, remember)
        for number, (_, rule) in enumerate(rules)
    }

    def wait(code: str) -> Sequence[Finding]:
        concurrent.futures.wait(futures.values())
        close()
        if after is not None:
            after.result()
        return futures[code].result()

    return {code: partial(wait, code) for code in futures}


def _stay() -> None:
    """Keep the aggregator, for the check after rewriting (Loader.aggregated_again)."""
