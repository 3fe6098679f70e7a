"""What ``citeman fix`` tells its user: each file's fixes, each fix, the summary."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path

from citeman.fix import Applied, Outcome
from citeman.printable import visible
from citeman.problem import Problem


def per_file(path: Path, applied: Sequence[Applied], verb: str) -> str:
    """Say how many fixes went to which entries, naming the fields of each."""
    fields: dict[str, list[str]] = {}
    for item in applied:
        names = fields.setdefault(item.key, [])
        if item.fix.field not in names:
            names.append(item.fix.field)
    entries = ", ".join(f"{key} ({', '.join(names)})" for key, names in fields.items())
    count = _plural(len(applied), "problem")
    return f"{path}: {verb} {count} in {_plural(len(fields), 'entry')}: {entries}"


def pending_summary(pending: int, outcomes: Sequence[Outcome], unsafe: bool) -> str:
    """Say how many fixes ``--diff``/``--check`` found, and how to apply them."""
    if not pending:
        return "Nothing to fix."
    files = sum(1 for outcome in outcomes if outcome.applied)
    command = "citeman fix --unsafe-fixes" if unsafe else "citeman fix"
    return (
        f"{_plural(pending, 'fix')} pending in {_plural(files, 'file')};"
        f" run `{command}` to apply them."
    )


def summary(
    outcomes: Sequence[Outcome],
    failed: AbstractSet[int],
    problems: Sequence[Problem],
    unsafe: bool,
) -> str:
    """Say what was fixed and what remains; ``failed`` are positions not written."""
    done = [
        outcome
        for index, outcome in enumerate(outcomes)
        if outcome.applied and index not in failed
    ]
    count = sum(len(outcome.applied) for outcome in done)
    head = (
        f"Fixed {_plural(count, 'problem')} in {_plural(len(done), 'file')}."
        if count
        else "Nothing fixed."
    )
    if not problems:
        return f"{head} No problems remain."
    more = sum(1 for p in problems if p.fix is not None and not p.fix.safe)
    hint = (
        f" {_plural(more, 'more problem')} can be fixed with `--unsafe-fixes`."
        if more and not unsafe
        else ""
    )
    remain = "remains" if len(problems) == 1 else "remain"
    return (
        f"{head} {_plural(len(problems), 'problem')} {remain};"
        f" run `citeman check` to see them.{hint}"
    )


def fix_lines(path: Path, source: str, applied: Sequence[Applied]) -> list[str]:
    """Return ``--show-fixes``' line for each fix: where, which rule, old -> new.

    Positions are those of the file before fixing.
    """
    lines = []
    numbers = _line_numbers(source, [item.fix.offset for item in applied])
    for item in applied:
        fix = item.fix
        line = numbers[fix.offset]
        column = fix.offset - source.rfind("\n", 0, fix.offset)
        unsafe = "" if fix.safe else " (unsafe)"
        lines.append(
            f"{visible(str(path))}:{line}:{column}: {item.code} [{item.rule}]"
            f" {fix.old!r} -> {fix.new!r}{unsafe}"
        )
    return lines


def _line_numbers(source: str, offsets: Sequence[int]) -> dict[int, int]:
    """Return the line of each offset, counting the text once (not once per fix)."""
    numbers = {}
    line, position = 1, 0
    for offset in sorted(set(offsets)):
        line += source.count("\n", position, offset)
        position = offset
        numbers[offset] = line
    return numbers


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("y"):
        return f"{count} {noun[:-1]}ies"
    if noun.endswith("x"):
        return f"{count} {noun}es"
    return f"{count} {noun}s"
