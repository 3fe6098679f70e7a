"""GitHub Actions workflow commands, shown as annotations on the changed lines."""

from __future__ import annotations

from collections.abc import Sequence

from citeman.printable import visible
from citeman.problem import Problem, Severity

_LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def _escape_data(text: str) -> str:
    """Escape as the runner expects; other controls become visible escapes."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(problems: Sequence[Problem]) -> str:
    """Return one ``::error file=…,line=…::message`` command per problem."""
    lines = []
    for problem in problems:
        span = problem.span
        properties = ",".join(
            (
                f"file={_escape_property(problem.path)}",
                f"line={span.line}",
                f"col={span.column}",
                f"endLine={span.end_line}",
                f"endColumn={span.end_column}",
                f"title={_escape_property(f'{problem.code} {problem.rule}')}",
            )
        )
        message = _escape_data(problem.message)
        lines.append(f"::{_LEVELS[problem.severity]} {properties}::{message}")
    return "".join(line + "\n" for line in lines)
