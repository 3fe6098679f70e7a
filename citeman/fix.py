"""Apply fixes to source text: each replaces exactly the bytes of one value part.

``apply`` makes one round of replacements. ``fix_library`` repeats lint and
apply until nothing more applies, because one fix can reveal or unblock another
(two fixes in one value overlap, so only one of them is taken per round).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from citeman import lint, parse
from citeman.config import ActiveRule
from citeman.lint import Fresh, Known, Stage
from citeman.model import Entry, Library, ParseFailure
from citeman.problem import Fix, Problem
from citeman.rules.base import DoiResolver, EntryRule

#: What may be a field name in a fix's text (BibTeX allows - : . + in names).
_NAME = re.compile(r"[A-Za-z][\w\-:.+]*")

#: Rounds of lint and apply; real fixes settle in two, the bound stops a cycle.
PASSES = 5
#: Fewer changed entries than this are all checked in this process (see _kept).
APART_LEAST = 500

#: Starts checking a library's entries in another process (what
#: ``lint.entry_results`` finds); returns the wait for the results.
Apart = Callable[[Library], Callable[[], dict[int, Fresh]]]


@dataclass(frozen=True, slots=True)
class Applied:
    """A fix that was applied, with the entry and the rule it came from."""

    key: str
    code: str
    rule: str
    fix: Fix


@dataclass(frozen=True, slots=True)
class Outcome:
    """The fixed text of a library, and what changed.

    ``changed`` maps the index of each fixed entry to the names of the fields
    its fixes touched: the only values that may differ from the original.
    ``spans`` maps the same indexes to where each of those entries now lies in
    ``source`` (start and end offsets), and ``was`` to where it lay in the
    original: a diff is built from the two.
    """

    source: str
    applied: tuple[Applied, ...]
    changed: Mapping[int, frozenset[str]]
    spans: Mapping[int, tuple[int, int]] = dataclasses.field(default_factory=dict)
    was: Mapping[int, tuple[int, int]] = dataclasses.field(default_factory=dict)
    #: What the per-entry pass found in each changed entry as it now is (by
    #: index: problems vetted, summaries), when ``fix_library`` kept it.
    results: Mapping[int, Fresh] = dataclasses.field(default_factory=dict)


def apply(source: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Return ``source`` with the non-overlapping ``fixes`` applied, and those applied.

    A fix whose ``old`` text is no longer at its offset, or that overlaps one
    already taken (the earlier in the file wins), is skipped; a second run of
    ``check`` reports what is left.
    """
    chosen: list[Fix] = []
    end = -1
    for fix in sorted(fixes, key=lambda fix: (fix.offset, -len(fix.old))):
        if (
            fix.offset < end
            or source[fix.offset : fix.offset + len(fix.old)] != fix.old
        ):
            continue
        chosen.append(fix)
        end = fix.offset + len(fix.old)
    pieces = []
    position = 0
    for fix in chosen:
        pieces.append(source[position : fix.offset])
        pieces.append(fix.new)
        position = fix.offset + len(fix.old)
    pieces.append(source[position:])
    return "".join(pieces), chosen


def fix_library(
    library: Library,
    active: Sequence[ActiveRule],
    *,
    unsafe: bool = False,
    resolver: DoiResolver | None = None,
    found: Sequence[Problem] | None = None,
    known: Sequence[Known] = (),
    stage: Stage | None = None,
    advance: Callable[[int], None] | None = None,
    keep: bool = False,
    fields: bool = True,
    apart: Apart | None = None,
) -> Outcome:
    """Return ``library``'s text with every applicable fix applied, round by round.

    ``found`` are the problems already found in ``library`` (linted together with
    the other files, as ``check`` does); without them the first round lints it.
    ``known`` are the entries ``library`` leaves out because they were checked
    by chunks (``citeman.chunked``): only those that fixes lie in are parsed.
    Only fixes inside an entry and outside every unparsable block are taken, so
    broken blocks, comments and macros stay byte-identical. After the first
    round only the entries just fixed are parsed and linted again, by the
    entry rules that fix: the others cannot have changed, which keeps a large
    library's second round cheap.
    ``stage`` is told when each round starts (a progress line), and
    ``advance`` counts the entries each round checks again, then the problems
    it vets.

    ``keep`` keeps what each round's check of the entries it fixed finds,
    library rules' summaries included (``Outcome.results``): the check after
    writing takes it instead of checking those entries again.

    ``fields=False`` says the caller will not write the text, so the field
    names in ``Outcome.changed`` (which only writing verifies against) need
    not be worked out for the entries checked by chunks: the first round then
    finds each fix's entry by the ``known`` positions instead of parsing
    those entries again (their sets of names are left empty).

    ``apart``, if given, checks half of a large round's entries in another
    process meanwhile (kept results only).
    """
    # Later rounds look only for fixes: rules that declare none need not run
    # (unless the kept results stand in for the final check).
    fixing_rules = [
        item for item in active if isinstance(item.rule, EntryRule) and item.rule.fixes
    ]
    keep = keep and resolver is None  # the per-entry pass kept works offline
    source = library.source
    problems = (
        lint.lint([library], active, resolver=resolver) if found is None else found
    )
    # Where each entry of the original sits in the current text, by index.
    every = _slots(library, known)
    ranges = [(slot.start, slot.end) for slot in every]
    if not fields and known:
        slots, failures = every, library.failures
        index_of = {slot.start: index for index, slot in enumerate(every)}
    else:
        if stage is not None and known:
            stage(f"fixing {library.path}: reading the entries to fix", None)
        current, index_of = _owning(library, ranges, problems, unsafe, bool(known))
        slots, failures = _slots(current), current.failures
    was = ranges
    applied: list[Applied] = []
    changed: dict[int, set[str]] = {}
    results: dict[int, Fresh] = {}
    for number in range(1, PASSES + 1):
        label = f"fixing {library.path}: round {number}"
        if stage is not None:
            stage(label, None)
        owners = _owners(slots, failures, problems, unsafe)
        source, chosen = apply(source, owners)
        if not chosen:
            break
        touched = set()
        for fix in chosen:
            slot, problem = owners[fix]
            index = index_of[slot.start]
            touched.add(index)
            names = changed.setdefault(index, set())
            if slot.entry is not None:
                names.update(_fields_under(slot.entry, fix))
            applied.append(Applied(slot.key, problem.code, problem.rule, fix))
        for index in touched:
            results.pop(index, None)  # found in the text before this round
        ranges = _shifted(ranges, chosen)
        if stage is not None:
            stage(label, len(touched))  # the entries to check again
        current = parse.loads(_blank_except(source, ranges, touched), library.path)
        index_of = {ranges[index][0]: index for index in touched}
        if any(entry.offset not in index_of for entry in current.entries):
            break  # the fixed text parses differently; verification will say where
        slots, failures = _slots(current), current.failures
        if keep:
            problems = _kept(current, active, index_of, results, apart)
            if stage is not None and advance is not None:
                advance(len(touched))
            continue
        problems = lint.lint(
            [current], fixing_rules, resolver=resolver,
            progress=advance if stage is not None else None,
            stage=_within(stage, label),
        )  # fmt: skip
    return Outcome(
        source,
        tuple(applied),
        {index: frozenset(names) for index, names in changed.items()},
        {index: ranges[index] for index in changed},
        {index: was[index] for index in changed},
        results,
    )


def _kept(
    current: Library,
    active: Sequence[ActiveRule],
    index_of: Mapping[int, int],
    results: dict[int, Fresh],
    apart: Apart | None = None,
) -> list[Problem]:
    """Check ``current``'s entries; keep each one's results in ``results``.

    Return their problems as the entry rules' lint orders them: the offline
    per-entry pass (``lint.entry_results``) finds and vets the same ones.
    Each entry's results depend on it alone, so ``apart`` may check the
    second half of many while this process checks the first (at 50,000
    entries, round 1 checks ~5,000 again: ~1.2 s on one CPU).
    """
    entries = current.entries
    if apart is None or len(entries) < APART_LEAST:
        fresh = lint.entry_results(current, active)
    else:
        half = len(entries) // 2
        # Only the entries are sent: not the text of the whole file.
        sent = dataclasses.replace(current, source="", entries=entries[half:])
        wait = apart(sent)
        here = dataclasses.replace(current, entries=entries[:half])
        fresh = lint.entry_results(here, active)
        fresh.update(wait())
    problems: list[Problem] = []
    for entry in current.entries:
        found = fresh[entry.offset]
        results[index_of[entry.offset]] = found
        problems += found.problems
    problems.sort(key=lambda problem: problem.sort_key)
    return problems


def _within(stage: Stage | None, label: str) -> Stage | None:
    """Return ``stage`` naming the stages of a round's check after ``label``."""
    if stage is None:
        return None
    told = stage
    return lambda name, total: told(f"{label}: {name}", total)


def places(library: Library, known: Sequence[Known] = ()) -> list[tuple[int, int]]:
    """Return where each entry lies (start and end offsets), in file order.

    That is the parsed entries of ``library`` and the ``known`` ones it leaves
    out (checked by chunks), merged.
    """
    return [(slot.start, slot.end) for slot in _slots(library, known)]


def _owning(
    library: Library,
    ranges: Sequence[tuple[int, int]],
    problems: Sequence[Problem],
    unsafe: bool,
    partial: bool,
) -> tuple[Library, dict[int, int]]:
    """Return the library with (at least) the entries the wanted fixes lie in.

    Also the index of each of its entries among all ``ranges``, by offset. A
    ``partial`` library (its other entries checked by chunks) is parsed again
    with every other entry blanked out, as later rounds are; should that not
    give those entries where they were, the whole text is parsed.
    """
    if partial:
        starts = [start for start, _ in ranges]
        wanted = set()
        for problem in problems:
            fix = problem.fix
            if fix is not None and (fix.safe or unsafe):
                index = bisect_right(starts, fix.offset) - 1
                if index >= 0 and fix.offset + len(fix.old) <= ranges[index][1]:
                    wanted.add(index)
        blanked = _blank_except(library.source, ranges, wanted)
        current = parse.loads(blanked, library.path)
        parsed = {
            (entry.offset, entry.offset + len(entry.raw)) for entry in current.entries
        }
        if all(ranges[index] in parsed for index in wanted):
            return current, {ranges[index][0]: index for index in wanted}
        library = parse.loads(library.source, library.path)
    return library, {entry.offset: index for index, entry in enumerate(library.entries)}


class _Slot(NamedTuple):
    """An entry a fix may lie in: its offsets and key, and the entry if parsed."""

    start: int
    end: int
    key: str
    entry: Entry | None


def _slots(library: Library, known: Sequence[Known] = ()) -> list[_Slot]:
    """Return the entries of ``library`` and the ``known`` ones, in file order."""
    slots = [
        _Slot(entry.offset, entry.offset + len(entry.raw), entry.key, entry)
        for entry in library.entries
    ]
    if known:
        slots += [
            _Slot(item.head.offset, item.head.offset + item.length, item.head.key, None)
            for item in known
        ]
        slots.sort(key=lambda slot: slot.start)
    return slots


def _owners(
    slots: Sequence[_Slot],
    failures: Sequence[ParseFailure],
    problems: Sequence[Problem],
    unsafe: bool,
) -> dict[Fix, tuple[_Slot, Problem]]:
    """Map each wanted fix to the entry it lies in, dropping fixes outside entries.

    ``failures`` are the file's broken blocks: fixes reaching into them are
    dropped too.
    """
    starts = [slot.start for slot in slots]
    broken = sorted((failure.offset, failure.offset + len(failure.raw))
                    for failure in failures)  # fmt: skip
    broken_starts = [start for start, _ in broken]
    owners: dict[Fix, tuple[_Slot, Problem]] = {}
    for problem in problems:
        fix = problem.fix
        if fix is None or not (fix.safe or unsafe):
            continue
        position = bisect_right(starts, fix.offset) - 1
        if position < 0:
            continue
        slot = slots[position]
        end = fix.offset + len(fix.old)
        if end > slot.end:
            continue
        # Broken blocks do not overlap, so only the last one starting before
        # the fix's end can reach into it.
        last = bisect_right(broken_starts, max(end, fix.offset + 1) - 1) - 1
        if last >= 0 and broken[last][1] > fix.offset:
            continue
        owners.setdefault(fix, (slot, problem))
    return owners


def _fields_under(entry: Entry, fix: Fix) -> set[str]:
    """Return the names of the fields the fix may change, add or remove.

    That is the fix's field and every field whose value it overlaps; a fix that
    reaches outside one value (renaming a field, moving a value to another
    field) may also touch every field named in its old or new text. A fix that
    names the fields it writes touches exactly those.
    """
    if fix.fields:
        return {fix.field, *(name for name, _ in fix.fields)}
    end = fix.offset + len(fix.old)
    names = {fix.field}
    within_value = False
    for field in (*entry.fields.values(), *entry.repeated):
        stop = field.offset + len(field.raw)
        if field.offset < max(end, fix.offset + 1) and fix.offset < max(stop, 1):
            names.add(field.name)
        within_value = within_value or (field.offset <= fix.offset and end <= stop)
    if not within_value:
        names.update(name.lower() for name in _NAME.findall(f"{fix.old} {fix.new}"))
    return names


def _shifted(
    ranges: Sequence[tuple[int, int]], fixes: Sequence[Fix]
) -> list[tuple[int, int]]:
    """Move each (start, end) range by the length changes of the fixes before it."""
    ends = [fix.offset + len(fix.old) for fix in fixes]
    totals = [0]
    for fix in fixes:
        totals.append(totals[-1] + len(fix.new) - len(fix.old))
    # Fixes never straddle a range edge (they lie inside one entry), so a range
    # moves by the fixes that end at or before each of its edges.
    return [
        (
            start + totals[bisect_right(ends, start)],
            end + totals[bisect_right(ends, end)],
        )
        for start, end in ranges
    ]


def _blank_except(
    source: str, ranges: Sequence[tuple[int, int]], kept: set[int]
) -> str:
    """Return ``source`` with every entry not in ``kept`` turned into ``-``.

    Each blanked entry keeps its length, its number of lines and the length
    of its last line, so the kept entries keep their offsets, lines and
    columns, and comments, macros and broken blocks between entries stay as
    they were. The filler is neither blank (bibtexparser walks blank text
    between blocks one character at a time, which made this parse half as
    slow as the whole file's) nor a word character or a mark its splitter
    looks for.
    """
    pieces = []
    position = 0
    for index, (start, end) in enumerate(ranges):
        if index in kept:
            continue
        pieces.append(source[position:start])
        pieces.append(_filler(source, start, end))
        position = end
    pieces.append(source[position:])
    return "".join(pieces)


def _filler(source: str, start: int, end: int) -> str:
    """Return the filler for ``source[start:end]``: ``-`` lines, as many, as long.

    Its first line takes what the inner lines give up: each of those is one
    ``-`` (built by repeating one piece, not line by line: this runs for
    every entry of a large file). Only the last line's length matters to
    what follows on it; where the lines are too short to give up anything,
    every line keeps its length.
    """
    lines = source.count("\n", start, end)
    if not lines:
        return "-" * (end - start)
    last = source.rfind("\n", start, end) - start
    first = last - 2 * (lines - 1)
    if first < 1:
        return "\n".join("-" * len(line) for line in source[start:end].split("\n"))
    inner = "\n-" * (lines - 1)
    return "-" * first + inner + "\n" + "-" * (end - start - last - 1)
