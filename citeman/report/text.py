"""The human format: ``file:line:col: CODE [name] message``, then a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from citeman.printable import visible
from citeman.problem import Fix, Problem

Style = Callable[[str, str], str]


def _plain(text: str, role: str) -> str:
    return text


def render(problems: Sequence[Problem], style: Style = _plain) -> str:
    """Return one line per problem and a summary line.

    ``style(text, role)`` may colour a piece (roles: location, code, fixable,
    error, warning, info, summary); the default leaves text plain.
    """
    lines = [line(problem, style) for problem in problems]
    lines.append(style(summary(problems), "summary"))
    return "\n".join(lines) + "\n"


def line(problem: Problem, style: Style = _plain) -> str:
    """Return the one-line form of a problem; ``[*]`` marks a fixable one."""
    where = f"{visible(problem.path)}:{problem.span.line}:{problem.span.column}:"
    mark = ""
    if problem.fix is not None:
        mark = " " + style("[*]" if problem.fix.safe else "[*unsafe]", "fixable")
    return (
        f"{style(where, 'location')} {style(problem.code, problem.severity.value)}"
        f" [{problem.rule}]{mark} {visible(problem.message)}"
    )


def fix_line(fix: Fix, style: Style = _plain) -> str:
    """Return the indented line ``--show-fixes`` prints under a fixable problem."""
    kind = "fix" if fix.safe else "unsafe fix"
    return f"    {style(kind, 'fixable')}: {fix.old!r} -> {fix.new!r}"


def summary(problems: Sequence[Problem]) -> str:
    """Return e.g. ``Found 3 problems (1 error, 2 warnings); 1 fixable with …``."""
    if not problems:
        return "No problems found."
    counts = Counter(problem.severity.value for problem in problems)
    parts = [
        f"{counts[name]} {name}{'' if counts[name] == 1 or name == 'info' else 's'}"
        for name in ("error", "warning", "info")
        if counts[name]
    ]
    total = len(problems)
    text = f"Found {total} problem{'' if total == 1 else 's'} ({', '.join(parts)})."
    safe = sum(1 for problem in problems if problem.fix and problem.fix.safe)
    unsafe = sum(1 for problem in problems if problem.fix and not problem.fix.safe)
    if safe:
        text += f" {safe} fixable with `citeman fix`."
    if unsafe:
        text += (
            f" {unsafe} more {'problem' if unsafe == 1 else 'problems'} can be fixed"
            " with `citeman fix --unsafe-fixes`."
        )
    return text


def statistics(problems: Sequence[Problem]) -> str:
    """Return a table of how often each rule fired, most frequent first."""
    counts = Counter((problem.code, problem.rule) for problem in problems)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{count:>6}  {code}  {name}\n" for (code, name), count in rows)
